"""Locking locks the data (services/signed_in.py, sign_in.lock / unlock_session): the database is
closed, the session's keys are dropped, the signed-in object refuses use, and the password derives
everything again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlcipher3

from desktop_app.domain.errors import WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import record
from desktop_app.services.client_directory import list_clients
from desktop_app.services.sign_in import lock, sign_out, unlock_session
from desktop_app.services.signed_in import SessionLocked, SignedIn
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import Branch


def _keys(me: SignedIn) -> tuple[object, ...]:
    s = me.session
    return (s.db_key, s.slot_private, s.slot_kek, s.slot_pin, s.client_key)


def test_lock_closes_the_database_and_drops_the_keys(signed_in: Callable[[Role], SignedIn]) -> None:
    me = signed_in(Role.AGENT)
    connection = me.db.connection
    assert me.session.holds_client_key and all(_keys(me))
    lock(me)
    assert me.locked and not me.open
    assert _keys(me) == (b"", None, b"", b"", b"")
    assert not me.session.holds_client_key
    with pytest.raises(sqlcipher3.ProgrammingError):  # the connection itself is closed
        connection.execute("SELECT 1")


def test_a_locked_session_refuses_use(signed_in: Callable[[Role], SignedIn]) -> None:
    me = signed_in(Role.AGENT)
    lock(me)
    with pytest.raises(SessionLocked) as info:
        list_clients(me)
    assert info.value.zh and info.value.en
    with pytest.raises(SessionLocked):
        record(me, "anything")


def test_unlocking_derives_the_keys_again(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    me = signed_in(Role.AGENT)
    before = _keys(me)
    lock(me)
    with pytest.raises(WrongCredentials):
        unlock_session(me, "not my password")
    assert me.locked and _keys(me) == (b"", None, b"", b"", b"")
    unlock_session(me, branch.users[Role.AGENT][1])
    assert not me.locked and me.open
    assert me.session.db_key == before[0] and me.session.client_key == before[4]
    assert me.session.holds_client_key
    list_clients(me)  # a working session again, client data included
    actions = [(e.action, e.outcome) for e in AuditRepository(me.db).iter_all()]
    assert ("auth.reauthenticate", "failure") in actions  # queued while locked, written at unlock
    assert ("auth.reauthenticate", "success") in actions
    sign_out(me)
    assert not me.open and _keys(me) == (b"", None, b"", b"", b"")


def test_signing_out_a_locked_session_is_audited_at_the_next_sign_in(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    me = signed_in(Role.AGENT)
    lock(me)
    sign_out(me)  # switching user from the lock screen
    assert not me.open and not me.locked
    it = signed_in(Role.IT_ADMIN)
    late = [e for e in AuditRepository(it.db).iter_all() if e.details.get("recorded_late")]
    assert [(e.action, e.actor_username, e.target_id) for e in late] == [
        ("auth.sign_out", "zhangwei", "zhangwei")
    ]
