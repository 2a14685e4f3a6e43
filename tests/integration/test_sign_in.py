"""Signing in and out, sessions, re-authentication, disabled accounts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_app.domain.errors import AccountDisabled, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import record
from desktop_app.services.context import NotSignedIn
from desktop_app.services.sign_in import (
    needs_reauthentication,
    role_of,
    sign_in,
    sign_out,
    verify_password,
)
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import Branch, Clock
from tests.support.contexts import context_of


def actions_of(ctx: SignedIn) -> list[tuple[str, str, str]]:
    assert ctx.db is not None
    return [(e.action, e.actor_username, e.outcome) for e in AuditRepository(ctx.db).iter_all()]


@pytest.mark.parametrize("role", list(Role))
def test_every_role_signs_in(branch: Branch, role: Role) -> None:
    ctx = branch.context()
    username, password = branch.users[role]
    ctx = sign_in(context_of(ctx), username, password)
    session = ctx.session
    assert ctx.session is session
    assert (session.username, session.role) == (username, role)
    assert not session.must_change_password
    assert len(session.db_key) == 32
    assert role_of(ctx) is role
    assert ("auth.sign_in", username, "success") in actions_of(ctx)
    ctx.close()


def test_username_is_trimmed(branch: Branch) -> None:
    ctx = sign_in(branch.context(), "  lina \n", branch.users[Role.MANAGER][1])
    assert ctx.session is not None and ctx.session.username == "lina"
    ctx.close()


def test_wrong_password_and_unknown_user_give_the_same_error(branch: Branch) -> None:
    ctx = branch.context()
    with pytest.raises(WrongCredentials) as wrong:
        ctx = sign_in(context_of(ctx), "lina", "Not!The#Password1")
    with pytest.raises(WrongCredentials) as unknown:
        ctx = sign_in(context_of(ctx), "nobody.here", "Not!The#Password1")
    assert (wrong.value.zh, wrong.value.en) == (unknown.value.zh, unknown.value.en)


def test_sign_out_is_audited_and_closes(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    ctx = signed_in(Role.AGENT)
    sign_out(ctx)
    with pytest.raises(NotSignedIn):
        _ = ctx.db
    admin = signed_in(Role.IT_ADMIN)
    assert ("auth.sign_out", "zhangwei", "success") in actions_of(admin)


def test_services_refuse_without_a_session(branch: Branch) -> None:
    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    sign_out(ctx)
    with pytest.raises(NotSignedIn) as info:
        record(ctx, "anything")
    assert info.value.zh and info.value.en


def test_inactive_account_with_a_slot_is_refused(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    with admin.db.transaction():
        admin.db.execute("UPDATE staff SET active = 0 WHERE username = 'lina'")
    ctx = branch.context()
    with pytest.raises(AccountDisabled):
        ctx = sign_in(context_of(ctx), *branch.users[Role.MANAGER])


def test_reauthentication(branch: Branch, clock: Clock, signed_in: Callable[[Role], SignedIn]) -> None:
    ctx = signed_in(Role.AGENT)
    assert not needs_reauthentication(ctx)
    clock.advance(15 * 60 + 1)
    assert needs_reauthentication(ctx)
    with pytest.raises(WrongCredentials):
        verify_password(ctx, "Wrong!Password#1")
    assert needs_reauthentication(ctx)
    verify_password(ctx, branch.users[Role.AGENT][1])
    assert not needs_reauthentication(ctx)
    outcomes = [a for a in actions_of(ctx) if a[0] == "auth.reauthenticate"]
    assert outcomes == [
        ("auth.reauthenticate", "zhangwei", "failure"),
        ("auth.reauthenticate", "zhangwei", "success"),
    ]
