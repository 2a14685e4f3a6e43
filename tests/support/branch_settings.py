"""Changing a test branch's protected settings the way IT does (``config set``), for tests that
need other security settings, branch identity or KDF cost: editing ``branch.toml`` alone is
detected and undone at the next sign-in (services/branch_settings.py)."""

from __future__ import annotations

from desktop_app.domain.branch_settings import EDITABLE_IDENTITY
from desktop_app.services.branch_settings import change_settings
from desktop_app.services.context import AppContext, build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.branch_config import BranchConfig
from tests.support.contexts import context_of

IT_ADMIN = ("it.admin", "Adm1n!Secure#2026")


def save_branch_settings(
    ctx: AppContext | SignedIn, config: BranchConfig, *, it_admin: tuple[str, str] = IT_ADMIN
) -> None:
    """Store ``config``'s security settings (added to those already set), identity and KDF cost
    through the audited service, signed in as IT; ``ctx`` reloads the rewritten file."""
    it_ctx = sign_in(build_context(ctx.paths.root, clock=ctx.clock), *it_admin)
    try:
        change_settings(
            it_ctx,
            security=dict(config.security),
            identity={name: str(getattr(config, name)) for name in EDITABLE_IDENTITY},
            kdf=config.kdf,
        )
    finally:
        sign_out(it_ctx)
    context_of(ctx).reload_config()
