"""Staff accounts: add, list, disable, reset password; the last IT admin and manager stay active."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from desktop_app.domain.errors import InvalidInput, PermissionDenied, WrongCredentials
from desktop_app.domain.password_rules import check_password
from desktop_app.domain.roles import Role
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.services.context import common_passwords
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import (
    StaffError,
    add_staff,
    disable_staff,
    list_staff,
    reset_password,
    temporary_password,
)
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import ADMIN, Branch


def slot_names(branch: Branch) -> set[str]:
    data = json.loads(branch.ctx.paths.key_slots.read_text(encoding="utf-8"))
    return {slot["name"] for slot in data["slots"]}


ROTATION_ACTIONS = ("keys.rekey", "keys.client_rotation")


def last_action(ctx: SignedIn) -> tuple[str, str, dict[str, object]]:
    """The last entry before the key rotations that disabling or resetting someone now triggers."""
    assert ctx.db is not None
    entries = [e for e in AuditRepository(ctx.db).iter_all() if e.action not in ROTATION_ACTIONS]
    entry = entries[-1]
    return entry.action, entry.target_id, entry.details


def test_temporary_passwords_meet_the_rules() -> None:
    for _ in range(200):
        password = temporary_password()
        assert check_password(password, "wang.fang", SecurityPolicy(), common_passwords()) == []
        assert len(password) == 14 and password.count("-") == 2


def test_add_staff_with_a_temporary_password(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    member, password = add_staff(admin, " wang.fang ", " 王芳 ", Role.AGENT)
    assert (member.username, member.display_name, member.role) == ("wang.fang", "王芳", Role.AGENT)
    assert member.active and member.must_change_password
    assert check_password(password, "wang.fang", admin.policy, common_passwords()) == []
    assert "wang.fang" in slot_names(branch)
    assert last_action(admin) == ("staff.add", "wang.fang", {"role": "agent"})
    ctx = sign_in(branch.context(), "wang.fang", password)
    session = ctx.session
    assert session.must_change_password and session.role is Role.AGENT
    ctx.close()


def test_add_staff_with_a_chosen_password_checks_the_rules(signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    from desktop_app.domain.errors import PasswordRejected

    with pytest.raises(PasswordRejected, match="must not contain the username"):
        add_staff(admin, "wang.fang", "王芳", Role.AGENT, password="Wang.Fang!2026x")
    member, password = add_staff(
        admin, "wang.fang", "王芳", Role.AGENT, password="Good!Pass#2026x", must_change=False
    )
    assert password == "Good!Pass#2026x" and not member.must_change_password


def test_duplicate_username_refused(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    slots_before = branch.ctx.paths.key_slots.read_bytes()
    with pytest.raises(StaffError) as info:
        add_staff(admin, "lina", "另一个李娜", Role.AGENT)
    assert "lina" in info.value.en and info.value.zh
    assert branch.ctx.paths.key_slots.read_bytes() == slots_before
    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])  # the original slot still works
    ctx.close()


@pytest.mark.parametrize(
    "username",
    [
        "",
        "ab",
        "Lina",
        "1abc",
        "_abc",
        ".abc",
        "has space",
        "王芳",
        "a" * 33,
        "__recovery__",
        "abc\x00",
        "abc/def",
        "a;b",
    ],
)
def test_invalid_usernames_refused(
    branch: Branch, signed_in: Callable[[Role], SignedIn], username: str
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    slots_before = branch.ctx.paths.key_slots.read_bytes()
    with pytest.raises(InvalidInput) as info:
        add_staff(admin, username, "某人", Role.AGENT)
    assert info.value.zh and info.value.en
    assert branch.ctx.paths.key_slots.read_bytes() == slots_before
    assert len(list_staff(admin)) == 4


@pytest.mark.parametrize("username", ["abc", "a" * 32, "zhang.wei_2", "li-na"])
def test_valid_username_shapes(signed_in: Callable[[Role], SignedIn], username: str) -> None:
    add_staff(signed_in(Role.IT_ADMIN), username, "某人", Role.AGENT)


@pytest.mark.parametrize("display_name", ["", "   ", "名" * 41])
def test_invalid_display_names_refused(signed_in: Callable[[Role], SignedIn], display_name: str) -> None:
    with pytest.raises(InvalidInput):
        add_staff(signed_in(Role.IT_ADMIN), "wang.fang", display_name, Role.AGENT)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.AGENT, Role.AUDITOR])
def test_only_it_admins_manage_staff(signed_in: Callable[[Role], SignedIn], role: Role) -> None:
    ctx = signed_in(role)
    with pytest.raises(PermissionDenied):
        add_staff(ctx, "wang.fang", "王芳", Role.AGENT)
    with pytest.raises(PermissionDenied):
        disable_staff(ctx, "zhangwei")
    with pytest.raises(PermissionDenied):
        reset_password(ctx, "zhangwei")


def test_list_staff(signed_in: Callable[[Role], SignedIn]) -> None:
    names = {m.username: m.role for m in list_staff(signed_in(Role.MANAGER))}
    assert names == {
        "it.admin": Role.IT_ADMIN,
        "lina": Role.MANAGER,
        "zhangwei": Role.AGENT,
        "audit.chen": Role.AUDITOR,
    }
    assert len(list_staff(signed_in(Role.IT_ADMIN))) == 4
    for role in (Role.AGENT, Role.AUDITOR):
        with pytest.raises(PermissionDenied):
            list_staff(signed_in(role))


def test_disable_removes_the_slot(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    disable_staff(admin, "zhangwei")
    assert "zhangwei" not in slot_names(branch)
    assert last_action(admin)[:2] == ("staff.disable", "zhangwei")
    member = {m.username: m for m in list_staff(admin)}["zhangwei"]
    assert not member.active
    with pytest.raises(WrongCredentials):
        sign_in(branch.context(), *branch.users[Role.AGENT])
    disable_staff(admin, "zhangwei")  # disabling twice is harmless


def test_disable_unknown_member(signed_in: Callable[[Role], SignedIn]) -> None:
    with pytest.raises(StaffError):
        disable_staff(signed_in(Role.IT_ADMIN), "nobody.here")


def test_last_active_it_admin_cannot_be_disabled(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    with pytest.raises(StaffError) as info:
        disable_staff(admin, ADMIN[0])
    assert "last active" in info.value.en and info.value.zh
    assert ADMIN[0] in slot_names(branch)
    add_staff(admin, "it.li", "IT 李工", Role.IT_ADMIN)
    disable_staff(admin, "it.li")
    with pytest.raises(StaffError):  # the disabled one does not count
        disable_staff(admin, ADMIN[0])


def test_last_active_manager_cannot_be_disabled(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    with pytest.raises(StaffError):
        disable_staff(admin, "lina")
    add_staff(admin, "second.mgr", "第二店长", Role.MANAGER)
    disable_staff(admin, "lina")
    assert "lina" not in slot_names(branch)
    with pytest.raises(StaffError):
        disable_staff(admin, "second.mgr")


def test_agents_and_auditors_can_all_be_disabled(signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    disable_staff(admin, "zhangwei")
    disable_staff(admin, "audit.chen")


def test_reset_password_re_enables_and_forces_a_change(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    admin = signed_in(Role.IT_ADMIN)
    disable_staff(admin, "zhangwei")
    temporary = reset_password(admin, "zhangwei")
    assert last_action(admin) == (
        "staff.reset_password",
        "zhangwei",
        {"reenabled": True, "held_client_key": False},  # disabled first, so the grant was already gone
    )
    assert check_password(temporary, "zhangwei", admin.policy, common_passwords()) == []
    member = {m.username: m for m in list_staff(admin)}["zhangwei"]
    assert member.active and member.must_change_password
    with pytest.raises(WrongCredentials):
        sign_in(branch.context(), *branch.users[Role.AGENT])  # the old password is gone
    ctx = sign_in(branch.context(), "zhangwei", temporary)
    assert ctx.session.must_change_password
    ctx.close()


def test_reset_password_of_an_active_member(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    temporary = reset_password(admin, "lina")
    assert last_action(admin)[2] == {"reenabled": False, "held_client_key": True}
    with pytest.raises(WrongCredentials):
        sign_in(branch.context(), *branch.users[Role.MANAGER])
    ctx = sign_in(branch.context(), "lina", temporary)
    assert ctx.session.must_change_password
    ctx.close()
    with pytest.raises(StaffError):
        reset_password(admin, "nobody.here")
