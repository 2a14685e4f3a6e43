"""Following a key rotation made by another session, without asking for the password again.

When IT disables someone, or anyone changes their password, the branch-database key (and perhaps
the client-data key) is rotated and re-sealed to every remaining slot's public key. A session that
is open elsewhere (the GUI while IT runs the CLI) still holds its slot's private key in memory, so
at its next database access it opens the new sealed keys and reconnects (``Database.reopen``). A
session whose slot or grant was removed cannot: it gets "sign in again", and then fails to. The
next client-data action of a holder runs a rotation that became due meanwhile.
"""

from __future__ import annotations

import sqlcipher3

from desktop_app.services.client_key_pin import ClientKeyNotGenuine, follows_from
from desktop_app.services.session import ACCESS_PENDING, Session
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_key_repository import CURRENT, ClientKeyRepository
from desktop_app.store.client_keys import GrantOpenFailed, grant_mac_valid, open_client_key
from desktop_app.store.database import Database, DatabaseKeyChanged, DatabaseOpenError, open_database
from desktop_app.store.key_slot_changes import slot_lock
from desktop_app.store.key_slots import (
    KeySlotFile,
    SlotOpenFailed,
    load_key_slots,
    open_sealed_key,
    public_key_of,
)
from desktop_app.store.staff_repository import StaffRepository


def install(ctx: SignedIn) -> None:
    """Let the signed-in session's database follow key rotations made elsewhere."""
    session, db = ctx.session, ctx.db
    db.reopen = lambda: _reopen(ctx, session, db)


def _reopen(ctx: SignedIn, session: Session, db: Database) -> sqlcipher3.Connection:
    config = ctx.config
    private = session.slot_private
    if private is None:
        raise DatabaseKeyChanged()
    with slot_lock(ctx.paths):  # a rotation in progress elsewhere finishes first
        slots: KeySlotFile = load_key_slots(ctx.paths.key_slots, config.branch_id)
    slot = slots.password_slot(session.username)
    if slot is None or slot.public_key != public_key_of(private):
        raise DatabaseKeyChanged()
    try:
        db_key = open_sealed_key(slot, private, branch_id=config.branch_id)
        fresh = open_database(
            ctx.paths.database,
            db_key,
            expected_fingerprint=slots.key_fingerprint,
            expected_salt=slots.db_salt,
        )
    except (SlotOpenFailed, DatabaseOpenError):
        raise DatabaseKeyChanged() from None
    member = StaffRepository(fresh).get_by_id(session.staff_id)
    if member is None or not member.active or member.role is not session.role:
        fresh.close()
        raise DatabaseKeyChanged()
    session.db_key = db_key
    if session.holds_client_key:
        grant = ClientKeyRepository(fresh).grant(session.staff_id, CURRENT)
        key = None
        if grant is not None and grant.public_key == slot.public_key:
            try:
                key = open_client_key(
                    grant.sealed_key, private, branch_id=config.branch_id, holder_id=session.staff_id
                )
            except GrantOpenFailed:
                key = None
        valid = (
            key is not None
            and grant_mac_valid(
                key,
                grant.mac,
                holder_id=grant.holder_id,
                role=grant.role,
                public_key=grant.public_key,
                epoch=grant.epoch,
            )
            if grant is not None
            else False
        )
        if key is None or not valid:
            session.client_key = b""  # the grant was revoked: the client data stays closed
            session.client_access = ACCESS_PENDING
        else:
            assert grant is not None
            held = (session.client_epoch, session.client_key)  # the genuine key, in memory
            if not follows_from(ClientKeyRepository(fresh), held, key, grant.epoch):
                fresh.close()
                raise ClientKeyNotGenuine()
            try:
                fresh.attach_client_data(ctx.paths.client_database, key)
            except DatabaseOpenError:
                fresh.close()
                raise DatabaseKeyChanged() from None
            session.client_key, session.client_epoch = key, grant.epoch
    return fresh.connection
