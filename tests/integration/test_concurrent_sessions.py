"""Two sessions on one branch: a key rotation by IT is followed by the other session with the keys
its slot already opened (services/key_refresh.py), and a session whose keys were revoked is told to
sign in again instead of calling the database corrupted; recovery lifts a lockout on the recovered
admin."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_app.domain.errors import AccountLocked, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services import client_directory, key_rotation, sign_in, staff_accounts
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.database import DatabaseKeyChanged
from tests.conftest import ADMIN, Branch
from tests.support.contexts import context_of


def test_an_open_session_follows_a_rekey_by_it(signed_in: Callable[[Role], SignedIn]) -> None:
    manager = signed_in(Role.MANAGER)
    it_admin = signed_in(Role.IT_ADMIN)
    before = staff_accounts.list_staff(manager)  # the manager's connection has read the database

    key_rotation.rotate_database_key(it_admin)

    assert staff_accounts.list_staff(manager) == before  # reopened with the key re-sealed to its slot
    assert client_directory.count_clients(manager) == 0  # and the client data is still attached
    assert manager.session is not None and it_admin.session is not None
    assert manager.session.db_key == it_admin.session.db_key


def test_a_disabled_members_open_session_is_told_to_sign_in_again(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    agent = signed_in(Role.AGENT)
    client_directory.count_clients(agent)
    staff_accounts.disable_staff(signed_in(Role.IT_ADMIN), branch.users[Role.AGENT][0])

    with pytest.raises(DatabaseKeyChanged) as caught:
        client_directory.count_clients(agent)
    assert "重新登录" in caught.value.zh and "sign in again" in caught.value.en


def test_recovery_lifts_the_admin_lockout(branch: Branch) -> None:
    ctx = branch.context()
    for _ in range(ctx.policy.lockout_attempts - 1):
        with pytest.raises(WrongCredentials):
            ctx = sign_in.sign_in(context_of(ctx), ADMIN[0], "not-the-password")
    with pytest.raises(AccountLocked):
        ctx = sign_in.sign_in(context_of(ctx), ADMIN[0], "not-the-password")

    result = key_rotation.recover_access(branch.context(), branch.recovery_code, ADMIN[0])

    fresh = sign_in.sign_in(branch.context(), ADMIN[0], result.temporary_password)
    session = fresh.session
    assert session.must_change_password
    sign_in.sign_out(fresh)
