"""The client-data key's grants as the services use them: who may hold it, the errors a session
without it gets, and sealing, checking and opening one holder's grant (services/client_access.py
tells the whole design)."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.recovery_code import new_recovery_code
from desktop_app.domain.roles import Role
from desktop_app.services.session import (
    ACCESS_GRANTED,
    ACCESS_NOT_SET_UP,
    ACCESS_PENDING,
    Session,
)
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_slots import kdf_params
from desktop_app.store.client_key_repository import (
    CURRENT,
    FINGERPRINT,
    ClientKeyRepository,
    Grant,
)
from desktop_app.store.client_keys import (
    CLIENT_RECOVERY_NAME,
    KIND_CLIENT_RECOVERY,
    RECOVERY_HOLDER_ID,
    GrantOpenFailed,
    grant_mac,
    grant_mac_valid,
    open_client_key,
    seal_client_key,
)
from desktop_app.store.data_dir import fsync_dir
from desktop_app.store.database import Database, DatabaseOpenError
from desktop_app.store.key_slots import (
    KeySlot,
    X25519PrivateKey,
    make_slot,
)
from desktop_app.store.meta_repository import CLIENT_META_TABLE, MetaRepository
from desktop_app.store.staff_repository import StaffRepository

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
    previous_role: Role | None = None  # held the key before in another role: a role change to check


# --------------------------------------------------------------------------------------- helpers
def branch_id_of(ctx: SignedIn) -> str:
    return ctx.config.branch_id


def private_of(session: Session) -> X25519PrivateKey:
    if session.slot_private is None:
        raise ClientAccessPending()
    return session.slot_private


def new_grant(
    ctx: SignedIn, client_key: bytes, *, holder_id: int, role: str, public_key: str, epoch: int, state: str
) -> Grant:
    session = ctx.session
    return Grant(
        holder_id=holder_id,
        state=state,
        role=role,
        public_key=public_key,
        sealed_key=seal_client_key(client_key, public_key, branch_id=branch_id_of(ctx), holder_id=holder_id),
        epoch=epoch,
        granted_by=session.staff_id,
        granted_at=ctx.now_utc(),
        mac=grant_mac(client_key, holder_id=holder_id, role=role, public_key=public_key, epoch=epoch),
    )


def grant_is_valid(client_key: bytes, grant: Grant) -> bool:
    return grant_mac_valid(
        client_key,
        grant.mac,
        holder_id=grant.holder_id,
        role=grant.role,
        public_key=grant.public_key,
        epoch=grant.epoch,
    )


def open_grant(ctx: SignedIn, grant: Grant, private: X25519PrivateKey) -> bytes | None:
    """The client-data key in ``grant`` if it opens with ``private`` and its MAC holds."""
    try:
        key = open_client_key(
            grant.sealed_key, private, branch_id=branch_id_of(ctx), holder_id=grant.holder_id
        )
    except GrantOpenFailed:
        return None
    return key if grant_is_valid(key, grant) else None


def staged_client_database(ctx: SignedIn) -> Path:
    """Where the first manager's set-up builds clients.db before it takes its place."""
    return ctx.paths.client_database.with_name("clients.db.new")


def install_staged_client_database(ctx: SignedIn) -> None:
    """Move a committed set-up's clients.db into place (also at sign-in after a crash in between)."""
    staging = staged_client_database(ctx)
    if staging.exists() and not ctx.paths.client_database.exists():
        os.replace(staging, ctx.paths.client_database)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(staging.with_name(staging.name + "-journal"))
        fsync_dir(ctx.paths.root)


def attach_client_data(ctx: SignedIn, db: Database, key: bytes) -> None:
    if ClientKeyRepository(db).text(FINGERPRINT) is not None:
        install_staged_client_database(ctx)
    db.attach_client_data(ctx.paths.client_database, key)


def set_granted(session: Session, key: bytes) -> None:
    session.client_key = key
    session.client_access = ACCESS_GRANTED
    session.confirmation_code = ""


