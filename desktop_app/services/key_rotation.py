"""Rotating the database key (``rekey``) and restoring access with the recovery code (``recover``).

Rekey is crash-safe: (1) the slots re-sealed to the new key are written to ``keyslots.next.json``;
(2) SQLCipher ``PRAGMA rekey`` rewrites the database in one transaction, checkpointed and synced;
(3) the new slot file is renamed over the old one. Sign-in finishes or discards an interrupted
rotation (store/unlock.py). Only slots whose public key the database records are re-sealed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.permissions import Action
from desktop_app.domain.recovery_code import new_recovery_code, normalize_code
from desktop_app.domain.roles import Role
from desktop_app.services import sign_in_attempts
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.context import AppContext
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import temporary_password
from desktop_app.services.staff_slots import install_slot, kdf_params, new_password_slot
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.data_dir import fsync_dir, write_private_file
from desktop_app.store.database import Database
from desktop_app.store.device_secret import DeviceSecretMissing
from desktop_app.store.fault_points import fault_point
from desktop_app.store.key_slot_changes import change_key_slots, slot_lock
from desktop_app.store.key_slots import (
    KIND_PASSWORD,
    KIND_RECOVERY,
    RECOVERY_NAME,
    KeySlot,
    KeySlotFile,
    SlotOpenFailed,
    key_fingerprint,
    load_key_slots,
    make_slot,
    new_database_key,
    reseal,
)
from desktop_app.store.meta_repository import RECOVERY_PUBLIC_KEY, MetaRepository
from desktop_app.store.staff_repository import StaffRepository
from desktop_app.store.unlock import unlock


class RecoveryFailed(BranchVaultError):
    code = "recovery_failed"


RECOVERY_SLOT_MISSING = (
    "密钥槽文件中没有恢复槽（恢复码因此无法使用）。请 IT 从与 branch.db 同一份备份恢复 keyslots.json；"
    "能登录的 IT 管理员可运行 branchvault rekey 后重新生成恢复码。",
    "The key-slot file has no recovery slot, so the recovery code cannot work. Ask IT to restore "
    "keyslots.json from the backup branch.db came from.",
)


def _known_slots(ctx: SignedIn, slots: KeySlotFile) -> tuple[dict[str, KeySlot], list[str]]:
    """The slots the database vouches for (active staff and the recovery slot, matched by public
    key), and the names of any others — a slot planted in the file is never re-sealed."""
    db = ctx.db
    recorded = StaffRepository(db).slot_public_keys()
    recovery_key = MetaRepository(db).get(RECOVERY_PUBLIC_KEY)
    if recovery_key is not None:
        recorded[RECOVERY_NAME] = recovery_key.decode("ascii")
    known: dict[str, KeySlot] = {}
    dropped: list[str] = []
    for name, slot in slots.slots.items():
        if recorded.get(name) == slot.public_key:
            known[name] = slot
        else:
            dropped.append(name)
    return known, sorted(dropped)


def rotate_database_key(ctx: SignedIn) -> int:
    """Rotate the database key and re-seal every known slot. Returns the number of slots re-sealed.

    Holds the key-slot lock throughout, so no other process changes slots or resolves the pending
    file meanwhile. The re-keyed pages are checkpointed into the database file (synced) before the
    new slot file replaces the old, so a power cut cannot leave slots for a key the file lacks.
    """
    check_permission(ctx, Action.KEYS_ROTATE)
    return rotate_database_key_now(ctx, reason="requested")


def rotate_database_key_now(ctx: SignedIn, *, reason: str) -> int:
    """The rotation itself, also run without IT's permission when keys must change: after a
    password change, and when a staff member who held keys is disabled or reset."""
    config = ctx.config
    session, db = ctx.session, ctx.db
    with slot_lock(ctx.paths):
        current = load_key_slots(ctx.paths.key_slots, config.branch_id)
        known, dropped = _known_slots(ctx, current)
        new_key = new_database_key()
        pending = KeySlotFile(
            config.branch_id,
            key_fingerprint(new_key),
            current.db_salt,
            {name: reseal(slot, branch_id=config.branch_id, db_key=new_key) for name, slot in known.items()},
        )
        with db.transaction():
            record(
                ctx,
                "keys.rekey",
                target_type="database",
                target_id="branch.db",
                details={
                    "phase": "started",
                    "reason": reason,
                    "slots": len(pending.slots),
                    "unknown_slots_dropped": len(dropped),
                },
            )
        write_private_file(ctx.paths.key_slots_pending, pending.to_json())
        fault_point("rekey:pending-written")
        db.rekey(new_key)
        session.db_key = new_key
        db.checkpoint()
        fault_point("rekey:database-rekeyed")
        os.replace(ctx.paths.key_slots_pending, ctx.paths.key_slots)
        fsync_dir(ctx.paths.root)
        fault_point("rekey:slots-replaced")
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


def recover_access(
    ctx: AppContext, recovery_code: str, admin_username: str, *, replace_device_secret: bool = False
) -> RecoveryResult:
    """Open the database with the recovery code and give ``admin_username`` (an IT admin) a new
    temporary password; the recovery code is replaced by a new one, shown once.

    If this PC's keyring has lost the device secret, recovery stops unless IT confirms with
    ``replace_device_secret`` (the secret may only be invisible, e.g. from another OS account): then a
    new secret is created and the other staff slots, which were bound to the old one, are removed
    and listed for IT to reset."""
    config = ctx.require_config()
    try:
        code = normalize_code(recovery_code)
    except ValueError:
        raise InvalidInput(
            "恢复码格式不正确（应为 25 个字符，5 个一组）。",
            "That is not a recovery code (25 characters in groups of 5).",
        ) from None
    if load_key_slots(ctx.paths.key_slots, config.branch_id).recovery_slot() is None:
        raise RecoveryFailed(*RECOVERY_SLOT_MISSING)
    try:
        unlocked = unlock(ctx.paths, config.branch_id, RECOVERY_NAME, code, None, recovery=True)
    except SlotOpenFailed:
        sign_in_attempts.record_failure_event(ctx, "keys.recovery_used")
        raise RecoveryFailed("恢复码不正确。", "The recovery code is wrong.") from None
    db, db_key = unlocked.database, unlocked.db_key
    try:
        return _recover(
            ctx,
            db,
            db_key,
            new_code=new_recovery_code(),
            admin_username=admin_username,
            replace_device_secret=replace_device_secret,
        )
    finally:
        db.close()


def _recover(
    ctx: AppContext,
    db: Database,
    db_key: bytes,
    *,
    new_code: str,
    admin_username: str,
    replace_device_secret: bool,
) -> RecoveryResult:
    config = ctx.require_config()
    staff = StaffRepository(db)
    admin = staff.get(admin_username)
    if admin is None or admin.role is not Role.IT_ADMIN:
        raise RecoveryFailed(
            f"{admin_username} 不是 IT 管理员账户。", f"{admin_username} is not an IT administrator."
        )
    secret: bytes | None = None
    replaced = False
    if config.use_keyring:
        try:
            secret = ctx.secrets.get(config.branch_id)
        except DeviceSecretMissing:
            if not replace_device_secret:
                raise RecoveryFailed(
                    "本机密钥环中找不到设备密钥。如果确实是密钥环丢失或更换了电脑（而不是换了系统账户），"
                    "请加上 --new-device-secret 重新运行：将生成新的设备密钥，其他员工需由 IT 重置密码。",
                    "The device secret is not in this PC's keyring. If the keyring really was lost or this "
                    "is a new PC (not just another OS account), run again with --new-device-secret: a new "
                    "secret is made and IT then resets the other staff passwords.",
                ) from None
            secret = ctx.secrets.replace(config.branch_id)
            replaced = True
    password = temporary_password()
    admin_slot = new_password_slot(ctx, admin.username, password, db_key, secret)
    recovery_slot = make_slot(
        branch_id=config.branch_id,
        name=RECOVERY_NAME,
        kind=KIND_RECOVERY,
        secret=new_code,
        db_key=db_key,
        kdf=kdf_params(ctx),
        device_secret=None,
    )
    now = ctx.clock()
    removed: list[str] = []
    with change_key_slots(ctx.paths, config.branch_id) as change, db.transaction():
        if replaced:
            removed = sorted(
                s.name for s in change.slots.slots.values() if s.kind == KIND_PASSWORD and s.device_bound
            )
            for name in removed:
                change.slots.remove(name)
        install_slot(db, change, admin.id, admin_slot)
        change.slots.put(recovery_slot)
        MetaRepository(db).set(RECOVERY_PUBLIC_KEY, recovery_slot.public_key.encode("ascii"))
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
        change.stage()
    if replaced:  # the state file was authenticated under the old secret: take it over
        sign_in_attempts.adopt_after_new_device_secret(ctx)
    sign_in_attempts.clear_lock(ctx, admin.username)
    needing = [n for n in removed if n != admin.username]
    return RecoveryResult(admin.username, password, new_code, replaced, needing)
