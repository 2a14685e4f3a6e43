"""Changing one's own password, and password expiry with the clock."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from desktop_app.domain.errors import PasswordRejected, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services.sign_in import change_password, sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import reset_password
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import Branch, Clock
from tests.support.branch_settings import save_branch_settings
from tests.support.contexts import context_of

NEW = "Fresh!Start#2027q"
DAY = 86400


def can_sign_in(branch: Branch, username: str, password: str) -> bool:
    ctx = branch.context()
    try:
        ctx = sign_in(context_of(ctx), username, password)
    except WrongCredentials:
        return False
    ctx.close()
    return True


@pytest.mark.parametrize("role", list(Role))
def test_change_password_for_every_role(
    branch: Branch, signed_in: Callable[[Role], SignedIn], role: Role
) -> None:
    username, old = branch.users[role]
    ctx = signed_in(role)
    change_password(ctx, old, NEW)
    assert ctx.db is not None
    entries = list(AuditRepository(ctx.db).iter_all())
    changed = max(i for i, e in enumerate(entries) if e.action == "auth.password_changed")
    last = entries[changed]
    assert (last.action, last.target_id, last.outcome) == ("auth.password_changed", username, "success")
    # then the keys the old slot opened are rotated: the client-data key for a holder, and the branch key
    rotations = [(e.action, e.details.get("phase")) for e in entries[changed + 1 :]]
    holder = role in (Role.AGENT, Role.MANAGER)
    assert rotations == [
        *([("keys.client_rotation", "started"), ("keys.client_rotation", "completed")] if holder else []),
        ("keys.rekey", "started"),
        ("keys.rekey", "completed"),
    ]
    assert not can_sign_in(branch, username, old)
    assert can_sign_in(branch, username, NEW)


def test_wrong_old_password(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    ctx = signed_in(Role.AGENT)
    with pytest.raises(WrongCredentials):
        change_password(ctx, "Not!The#Old1pass", NEW)
    assert can_sign_in(branch, *branch.users[Role.AGENT])
    assert not can_sign_in(branch, "zhangwei", NEW)


@pytest.mark.parametrize(
    ("new", "rule"),
    [
        ("Sh0rt!x", "at least 10 characters"),
        ("alllowercaseletters", "at least 3 of"),
        ("Zhangwei!2027x", "must not contain the username"),
        ("Password2027!", "commonly used"),
    ],
)
def test_new_password_must_meet_the_rules(
    branch: Branch, signed_in: Callable[[Role], SignedIn], new: str, rule: str
) -> None:
    ctx = signed_in(Role.AGENT)
    with pytest.raises(PasswordRejected, match=rule):
        change_password(ctx, branch.users[Role.AGENT][1], new)
    assert can_sign_in(branch, *branch.users[Role.AGENT])
    assert not can_sign_in(branch, "zhangwei", new)


def test_same_password_refused(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    old = branch.users[Role.AGENT][1]
    with pytest.raises(PasswordRejected) as info:
        change_password(signed_in(Role.AGENT), old, old)
    assert "differ" in info.value.en and info.value.zh


def test_changing_clears_the_forced_change(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    temporary = reset_password(signed_in(Role.IT_ADMIN), "zhangwei")
    ctx = sign_in(branch.context(), "zhangwei", temporary)
    session = ctx.session
    assert session.must_change_password
    change_password(ctx, temporary, NEW)
    assert not session.must_change_password
    ctx.close()
    again = sign_in(branch.context(), "zhangwei", NEW)
    assert not again.session.must_change_password
    again.close()


def test_password_expires_after_90_days(branch: Branch, clock: Clock) -> None:
    clock.advance(90 * DAY - 60)
    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    assert not ctx.session.must_change_password
    ctx.close()
    clock.advance(2 * 60)
    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    session = ctx.session
    assert session.must_change_password
    change_password(ctx, branch.users[Role.AGENT][1], NEW)
    assert not session.must_change_password
    ctx.close()
    ctx = sign_in(branch.context(), "zhangwei", NEW)
    assert not ctx.session.must_change_password  # the clock restarted at the change
    ctx.close()


def test_zero_max_age_disables_expiry(branch: Branch, clock: Clock) -> None:
    config = branch.ctx.require_config()
    save_branch_settings(branch.ctx, dataclasses.replace(config, security={"password_max_age_days": 0}))
    clock.advance(1000 * DAY)
    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    assert not ctx.session.must_change_password
    ctx.close()


def test_shorter_max_age_from_config(branch: Branch, clock: Clock) -> None:
    config = branch.ctx.require_config()
    save_branch_settings(branch.ctx, dataclasses.replace(config, security={"password_max_age_days": 30}))
    clock.advance(31 * DAY)
    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    assert ctx.session.must_change_password
    ctx.close()
