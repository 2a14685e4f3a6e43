"""Revoking and rotating the client-data key: a disabled or reset holder's grant is dropped and a
rotation marked due; the rotation re-keys clients.db under a new key re-sealed only to grants whose
MAC holds and whose holder is still active in the same role. Crash-safe: the new grants are written
as 'next' first, and sign-in finishes or discards an interrupted rotation (services/client_access.py)."""

from __future__ import annotations

from desktop_app.domain.staff_member import StaffMember
from desktop_app.services.audit_trail import record
from desktop_app.services.client_key_grants import (
    grant_is_valid,
    new_grant,
    record_holders,
    require_client_key,
)
from desktop_app.services.signed_in import SignedIn
from desktop_app.store import client_schema
from desktop_app.store.client_key_repository import (
    CURRENT,
    EPOCH,
    FINGERPRINT,
    NEXT,
    NEXT_AUTHORISATION,
    NEXT_FINGERPRINT,
    ClientKeyRepository,
    Grant,
)
from desktop_app.store.client_keys import (
    RECOVERY_HOLDER_ID,
    client_key_fingerprint,
    new_client_key,
    rotation_authorisation,
    wrap_next_key,
)
from desktop_app.store.fault_points import fault_point
from desktop_app.store.staff_repository import StaffRepository


def revoke_in_transaction(ctx: SignedIn, member: StaffMember, reason: str) -> bool:
    """Inside the caller's transaction: drop ``member``'s grant and, if they held the key, mark a
    rotation due. Returns whether they held it."""
    db = ctx.db
    repo = ClientKeyRepository(db)
    held = repo.remove(member.id)
    if held:
        repo.add_rotation_reason(reason)
    return held


def rotate_client_key(ctx: SignedIn, *, reason: str) -> int:
    """Re-key ``clients.db`` under a new client-data key, re-sealed only to grants whose MAC holds
    and whose holder is still active in the same role with the same slot. Returns the number of
    grants kept. Crash-safe: the new grants are written as 'next' first; sign-in finishes or
    discards an interrupted rotation."""
    session, db = ctx.session, ctx.db
    old_key = require_client_key(ctx)
    repo = ClientKeyRepository(db)
    staff = {m.id: m for m in StaffRepository(db).list()}
    kept: list[Grant] = []
    dropped = 0
    for grant in repo.grants(CURRENT):
        member = staff.get(grant.holder_id)
        still_holder = grant.holder_id == RECOVERY_HOLDER_ID or (
            member is not None
            and member.active
            and member.role.value == grant.role
            and member.slot_public_key == grant.public_key
        )
        if grant_is_valid(old_key, grant) and still_holder:
            kept.append(grant)
        else:
            dropped += 1
    new_key = new_client_key()
    epoch = repo.epoch() + 1
    reasons = repo.rotation_reasons()
    with db.transaction():
        repo.drop_state(NEXT)
        for grant in kept:
            repo.put(
                new_grant(
                    ctx,
                    new_key,
                    holder_id=grant.holder_id,
                    role=grant.role,
                    public_key=grant.public_key,
                    epoch=epoch,
                    state=NEXT,
                )
            )
        repo.set_text(NEXT_FINGERPRINT, client_key_fingerprint(new_key))
        repo.set_chain_entry(epoch - 1, wrap_next_key(old_key, new_key, epoch=epoch - 1))
        repo.set_text(
            NEXT_AUTHORISATION,
            rotation_authorisation(old_key, next_fingerprint=client_key_fingerprint(new_key), epoch=epoch),
        )
        record(
            ctx,
            "keys.client_rotation",
            target_type="database",
            target_id="clients.db",
            details={
                "phase": "started",
                "reason": reason,
                "due_because": reasons,
                "grants_kept": len(kept),
                "grants_dropped": dropped,
            },
        )
    fault_point("client-rekey:next-written")
    db.rekey(new_key, client_schema.SCHEMA)
    fault_point("client-rekey:rekeyed")
    finish_rotation(ctx, repo, new_key, late=False)
    session.client_key, session.client_epoch = new_key, epoch
    return len(kept)


def finish_rotation(ctx: SignedIn, repo: ClientKeyRepository, new_key: bytes, *, late: bool) -> None:
    db = ctx.db
    epoch = max((g.epoch for g in repo.grants(NEXT)), default=repo.epoch() + 1)
    with db.transaction():
        repo.promote_next()
        record_holders(ctx, new_key)
        repo.set_text(FINGERPRINT, client_key_fingerprint(new_key))
        repo.set_text(NEXT_FINGERPRINT, None)
        repo.set_text(NEXT_AUTHORISATION, None)
        repo.set_text(EPOCH, str(epoch))
        repo.clear_rotation()
        record(
            ctx,
            "keys.client_rotation",
            target_type="database",
            target_id="clients.db",
            details={"phase": "completed", "finished_at_sign_in": late, "epoch": epoch},
        )
