"""Who holds the client-data key: creating it, opening it at sign-in, confirming members, revoking.

The rule (MLPS 2.0 separation of duties, PIPL Art. 51): client personal data is readable only with
the client-data key, and only agents and managers a manager confirmed, and the client-data recovery
code the manager keeps, hold it. IT administrators and auditors never do — not in the app, and not
with the app's own modules and their own password, because their key slot opens only the branch
database (staff, audit log), never ``clients.db``.

- **Birth.** The key is created by the first manager after they set their own password (IT knew the
  temporary one): sealed to that manager and to a new client-data recovery code shown once. An old
  branch's client tables move from ``branch.db`` to ``clients.db`` at the same moment, in one
  transaction, with a copy of the old database kept until the new files open.
- **Confirming.** A new or reset agent or manager signs in "pending" and reads the confirmation code
  on their screen to a manager, who types it (domain/confirmation_code.py) and seals the key to that
  member's slot. The recovery code can confirm a manager instead (a branch with one manager).
- **Revoking.** Disabling or resetting a holder deletes their grant and marks a rotation due; IT
  rotates the branch-database key at once, which signs every open session out. The next holder to
  sign in rotates the client-data key before anything else, re-sealing it only to grants whose MAC
  holds. A holder's password change rotates both keys at once, so an old copy of the slot file (and
  of the database) opens nothing current.

Every step is audited in the same transaction as the change.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass

from desktop_app.domain.confirmation_code import confirmation_code, normalize_confirmation_code
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.permissions import Action
from desktop_app.domain.recovery_code import new_recovery_code, normalize_code
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.context import AppContext
from desktop_app.services.session import (
    ACCESS_GRANTED,
    ACCESS_NONE,
    ACCESS_NOT_SET_UP,
    ACCESS_PENDING,
    Session,
)
from desktop_app.services.staff_slots import kdf_params
from desktop_app.store import client_schema
from desktop_app.store.audit_repository import utc_timestamp
from desktop_app.store.client_key_repository import (
    CURRENT,
    EPOCH,
    FINGERPRINT,
    NEXT,
    NEXT_FINGERPRINT,
    RECOVERY_SLOT,
    ClientKeyRepository,
    Grant,
)
from desktop_app.store.client_keys import (
    CLIENT_RECOVERY_NAME,
    KIND_CLIENT_RECOVERY,
    RECOVERY_HOLDER_ID,
    GrantOpenFailed,
    client_key_fingerprint,
    grant_mac,
    grant_mac_valid,
    new_client_key,
    open_client_key,
    seal_client_key,
)
from desktop_app.store.data_dir import fsync_dir
from desktop_app.store.database import Database, DatabaseOpenError, WrongDatabaseKey
from desktop_app.store.fault_points import fault_point
from desktop_app.store.key_slots import (
    KeySlot,
    SlotOpenFailed,
    X25519PrivateKey,
    load_key_slots,
    make_slot,
    open_slot_keys,
    public_key_of,
)
from desktop_app.store.legacy_client_tables import drop_legacy_client_tables, move_legacy_client_tables
from desktop_app.store.staff_repository import StaffMember, StaffRepository

CLIENT_ROLES = frozenset({Role.AGENT, Role.MANAGER})
RECOVERY_ROLE = "recovery"


class ClientAccessRefused(BranchVaultError):
    code = "client_access_refused"


class ClientAccessPending(ClientAccessRefused):
    code = "client_access_pending"

    def __init__(self) -> None:
        super().__init__(
            "您查看客户资料的权限正在等待店长确认。请把屏幕上显示的确认码当面读给店长，由店长在本软件中确认。",
            "Waiting for a manager to confirm your access to client data. Read the confirmation code on "
            "your screen to a manager in person; they confirm you in the app.",
        )


class ClientKeyNotSetUp(ClientAccessRefused):
    code = "client_key_not_set_up"

    def __init__(self) -> None:
        super().__init__(
            "本门店还没有客户资料密钥。请店长登录（设置本人密码后）创建，并保管好客户资料恢复码。",
            "This branch has no client-data key yet. A manager creates it after signing in with their "
            "own password, and keeps the client-data recovery code.",
        )


class ClientKeyMismatch(DatabaseOpenError):
    code = "client_key_mismatch"

    def __init__(self) -> None:
        super().__init__(
            "为您保存的客户资料密钥打不开 clients.db：branch.db 与 clients.db 不是同一时间的文件（例如只恢复了其中一个）。"
            "请 IT 从同一份备份同时恢复这两个文件，不要只恢复一个。",
            "The client-data key held for you does not open clients.db: branch.db and clients.db are "
            "from different times (for example only one of them was restored). Ask IT to restore both "
            "from the same backup, never just one.",
        )


class WrongConfirmationCode(ClientAccessRefused):
    code = "wrong_confirmation_code"

    def __init__(self) -> None:
        super().__init__(
            "确认码不符。请让该员工本人登录后当面读出屏幕上的确认码；若仍不符，不要确认，并告知 IT 主管（账户可能被他人替换）。",
            "The confirmation code does not match. Have the member sign in and read the code on their own "
            "screen to you in person; if it still differs, do not confirm and tell IT's supervisor (the "
            "account's key may have been replaced).",
        )


@dataclass(frozen=True)
class PendingMember:
    username: str
    display_name: str
    role: Role
    waiting_for_password_change: bool  # still on the temporary password IT gave: cannot be confirmed yet


# --------------------------------------------------------------------------------------- helpers
def _branch_id(ctx: AppContext) -> str:
    return ctx.require_config().branch_id


def _private(session: Session) -> X25519PrivateKey:
    if session.slot_private is None:
        raise ClientAccessPending()
    return session.slot_private


def _new_grant(
    ctx: AppContext, client_key: bytes, *, holder_id: int, role: str, public_key: str, epoch: int, state: str
) -> Grant:
    session, _ = ctx.require_session()
    return Grant(
        holder_id=holder_id,
        state=state,
        role=role,
        public_key=public_key,
        sealed_key=seal_client_key(client_key, public_key, branch_id=_branch_id(ctx), holder_id=holder_id),
        epoch=epoch,
        granted_by=session.staff_id,
        granted_at=utc_timestamp(ctx.clock()),
        mac=grant_mac(client_key, holder_id=holder_id, role=role, public_key=public_key, epoch=epoch),
    )


def _valid(client_key: bytes, grant: Grant) -> bool:
    return grant_mac_valid(
        client_key,
        grant.mac,
        holder_id=grant.holder_id,
        role=grant.role,
        public_key=grant.public_key,
        epoch=grant.epoch,
    )


def _open_grant(ctx: AppContext, grant: Grant, private: X25519PrivateKey) -> bytes | None:
    """The client-data key in ``grant`` if it opens with ``private`` and its MAC holds."""
    try:
        key = open_client_key(grant.sealed_key, private, branch_id=_branch_id(ctx), holder_id=grant.holder_id)
    except GrantOpenFailed:
        return None
    return key if _valid(key, grant) else None


def _attach(ctx: AppContext, db: Database, key: bytes) -> None:
    db.attach_client_data(ctx.paths.client_database, key)


def _set_granted(session: Session, key: bytes) -> None:
    session.client_key = key
    session.client_access = ACCESS_GRANTED
    session.confirmation_code = ""


def _set_pending(session: Session) -> None:
    session.client_key = b""
    session.client_access = ACCESS_PENDING
    if session.slot_private is not None:
        session.confirmation_code = confirmation_code(public_key_of(session.slot_private))


# --------------------------------------------------------------------------------------- sign-in
def open_at_sign_in(ctx: AppContext) -> None:
    """Decide the session's client access and attach ``clients.db`` for a holder. Finishes an
    interrupted rotation and runs a due one before the holder can do anything else."""
    session, db = ctx.require_session()
    if session.role not in CLIENT_ROLES:
        session.client_access = ACCESS_NONE
        return
    repo = ClientKeyRepository(db)
    if not repo.is_separate() or repo.text(FINGERPRINT) is None:
        _set_pending(session)  # the code to read out once a manager has created the key
        session.client_access = ACCESS_NOT_SET_UP
        return
    private = session.slot_private
    if private is None:
        _set_pending(session)
        return
    own_public = public_key_of(private)

    def held(state: str) -> bytes | None:
        grant = repo.grant(session.staff_id, state)
        if grant is None or grant.role != session.role.value or grant.public_key != own_public:
            return None
        return _open_grant(ctx, grant, private)

    next_key = held(NEXT) if repo.grants(NEXT) else None
    if next_key is not None:
        try:
            _attach(ctx, db, next_key)
        except WrongDatabaseKey:
            next_key = None
        else:
            _finish_rotation(ctx, repo, next_key, late=True)
            _set_granted(session, next_key)
    if next_key is None:
        key = held(CURRENT)
        if key is None:
            _set_pending(session)
            return
        try:
            _attach(ctx, db, key)
        except WrongDatabaseKey:
            raise ClientKeyMismatch() from None
        if repo.grants(NEXT):  # the interrupted rotation never reached clients.db
            with db.transaction():
                repo.drop_state(NEXT)
                repo.set_text(NEXT_FINGERPRINT, None)
                record(
                    ctx,
                    "keys.client_rotation",
                    target_type="database",
                    target_id="clients.db",
                    outcome="failure",
                    details={"phase": "discarded"},
                )
        _set_granted(session, key)
    if repo.rotation_reasons():
        rotate_client_key(ctx, reason="due")


def ensure_still_holder(ctx: AppContext) -> None:
    """Before each client-data action: the session's branch keys still open (following a rotation
    made elsewhere, or failing for someone disabled meanwhile), the member is still active in the
    same role, and a rotation that became due (someone else was disabled) runs now, at once."""
    session, db = ctx.require_session()
    row = db.execute("SELECT active, role FROM staff WHERE id = ?", (session.staff_id,)).fetchone()
    if row is None or not row[0] or row[1] != session.role.value:
        db.detach_client_data()
        session.client_key = b""
        session.client_access = ACCESS_PENDING
        raise ClientAccessRefused(
            "您的账户已被停用或角色已变更，不能再查看客户资料。请重新登录。",
            "Your account was disabled or its role changed; client data is closed. Please sign in again.",
        )
    if session.holds_client_key and ClientKeyRepository(db).rotation_reasons():
        rotate_client_key(ctx, reason="due")


def require_client_key(ctx: AppContext) -> bytes:
    """The session's client-data key, or the reason it has none (bilingual)."""
    session, _ = ctx.require_session()
    if session.holds_client_key:
        return session.client_key
    if session.client_access == ACCESS_NOT_SET_UP:
        raise ClientKeyNotSetUp()
    raise ClientAccessPending()


