"""Rotating the database key (``rekey``) and restoring access with the recovery code (``recover``).

Rekey is crash-safe: (1) the slots re-sealed to the new key are written to ``keyslots.next.json``;
(2) SQLCipher ``PRAGMA rekey`` rewrites the database in one transaction; (3) the new slot file is
renamed over the old one. Sign-in finishes or discards an interrupted rotation (store/unlock.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.permissions import Action
from desktop_app.domain.recovery_code import new_recovery_code, normalize_code
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.context import AppContext
from desktop_app.services.staff_accounts import temporary_password
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.data_dir import write_private_file
from desktop_app.store.fault_points import fault_point
from desktop_app.store.key_slots import (
    KIND_PASSWORD,
    KIND_RECOVERY,
    RECOVERY_NAME,
    KeySlotFile,
    SlotOpenFailed,
    key_fingerprint,
    load_key_slots,
    make_slot,
    new_database_key,
    reseal,
)
from desktop_app.store.signin_state import SignInStateStore
from desktop_app.store.staff_repository import StaffRepository
from desktop_app.store.unlock import unlock


class RecoveryFailed(BranchVaultError):
    code = "recovery_failed"


def rotate_database_key(ctx: AppContext) -> int:
    """Rotate the database key and re-seal every slot. Returns the number of slots re-sealed."""
    check_permission(ctx, Action.KEYS_ROTATE)
    config = ctx.require_config()
    session, db = ctx.require_session()
    current = load_key_slots(ctx.paths.key_slots, config.branch_id)
    new_key = new_database_key()
    pending = KeySlotFile(
        config.branch_id,
        key_fingerprint(new_key),
        current.db_salt,
        {
            name: reseal(slot, branch_id=config.branch_id, db_key=new_key)
            for name, slot in current.slots.items()
        },
    )
    with db.transaction():
        record(
            ctx,
            "keys.rekey",
            target_type="database",
            target_id="branch.db",
            outcome="success",
            details={"phase": "started", "slots": len(pending.slots)},
        )
    write_private_file(ctx.paths.key_slots_pending, pending.to_json())
    fault_point("rekey:pending-written")
    db.rekey(new_key)
    fault_point("rekey:database-rekeyed")
    os.replace(ctx.paths.key_slots_pending, ctx.paths.key_slots)
    fault_point("rekey:slots-replaced")
    session.db_key = new_key
    with db.transaction():
        record(
            ctx,
            "keys.rekey",
            target_type="database",
            target_id="branch.db",
            details={"phase": "completed", "slots": len(pending.slots)},
        )
    return len(pending.slots)


@dataclass(frozen=True)
class RecoveryResult:
    username: str
    temporary_password: str
    new_recovery_code: str
    device_secret_replaced: bool
    users_needing_reset: list[str]


def recover_access(ctx: AppContext, recovery_code: str, admin_username: str) -> RecoveryResult:
    """Open the database with the recovery code and give ``admin_username`` (an IT admin) a new
    temporary password. If this PC's keyring lost the device secret, a new one is created and the
    other staff slots (bound to the old one) are removed: IT resets those passwords next.
    The recovery code is replaced by a new one, shown once."""
    config = ctx.require_config()
    try:
        code = normalize_code(recovery_code)
    except ValueError:
        raise InvalidInput(
            "恢复码格式不正确（应为 25 个字符，5 个一组）。",
            "That is not a recovery code (25 characters in groups of 5).",
        ) from None
    try:
        unlocked = unlock(ctx.paths, config.branch_id, RECOVERY_NAME, code, None, recovery=True)
    except SlotOpenFailed:
        raise RecoveryFailed("恢复码不正确。", "The recovery code is wrong.") from None
    db, db_key, slots = unlocked.database, unlocked.db_key, unlocked.slots
    staff = StaffRepository(db)
    admin = staff.get(admin_username)
    if admin is None or admin.role is not Role.IT_ADMIN:
        db.close()
        raise RecoveryFailed(
            f"{admin_username} 不是 IT 管理员账户。", f"{admin_username} is not an IT administrator."
        )

    device_secret: bytes | None = None
    replaced = False
    removed: list[str] = []
    if config.use_keyring:
        from desktop_app.store.device_secret import DeviceSecretMissing

        try:
            device_secret = ctx.secrets.get(config.branch_id)
        except DeviceSecretMissing:
            device_secret = ctx.secrets.replace(config.branch_id)
            replaced = True
            removed = sorted(
                s.name for s in slots.slots.values() if s.kind == KIND_PASSWORD and s.device_bound
            )
            for name in removed:
                slots.remove(name)

    password = temporary_password()
    new_code = new_recovery_code()
    slots.put(
        make_slot(
            branch_id=config.branch_id,
            name=admin.username,
            kind=KIND_PASSWORD,
            secret=password,
            db_key=db_key,
            kdf=config.kdf,
            device_secret=device_secret,
        )
    )
    slots.put(
        make_slot(
            branch_id=config.branch_id,
            name=RECOVERY_NAME,
            kind=KIND_RECOVERY,
            secret=new_code,
            db_key=db_key,
            kdf=config.kdf,
            device_secret=None,
        )
    )
    now = ctx.clock()
    try:
        with db.transaction():
            staff.set_password_state(admin.id, must_change=True, changed_at=now)
            if not admin.active:
                staff.set_active(admin.id, True)
            AuditRepository(db).append(
                now=now,
                actor_id=admin.id,
                actor_username=admin.username,
                actor_role=admin.role.value,
                action="keys.recovery_used",
                target_type="staff",
                target_id=admin.username,
                details={"device_secret_replaced": replaced, "slots_removed": len(removed)},
            )
            slots.save(ctx.paths.key_slots)
    finally:
        db.close()
    SignInStateStore(ctx.paths.lockout).update(lambda state: state.accounts.pop(admin.username, None))
    needing = [n for n in removed if n != admin.username]
    return RecoveryResult(admin.username, password, new_code, replaced, needing)
