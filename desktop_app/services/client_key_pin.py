"""Holders accept only the genuine client-data key: each holder's slot carries a pin (the last key
they held, with its epoch) inside the same encryption as their private key, and every rotation
leaves a chain entry (the next key encrypted under the previous one) in branch.db.

Why: whoever can write branch.db (IT) could seal a key of their own to every holder's public key,
with a grant MAC that holds (it is computed under that same key), and put a clients.db under it
beside them; holders would then write new clients where IT reads them. A key is accepted only if it
equals the holder's pin or the chain leads from the pin to it, which needs every genuine key on the
way. A holder with no pin yet (their first sign-in after being confirmed) accepts the key they were
given and pins it. Sessions open elsewhere use the key they hold in memory as their pin.
"""

from __future__ import annotations

from desktop_app.services.audit_trail import record
from desktop_app.services.session import Session
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_key_repository import ClientKeyRepository
from desktop_app.store.client_keys import GrantOpenFailed, decode_pin, encode_pin, unwrap_next_key
from desktop_app.store.database import DatabaseOpenError
from desktop_app.store.key_slot_changes import change_key_slots
from desktop_app.store.key_slots import public_key_of, rewrap_with_pin


class ClientKeyNotGenuine(DatabaseOpenError):
    code = "client_key_not_genuine"

    def __init__(self) -> None:
        super().__init__(
            "为您保存的客户资料密钥不是您上次使用的密钥的合法后续（branch.db 中的密钥记录被人改动过，或被换成了旧文件）。"
            "为保护客户资料，本次不打开客户资料。请立即告知店长和 IT 主管，并从备份恢复 branch.db 与 clients.db。",
            "The client-data key held for you does not follow from the one you last used (its records in "
            "branch.db were altered, or replaced by older files). To protect client data it is not opened. "
            "Tell the branch manager and IT's supervisor at once, and restore branch.db and clients.db from "
            "a backup.",
        )


def follows_from(repo: ClientKeyRepository, pinned: tuple[int, bytes] | None, key: bytes, epoch: int) -> bool:
    """Whether ``key`` at ``epoch`` is ``pinned`` or reached from it through the chain."""
    if pinned is None:
        return True  # trust on first use: a holder's first sign-in after being confirmed
    pinned_epoch, current = pinned
    if epoch < pinned_epoch:
        return False  # an older key than one already held: files put back
    for step in range(pinned_epoch, epoch):
        wrapped = repo.chain_entry(step)
        if wrapped is None:
            return False
        try:
            current = unwrap_next_key(current, wrapped, epoch=step)
        except GrantOpenFailed:
            return False
    return current == key


def require_genuine(
    ctx: SignedIn, repo: ClientKeyRepository, pinned: tuple[int, bytes] | None, key: bytes, epoch: int
) -> None:
    """Raise ClientKeyNotGenuine (audited) unless ``key`` follows from ``pinned``."""
    if follows_from(repo, pinned, key, epoch):
        return
    db = ctx.db
    with db.transaction():
        record(
            ctx,
            "keys.client_key_not_genuine",
            target_type="database",
            target_id="branch.db",
            outcome="failure",
            details={"offered_epoch": epoch, "pinned_epoch": pinned[0] if pinned else None},
        )
    raise ClientKeyNotGenuine()


def session_pin(session: Session) -> tuple[int, bytes] | None:
    """The key this session holds in memory, or else the one its slot pinned at sign-in."""
    if session.client_key and session.client_epoch:
        return session.client_epoch, session.client_key
    return decode_pin(session.slot_pin)


def repin(ctx: SignedIn) -> None:
    """Record the session's key in its own slot (needs this sign-in's KEK; nothing to do if the pin
    is already current)."""
    session = ctx.session
    if not session.client_key or not session.slot_kek or session.slot_private is None:
        return
    pin = encode_pin(session.client_epoch, session.client_key)
    if decode_pin(session.slot_pin) == (session.client_epoch, session.client_key):
        return
    config = ctx.config
    with change_key_slots(ctx.paths, config.branch_id) as change:
        slot = change.slots.password_slot(session.username)
        if slot is None or slot.public_key != public_key_of(session.slot_private):
            return
        change.slots.put(
            rewrap_with_pin(
                slot, branch_id=config.branch_id, kek=session.slot_kek, private=session.slot_private, pin=pin
            )
        )
    session.slot_pin = pin
