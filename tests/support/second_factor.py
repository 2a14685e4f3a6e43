"""Two-factor sign-in in tests: test branches are made with ``totp_it_admin`` 0 (``NO_TOTP``), the
way a branch sets it (``init --security-setting``), because tests sign in as IT everywhere; tests
of the second factor turn the policy back on with ``require_totp`` (``config set``, audited)."""

from __future__ import annotations

import time
from dataclasses import replace

from desktop_app.services.context import AppContext
from desktop_app.services.demo_totp_security import DEMO_TOTP_SECRET, DEMO_TOTP_USER
from desktop_app.services.second_factor import code_for
from tests.support.branch_settings import save_branch_settings

NO_TOTP: dict[str, object] = {"totp_it_admin": 0}
# the same for a CLI ``init``
NO_TOTP_ARGS = ("--security-setting", "totp_it_admin=0")


def require_totp(ctx: AppContext, *, it_admin: int = 1, manager: int = 0) -> None:
    """Set the branch's TOTP flags as IT does with ``config set --security``."""
    config = ctx.require_config()
    security = {**config.security, "totp_it_admin": it_admin, "totp_manager": manager}
    save_branch_settings(ctx, replace(config, security=security))


def current_code(secret: str, ctx: AppContext, offset_steps: int = 0) -> str:
    return code_for(secret, ctx.clock() + offset_steps * 30)


def demo_code(username: str) -> str | None:
    """The demo IT administrator's current code (the demo's printed secret), None for the others.
    One sign-in per 30-second step: a second one in the same step is a replay."""
    return code_for(DEMO_TOTP_SECRET, time.time()) if username == DEMO_TOTP_USER.username else None
