"""The branch's setting for per-client rows in HQ summaries: shown to anyone signed in, changed by
a manager, every change audited.

Rule: off by default; a manager (``Action.EXPORT_APPROVE``: the role that approves what leaves the
branch) switches rows on with the company's legal basis — same legal entity, an entrustment
agreement (reference and expiry date; rows stop after it) or each client's separate consent — or
off again. The setting is kept in ``branch.db`` (``meta``, inside the encrypted database, so a text
editor on the data folder cannot switch it on); each change is one ``export.client_rows`` audit
entry with the old and new setting, in the same transaction. Reason: PIPL art. 23 (provision to
another handler needs a basis and, for consent, a separate one), art. 21 (entrusted processing is
bounded by its agreement); the audit entry is the accountability record (art. 54, 55).
"""

from __future__ import annotations

from datetime import date

from desktop_app.domain.hq_summary.client_rows import ClientRowsSetting, client_rows_setting
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.meta_repository import MetaRepository

SETTING_KEY = "hq_client_rows"
AUDIT_ACTION = "export.client_rows"


def client_rows_setting_of(ctx: SignedIn) -> ClientRowsSetting:
    """The setting in force (off when never set or unreadable)."""
    return ClientRowsSetting.from_json(MetaRepository(ctx.db).get(SETTING_KEY))


def set_client_rows(
    ctx: SignedIn,
    *,
    enabled: bool,
    legal_basis: str | None = None,
    reference: str = "",
    expires: str | date | None = None,
) -> ClientRowsSetting:
    """Change the setting (managers only; validated; audited with old and new values)."""
    check_permission(ctx, Action.EXPORT_APPROVE)
    new = client_rows_setting(enabled=enabled, legal_basis=legal_basis, reference=reference, expires=expires)
    with ctx.db.transaction():
        old = client_rows_setting_of(ctx)
        if old == new:
            return new
        MetaRepository(ctx.db).set(SETTING_KEY, new.to_json())
        record(
            ctx,
            AUDIT_ACTION,
            target_type="branch_setting",
            target_id=SETTING_KEY,
            details={"old": old.as_dict(), "new": new.as_dict()},
        )
    return new