def set_pending(session: Session) -> None:
    """No key for this session. The confirmation code is shown only after the member set a new
    password in this very session (``after_slot_changed``): a password someone else knows (IT's
    temporary one, or one IT set itself) would otherwise get its key pair confirmed."""
    session.client_key = b""
    session.client_access = ACCESS_PENDING


def require_client_key(ctx: SignedIn) -> bytes:
    """The session's client-data key, or the reason it has none (bilingual)."""
    session = ctx.session
    if session.holds_client_key:
        return session.client_key
    if session.client_access == ACCESS_NOT_SET_UP:
        raise ClientKeyNotSetUp()
    raise ClientAccessPending()


HOLDERS = "holders"  # in clients.db's client_meta: who held the key at its last change
ROLES_HELD = "roles_held"


def record_holders(ctx: SignedIn, key: bytes) -> None:
    """Inside the transaction that changed the grants: write the holders (id, role, public key) of
    the valid current grants into clients.db, where only holders can write. A holder's sign-in
    compares it with the branch database, so a revocation is noticed even if the "rotation due"
    mark in branch.db was removed (store/client_key_repository.py)."""
    db = ctx.db
    valid = [grant for grant in ClientKeyRepository(db).grants(CURRENT) if grant_is_valid(key, grant)]
    holders = sorted([grant.holder_id, grant.role, grant.public_key] for grant in valid)
    meta = MetaRepository(db, CLIENT_META_TABLE)
    meta.set(HOLDERS, json.dumps(holders).encode())
    roles = roles_held(ctx)  # the role each member last held the key in: a later role change shows
    roles.update({str(g.holder_id): g.role for g in valid if g.holder_id != RECOVERY_HOLDER_ID})
    meta.set(ROLES_HELD, json.dumps(roles, sort_keys=True).encode())


def roles_held(ctx: SignedIn) -> dict[str, str]:
    """Staff id (as text) → the role they last held the client-data key in (kept in clients.db)."""
    db = ctx.db
    raw = MetaRepository(db, CLIENT_META_TABLE).get(ROLES_HELD)
    return dict(json.loads(raw)) if raw else {}


def revoked_holders(ctx: SignedIn) -> list[int]:
    """Holders recorded in clients.db who are no longer active staff with the same role and slot."""
    db = ctx.db
    raw = MetaRepository(db, CLIENT_META_TABLE).get(HOLDERS)
    if raw is None:
        return []
    staff = {m.id: m for m in StaffRepository(db).list()}
    revoked = []
    for holder_id, role, public_key in json.loads(raw):
        if holder_id == RECOVERY_HOLDER_ID:
            continue
        member = staff.get(holder_id)
        if (
            member is None
            or not member.active
            or member.role.value != role
            or member.slot_public_key != public_key
        ):
            revoked.append(int(holder_id))
    return revoked


def new_client_recovery_slot(ctx: SignedIn, client_key: bytes) -> tuple[str, KeySlot]:
    """A new client-data recovery code and its slot (the private key wrapped under the code with
    Argon2id, not bound to this PC's device secret); the code is shown once, never stored."""
    code = new_recovery_code()
    slot = make_slot(
        branch_id=branch_id_of(ctx),
        name=CLIENT_RECOVERY_NAME,
        kind=KIND_CLIENT_RECOVERY,
        secret=code,
        db_key=client_key,
        kdf=kdf_params(ctx),
        device_secret=None,
    )
    return code, slot


def require_manager_with_own_password(session: Session, doing_zh: str, doing_en: str) -> None:
    """Only a manager who replaced IT's temporary password (IT knows that one) may create or recover
    the client-data key."""
    if session.role is not Role.MANAGER:
        raise ClientAccessRefused(f"只有店长可以{doing_zh}。", f"Only a branch manager can {doing_en}.")
    if session.must_change_password:
        raise ClientAccessRefused(
            f"请先把 IT 给的临时密码改成您自己的密码，再{doing_zh}。",
            f"Change the temporary password IT gave you to your own first, then {doing_en}.",
        )
