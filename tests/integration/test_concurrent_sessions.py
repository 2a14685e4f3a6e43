"""Two sessions on one branch: a key rotation by IT tells the other session to sign in again
instead of calling the database corrupted; recovery lifts a lockout on the recovered admin."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_app.domain.errors import AccountLocked, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services import key_rotation, sign_in, staff_accounts
from desktop_app.services.context import AppContext
from desktop_app.store.database import DatabaseKeyChanged
from tests.conftest import ADMIN, Branch


def test_rekey_by_it_tells_an_open_session_to_sign_in_again(
    signed_in: Callable[[Role], AppContext],
) -> None:
    manager = signed_in(Role.MANAGER)
    it_admin = signed_in(Role.IT_ADMIN)
    staff_accounts.list_staff(manager)  # the manager's connection has read the database

    key_rotation.rotate_database_key(it_admin)

    with pytest.raises(DatabaseKeyChanged) as caught:
        staff_accounts.list_staff(manager)
    assert "重新登录" in caught.value.zh and "sign in again" in caught.value.en


def test_recovery_lifts_the_admin_lockout(branch: Branch) -> None:
    ctx = branch.context()
    for _ in range(ctx.policy.lockout_attempts - 1):
        with pytest.raises(WrongCredentials):
            sign_in.sign_in(ctx, ADMIN[0], "not-the-password")
    with pytest.raises(AccountLocked):
        sign_in.sign_in(ctx, ADMIN[0], "not-the-password")

    result = key_rotation.recover_access(branch.context(), branch.recovery_code, ADMIN[0])

    fresh = branch.context()
    session = sign_in.sign_in(fresh, ADMIN[0], result.temporary_password)
    assert session.must_change_password
    sign_in.sign_out(fresh)