# --------------------------------------------------------------------------------------- birth
def set_up_client_key(ctx: AppContext) -> str:
    """Create the client-data key as the first manager (moving an old branch's client tables into
    ``clients.db``); return the client-data recovery code, shown once."""
    session, db = ctx.require_session()
    if session.role is not Role.MANAGER:
        raise ClientAccessRefused(
            "只有店长可以创建客户资料密钥。", "Only a branch manager can create the client-data key."
        )
    if session.must_change_password:
        raise ClientAccessRefused(
            "请先把 IT 给的临时密码改成您自己的密码，再创建客户资料密钥。",
            "Change the temporary password IT gave you to your own first, then create the client-data key.",
        )
    repo = ClientKeyRepository(db)
    if repo.text(FINGERPRINT) is not None:
        raise ClientAccessRefused(
            "本门店已有客户资料密钥：请让另一位店长确认您，或使用客户资料恢复码。",
            "This branch already has a client-data key: ask another manager to confirm you, or use the "
            "client-data recovery code.",
        )
    private = _private(session)
    branch_id = _branch_id(ctx)
    code = new_recovery_code()
    client_key = new_client_key()
    recovery_slot = make_slot(
        branch_id=branch_id,
        name=CLIENT_RECOVERY_NAME,
        kind=KIND_CLIENT_RECOVERY,
        secret=code,
        db_key=client_key,
        kdf=kdf_params(ctx),
        device_secret=None,
    )
    legacy = repo.legacy_tables_present()
    backup = ctx.paths.root / "branch.db.before-client-key"
    if legacy:
        db.checkpoint()
        shutil.copy2(ctx.paths.database, backup)
        os.chmod(backup, 0o600)
    _set_aside_orphan(ctx)
    db.attach_client_data(ctx.paths.client_database, client_key, create=True)
    try:
        with db.transaction():
            moved = move_legacy_client_tables(db) if legacy else 0
            if not legacy:
                drop_legacy_client_tables(db)
            repo.mark_separate()
            repo.set_text(FINGERPRINT, client_key_fingerprint(client_key))
            repo.set_text(EPOCH, "1")
            repo.put(
                _new_grant(
                    ctx,
                    client_key,
                    holder_id=session.staff_id,
                    role=session.role.value,
                    public_key=public_key_of(private),
                    epoch=1,
                    state=CURRENT,
                )
            )
            repo.put(
                _new_grant(
                    ctx,
                    client_key,
                    holder_id=RECOVERY_HOLDER_ID,
                    role=RECOVERY_ROLE,
                    public_key=recovery_slot.public_key,
                    epoch=1,
                    state=CURRENT,
                )
            )
            repo.set_text(RECOVERY_SLOT, json.dumps(recovery_slot.__dict__))
            record(
                ctx,
                "keys.client_key_created",
                target_type="database",
                target_id="clients.db",
                details={"moved_from_branch_db": legacy, "clients_moved": moved},
            )
    except BaseException:
        db.detach_client_data()
        _set_aside_orphan(ctx)
        raise
    # the new files open: check once more from scratch, then drop the old copy
    db.detach_client_data()
    _attach(ctx, db, client_key)
    if legacy:
        _shred(backup)
    _set_granted(session, client_key)
    return code


