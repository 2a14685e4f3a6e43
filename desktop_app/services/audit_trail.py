"""Writing audit entries for the signed-in user, permission checks that audit refusals, and pseudonyms.

Every entry goes through ``record`` (or ``AuditRepository.append`` in the same transaction as one),
which also starts the chain's local witness on the open database (services/audit_witness.py).

Personal data never enters the audit log in plaintext: ``pseudonym`` turns a value (a searched phone
number, a changed ID number) into an HMAC keyed by a secret kept inside the client-data database, so
only holders of the client-data key can compute one (IT, who can read the audit log's database,
cannot test guessed phone numbers against it).

Actions on client data need the client-data key besides the role (services/client_access.py): a
session without it is refused here, audited, with the reason it has none. So is a member whose
quarter's privacy training is overdue (services/training_gate.py), and a manager or IT administrator
the policy requires to use two-factor sign-in who has not enrolled yet (services/second_factor.py).

An entry whose action a per-entry alert rule reads (``domain/alert_rules.ON_WRITE_ACTIONS``) is
checked by ``services/security_alerts.on_written`` in the same transaction; no other action pays
more than that set lookup.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Any

from desktop_app.domain.alert_rules import ON_WRITE_ACTIONS
from desktop_app.domain.permissions import CLIENT_DATA_ACTIONS, Action, can, require
from desktop_app.services.audit_witness import watch
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.meta_repository import CLIENT_META_TABLE, PSEUDONYM_KEY, MetaRepository

# a member the policy requires to use TOTP, not yet enrolled, may only do these (services/second_factor.py)
_WHILE_UNENROLLED = frozenset({Action.SECOND_FACTOR_ENROL, Action.OWN_PASSWORD_CHANGE})


def record(
    ctx: SignedIn,
    action: str,
    *,
    target_type: str = "",
    target_id: str = "",
    outcome: str = "success",
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Append an entry for the signed-in user. Must be called inside the action's transaction."""
    session, db = ctx.session, ctx.db
    watch(ctx)  # before the append: the first comparison sees the log as it was opened
    entry = AuditRepository(db).append(
        now=ctx.clock(),
        actor_id=session.staff_id,
        actor_username=session.username,
        actor_role=session.role.value,
        action=action,
        target_type=target_type,
        target_id=target_id,
        outcome=outcome,
        reason=reason,
        details=details,
    )
    if action in ON_WRITE_ACTIONS:  # the only cost other actions pay: one frozenset lookup
        from desktop_app.services.security_alerts import on_written  # local: import cycle

        on_written(ctx, entry)


def check_permission(ctx: SignedIn, action: Action) -> None:
    """Raise PermissionDenied for a refused action, after auditing the refusal (ASVS 7.2)."""
    session, db = ctx.session, ctx.db
    if session.must_enrol_second_factor and action not in _WHILE_UNENROLLED:
        with db.transaction():
            record(
                ctx,
                "access.denied",
                target_type="action",
                target_id=action.value,
                outcome="denied",
                details={"second_factor": "must_enrol"},
            )
        from desktop_app.services.second_factor import MustEnrolSecondFactor  # local: import cycle

        raise MustEnrolSecondFactor()
    if not can(session.role, action):
        with db.transaction():
            record(ctx, "access.denied", target_type="action", target_id=action.value, outcome="denied")
    require(session.role, action)
    if action in CLIENT_DATA_ACTIONS and session.holds_client_key:
        from desktop_app.services.client_access import ensure_still_holder  # local: import cycle

        ensure_still_holder(ctx)
    if action in CLIENT_DATA_ACTIONS and not session.holds_client_key:
        from desktop_app.services.client_access import require_client_key  # local: import cycle

        with db.transaction():
            record(
                ctx,
                "access.denied",
                target_type="action",
                target_id=action.value,
                outcome="denied",
                details={"client_access": session.client_access},
            )
        require_client_key(ctx)
    from desktop_app.services.training_gate import enforce_training_gate  # local: import cycle

    enforce_training_gate(ctx, action)  # the quarter's privacy training, once past its grace period


def ensure_pseudonym_key(ctx: SignedIn) -> bytes:
    db = ctx.db
    meta = MetaRepository(db, CLIENT_META_TABLE)
    key = meta.get(PSEUDONYM_KEY)
    if key is None:
        key = os.urandom(32)
        with db.transaction():
            meta.set(PSEUDONYM_KEY, key)
    return key


def pseudonym(ctx: SignedIn, value: str) -> str:
    """HMAC-SHA256 of ``value`` under the branch's pseudonym key, for the audit log."""
    key = ensure_pseudonym_key(ctx)
    return "hmac:" + hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
