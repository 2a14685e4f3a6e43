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
- **Confirming.** A new or reset agent or manager signs in "pending", sets a new password (a new key
  pair only they can open; the code of a slot whose password someone else may know is never shown),
  and reads the confirmation code on their screen to a manager, who types it (domain/confirmation_code.py) and seals the key to that
  member's slot. The recovery code can confirm a manager instead (a branch with one manager).
- **Revoking.** Disabling or resetting a holder deletes their grant and marks a rotation due; IT
  rotates the branch-database key at once, which signs every open session out. The next holder to
  sign in rotates the client-data key before anything else, re-sealing it only to grants whose MAC
  holds. A holder's password change rotates both keys at once, so an old copy of the slot file (and
  of the database) opens nothing current.

Every step is audited in the same transaction as the change.
"""

from __future__ import annotations

from desktop_app.domain.confirmation_code import confirmation_code
from desktop_app.services.audit_trail import record
from desktop_app.services.backup_destructions import apply_pending_destructions
from desktop_app.services.client_key_grants import (
    CLIENT_ROLES,
    ClientAccessPending,
    ClientAccessRefused,
    ClientKeyMismatch,
    ClientKeyNotSetUp,
    PendingMember,
    WrongConfirmationCode,
    attach_client_data,
    new_grant,
    open_grant,
    record_holders,
    require_client_key,
    revoked_holders,
    set_granted,
    set_pending,
)
from desktop_app.services.client_key_pin import repin, require_genuine
from desktop_app.services.client_key_rotation import finish_rotation, revoke_in_transaction, rotate_client_key
from desktop_app.services.client_key_setup import set_up_client_key
from desktop_app.services.member_confirmation import (
    confirm_member,
    confirm_self_with_recovery_code,
    pending_members,
)
from desktop_app.services.session import (
    ACCESS_NONE,
    ACCESS_NOT_SET_UP,
    ACCESS_PENDING,
    Session,
)
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_key_repository import (
    CURRENT,
    FINGERPRINT,
    NEXT,
    NEXT_AUTHORISATION,
    NEXT_FINGERPRINT,
    ClientKeyRepository,
)
from desktop_app.store.client_keys import client_key_fingerprint, decode_pin, rotation_authorised
from desktop_app.store.database import WrongDatabaseKey
from desktop_app.store.key_slots import (
    X25519PrivateKey,
    public_key_of,
)


def open_at_sign_in(ctx: SignedIn) -> None:
    """Decide the session's client access and attach ``clients.db`` for a holder. Finishes an
    interrupted rotation and runs a due one before the holder can do anything else."""
    session, db = ctx.session, ctx.db
    if session.role not in CLIENT_ROLES:
        session.client_access = ACCESS_NONE
        return
    repo = ClientKeyRepository(db)
    if not repo.is_separate() or repo.text(FINGERPRINT) is None:
        set_pending(session)
        session.client_access = ACCESS_NOT_SET_UP
        return
    private = session.slot_private
    if private is None:
        set_pending(session)
        return
    own_public = public_key_of(private)

    def held(state: str) -> bytes | None:
        grant = repo.grant(session.staff_id, state)
        if grant is None or grant.role != session.role.value or grant.public_key != own_public:
            return None
        return open_grant(ctx, grant, private)

    key = held(CURRENT)
    current = repo.grant(session.staff_id, CURRENT)
    if key is None or current is None:
        set_pending(session)
        return
    pinned = decode_pin(session.slot_pin)
    require_genuine(ctx, repo, pinned, key, current.epoch)  # before anything is attached or written
    session.client_epoch = current.epoch
    next_key = _authorised_next_key(repo, key, held(NEXT)) if repo.grants(NEXT) else None
    if next_key is not None:
        try:
            attach_client_data(ctx, db, next_key)
        except WrongDatabaseKey:
            next_key = None
        else:  # the interrupted rotation had re-keyed clients.db: finish it
            finish_rotation(ctx, repo, next_key, late=True)
            set_granted(session, next_key)
            session.client_epoch = repo.epoch()
            key = next_key
    if next_key is None:
        try:
            attach_client_data(ctx, db, key)
        except WrongDatabaseKey:
            raise ClientKeyMismatch() from None
        if repo.grants(NEXT):  # the interrupted rotation never reached clients.db, or was not genuine
            with db.transaction():
                repo.drop_state(NEXT)
                repo.set_text(NEXT_FINGERPRINT, None)
                repo.set_text(NEXT_AUTHORISATION, None)
                record(
                    ctx,
                    "keys.client_rotation",
                    target_type="database",
                    target_id="clients.db",
                    outcome="failure",
                    details={"phase": "discarded"},
                )
        set_granted(session, key)
    # the "rotation due" mark in branch.db can be removed by IT; the holders list in clients.db cannot
    if repo.rotation_reasons() or revoked_holders(ctx):
        rotate_client_key(ctx, reason="due")
    repin(ctx)
    apply_pending_destructions(ctx)  # a restored backup: clients destroyed since it go again, first


def _authorised_next_key(repo: ClientKeyRepository, current: bytes, next_key: bytes | None) -> bytes | None:
    """The next key of an interrupted rotation, only if the current key authorised it (a next grant
    and a clients.db planted under someone else's key are never adopted)."""
    if next_key is None:
        return None
    epochs = {grant.epoch for grant in repo.grants(NEXT)}
    mac = repo.text(NEXT_AUTHORISATION) or ""
    fingerprint = client_key_fingerprint(next_key)
    if len(epochs) != 1 or not rotation_authorised(
        current, mac, next_fingerprint=fingerprint, epoch=epochs.pop()
    ):
        return None
    return next_key


def ensure_still_holder(ctx: SignedIn) -> None:
    """Before each client-data action: the session's branch keys still open (following a rotation
    made elsewhere, or failing for someone disabled meanwhile), the member is still active in the
    same role, and a rotation that became due (someone else was disabled) runs now, at once."""
    session, db = ctx.session, ctx.db
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


def regrant_self(ctx: SignedIn, new_private: X25519PrivateKey) -> None:
    """Inside the password-change transaction: move the holder's grant to their new slot key."""
    session, db = ctx.session, ctx.db
    if not session.holds_client_key:
        return
    repo = ClientKeyRepository(db)
    repo.put(
        new_grant(
            ctx,
            session.client_key,
            holder_id=session.staff_id,
            role=session.role.value,
            public_key=public_key_of(new_private),
            epoch=repo.epoch(),
            state=CURRENT,
        )
    )
    record_holders(ctx, session.client_key)


def after_slot_changed(ctx: SignedIn, new_private: X25519PrivateKey) -> None:
    """After the holder's own slot changed: the session now uses the new private key; a pending
    member's confirmation code follows it."""
    session = ctx.session
    session.slot_private = new_private
    if session.client_access in (ACCESS_PENDING, ACCESS_NOT_SET_UP):
        # a key pair made just now under a password only this member typed: its code may be read out
        session.confirmation_code = confirmation_code(public_key_of(new_private))


def access_summary(session: Session) -> dict[str, object]:
    return {"client_access": session.client_access, "confirmation_code": session.confirmation_code}


__all__ = [
    "CLIENT_ROLES",
    "ClientAccessPending",
    "ClientAccessRefused",
    "ClientKeyMismatch",
    "ClientKeyNotSetUp",
    "PendingMember",
    "WrongConfirmationCode",
    "access_summary",
    "after_slot_changed",
    "confirm_member",
    "confirm_self_with_recovery_code",
    "ensure_still_holder",
    "open_at_sign_in",
    "pending_members",
    "regrant_self",
    "require_client_key",
    "revoke_in_transaction",
    "rotate_client_key",
    "set_up_client_key",
]