def _set_aside_orphan(ctx: AppContext) -> None:
    """A clients.db no grant refers to (set-up interrupted before its transaction committed) holds
    nothing the branch needs; it is renamed, never deleted, in case someone asks."""
    path = ctx.paths.client_database
    _, db = ctx.require_session()
    if path.exists() and ClientKeyRepository(db).text(FINGERPRINT) is None:
        os.replace(path, path.with_name(f"clients.db.orphaned-{int(ctx.clock())}"))
        fsync_dir(ctx.paths.root)


def _shred(path: os.PathLike[str]) -> None:
    """Overwrite and delete the old database copy (best effort: its pages are encrypted anyway)."""
    with contextlib.suppress(OSError):
        size = os.path.getsize(path)
        with open(path, "r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
        os.unlink(path)


# --------------------------------------------------------------------------------------- confirming
def pending_members(ctx: AppContext) -> list[PendingMember]:
    """Active agents and managers without a valid grant (managers see this list on sign-in)."""
    check_permission(ctx, Action.ACCESS_CONFIRM)
    _session, db = ctx.require_session()
    key = require_client_key(ctx)
    repo = ClientKeyRepository(db)
    grants = {g.holder_id: g for g in repo.grants(CURRENT)}
    pending: list[PendingMember] = []
    for member in StaffRepository(db).list():
        if not member.active or member.role not in CLIENT_ROLES:
            continue
        grant = grants.get(member.id)
        if (
            grant is not None
            and _valid(key, grant)
            and grant.role == member.role.value
            and grant.public_key == member.slot_public_key
        ):
            continue
        pending.append(
            PendingMember(member.username, member.display_name, member.role, member.must_change_password)
        )
    return pending


def confirm_member(ctx: AppContext, username: str, code: str) -> None:
    """Seal the client-data key to ``username``'s slot after checking the code they read out."""
    check_permission(ctx, Action.ACCESS_CONFIRM)
    _session, db = ctx.require_session()
    key = require_client_key(ctx)
    try:
        typed = normalize_confirmation_code(code)
    except ValueError:
        raise InvalidInput(
            "确认码应为 20 位数字（5 位一组）。", "A confirmation code is 20 digits (groups of 5)."
        ) from None
    member = _confirmable(ctx, db, username)
    slot = load_key_slots(ctx.paths.key_slots, _branch_id(ctx)).password_slot(member.username)
    if (
        slot is None
        or slot.public_key != member.slot_public_key
        or typed != confirmation_code(slot.public_key)
    ):
        with db.transaction():
            record(
                ctx,
                "access.confirm",
                target_type="staff",
                target_id=member.username,
                outcome="failure",
                details={"reason": "confirmation_code_mismatch"},
            )
        raise WrongConfirmationCode()
    repo = ClientKeyRepository(db)
    with db.transaction():
        repo.put(
            _new_grant(
                ctx,
                key,
                holder_id=member.id,
                role=member.role.value,
                public_key=slot.public_key,
                epoch=repo.epoch(),
                state=CURRENT,
            )
        )
        record(
            ctx,
            "access.confirm",
            target_type="staff",
            target_id=member.username,
            details={"role": member.role.value},
        )


def _confirmable(ctx: AppContext, db: Database, username: str) -> StaffMember:
    session, _ = ctx.require_session()
    member = StaffRepository(db).get(username.strip())
    if member is None or not member.active:
        raise ClientAccessRefused(f"找不到在职员工 {username}。", f"No active staff member named {username}.")
    if member.role not in CLIENT_ROLES:
        raise ClientAccessRefused(
            f"{member.username} 是「{member.role.label_zh}」，该角色不能查看客户资料。",
            f"{member.username} is an {member.role.label_en}; that role never sees client data.",
        )
    if member.must_change_password:
        raise ClientAccessRefused(
            f"{member.username} 还在使用 IT 给的临时密码：请其先登录并设置自己的密码，再读出确认码。",
            f"{member.username} still has the temporary password IT gave: they sign in and set their own "
            "password first, then read you the confirmation code.",
        )
    if member.id == session.staff_id:
        raise ClientAccessRefused("不能确认自己。", "You cannot confirm yourself.")
    return member


def confirm_self_with_recovery_code(ctx: AppContext, recovery_code: str) -> str:
    """A pending manager restores their own access with the client-data recovery code (a branch
    whose only manager was reset); the code is replaced. Returns the new code, shown once."""
    session, db = ctx.require_session()
    if session.role is not Role.MANAGER:
        raise ClientAccessRefused(
            "只有店长可以使用客户资料恢复码。", "Only a branch manager can use the client-data recovery code."
        )
    if session.must_change_password:
        raise ClientAccessRefused(
            "请先设置您自己的密码，再使用客户资料恢复码。",
            "Set your own password first, then use the client-data recovery code.",
        )
    try:
        code = normalize_code(recovery_code)
    except ValueError:
        raise InvalidInput(
            "恢复码格式不正确（应为 25 个字符，5 个一组）。",
            "That is not a recovery code (25 characters in groups of 5).",
        ) from None
    repo = ClientKeyRepository(db)
    branch_id = _branch_id(ctx)
    raw = repo.text(RECOVERY_SLOT)
    grant = repo.grant(RECOVERY_HOLDER_ID)
    if raw is None or grant is None:
        raise ClientAccessRefused(
            "本门店没有有效的客户资料恢复码（branch.db 中缺少恢复槽）。请另一位店长确认您。",
            "This branch has no valid client-data recovery slot in branch.db. Ask another manager to "
            "confirm you.",
        )
    try:
        slot = KeySlot(**json.loads(raw))
        _, recovery_private = open_slot_keys(slot, branch_id=branch_id, secret=code, device_secret=None)
    except (SlotOpenFailed, TypeError, ValueError):
        with db.transaction():
            record(
                ctx,
                "keys.client_recovery_used",
                target_type="staff",
                target_id=session.username,
                outcome="failure",
            )
        raise ClientAccessRefused(
            "客户资料恢复码不正确。", "The client-data recovery code is wrong."
        ) from None
    key = _open_grant(ctx, grant, recovery_private) if slot.public_key == grant.public_key else None
    if key is None:
        raise ClientAccessRefused(
            "客户资料恢复槽已被改动，不能使用。请另一位店长确认您，并告知 IT 主管。",
            "The client-data recovery slot has been altered and cannot be used. Ask another manager to "
            "confirm you, and tell IT's supervisor.",
        )
    db.detach_client_data()
    try:
        _attach(ctx, db, key)
    except WrongDatabaseKey:
        raise ClientKeyMismatch() from None
    new_code = new_recovery_code()
    new_slot = make_slot(
        branch_id=branch_id,
        name=CLIENT_RECOVERY_NAME,
        kind=KIND_CLIENT_RECOVERY,
        secret=new_code,
        db_key=key,
        kdf=kdf_params(ctx),
        device_secret=None,
    )
    private = _private(session)
    epoch = repo.epoch()
    with db.transaction():
        repo.put(
            _new_grant(
                ctx,
                key,
                holder_id=session.staff_id,
                role=session.role.value,
                public_key=public_key_of(private),
                epoch=epoch,
                state=CURRENT,
            )
        )
        repo.put(
            _new_grant(
                ctx,
                key,
                holder_id=RECOVERY_HOLDER_ID,
                role=RECOVERY_ROLE,
                public_key=new_slot.public_key,
                epoch=epoch,
                state=CURRENT,
            )
        )
        repo.set_text(RECOVERY_SLOT, json.dumps(new_slot.__dict__))
        record(ctx, "keys.client_recovery_used", target_type="staff", target_id=session.username)
    _set_granted(session, key)
    return new_code


# --------------------------------------------------------------------------------------- revoking
def revoke_in_transaction(ctx: AppContext, member: StaffMember, reason: str) -> bool:
    """Inside the caller's transaction: drop ``member``'s grant and, if they held the key, mark a
    rotation due. Returns whether they held it."""
    _, db = ctx.require_session()
    repo = ClientKeyRepository(db)
    held = repo.remove(member.id)
    if held:
        repo.add_rotation_reason(reason)
    return held


def rotate_client_key(ctx: AppContext, *, reason: str) -> int:
    """Re-key ``clients.db`` under a new client-data key, re-sealed only to grants whose MAC holds
    and whose holder is still active in the same role with the same slot. Returns the number of
    grants kept. Crash-safe: the new grants are written as 'next' first; sign-in finishes or
    discards an interrupted rotation."""
    session, db = ctx.require_session()
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
        if _valid(old_key, grant) and still_holder:
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
                _new_grant(
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
    _finish_rotation(ctx, repo, new_key, late=False)
    session.client_key = new_key
    return len(kept)


def _finish_rotation(ctx: AppContext, repo: ClientKeyRepository, new_key: bytes, *, late: bool) -> None:
    _, db = ctx.require_session()
    epoch = max((g.epoch for g in repo.grants(NEXT)), default=repo.epoch() + 1)
    with db.transaction():
        repo.promote_next()
        repo.set_text(FINGERPRINT, client_key_fingerprint(new_key))
        repo.set_text(NEXT_FINGERPRINT, None)
        repo.set_text(EPOCH, str(epoch))
        repo.clear_rotation()
        record(
            ctx,
            "keys.client_rotation",
            target_type="database",
            target_id="clients.db",
            details={"phase": "completed", "finished_at_sign_in": late, "epoch": epoch},
        )


def regrant_self(ctx: AppContext, new_private: X25519PrivateKey) -> None:
    """Inside the password-change transaction: move the holder's grant to their new slot key."""
    session, db = ctx.require_session()
    if not session.holds_client_key:
        return
    repo = ClientKeyRepository(db)
    repo.put(
        _new_grant(
            ctx,
            session.client_key,
            holder_id=session.staff_id,
            role=session.role.value,
            public_key=public_key_of(new_private),
            epoch=repo.epoch(),
            state=CURRENT,
        )
    )


def after_slot_changed(ctx: AppContext, new_private: X25519PrivateKey) -> None:
    """After the holder's own slot changed: the session now uses the new private key; a pending
    member's confirmation code follows it."""
    session, _ = ctx.require_session()
    session.slot_private = new_private
    if session.client_access in (ACCESS_PENDING, ACCESS_NOT_SET_UP):
        session.confirmation_code = confirmation_code(public_key_of(new_private))


def access_summary(session: Session) -> dict[str, object]:
    return {"client_access": session.client_access, "confirmation_code": session.confirmation_code}
