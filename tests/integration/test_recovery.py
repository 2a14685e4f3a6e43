"""Restoring access with the recovery code, with and without this PC's device secret."""

from __future__ import annotations

import json
from collections.abc import Callable

import keyring
import pytest

from desktop_app.domain.errors import InvalidInput, WrongCredentials
from desktop_app.domain.password_rules import check_password
from desktop_app.domain.recovery_code import format_code
from desktop_app.domain.roles import Role
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.services import audit_review
from desktop_app.services.context import common_passwords
from desktop_app.services.key_rotation import RecoveryFailed, recover_access
from desktop_app.services.sign_in import change_password, sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import reset_password
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.device_secret import SERVICE, DeviceSecretMissing
from tests.conftest import ADMIN, Branch


def slots(branch: Branch) -> dict[str, dict[str, object]]:
    data = json.loads(branch.ctx.paths.key_slots.read_text(encoding="utf-8"))
    return {slot["name"]: slot for slot in data["slots"]}


def test_recovery_gives_the_admin_a_temporary_password(branch: Branch) -> None:
    result = recover_access(branch.context(), branch.recovery_code, ADMIN[0])
    assert result.username == ADMIN[0]
    assert not result.device_secret_replaced and result.users_needing_reset == []
    assert check_password(result.temporary_password, ADMIN[0], SecurityPolicy(), common_passwords()) == []
    with pytest.raises(WrongCredentials):
        sign_in(branch.context(), *ADMIN)  # the old password is replaced
    ctx = sign_in(branch.context(), ADMIN[0], result.temporary_password)
    session = ctx.session
    assert session.must_change_password
    change_password(ctx, result.temporary_password, "Brand!New#Admin27")
    assert ctx.db is not None
    used = [e for e in AuditRepository(ctx.db).iter_all() if e.action == "keys.recovery_used"]
    assert len(used) == 1
    assert (used[0].actor_username, used[0].target_id, used[0].outcome) == (ADMIN[0], ADMIN[0], "success")
    assert used[0].details == {"device_secret_replaced": False, "slots_removed": 0}
    assert audit_review.verify(ctx).ok
    ctx.close()
    for role in (Role.MANAGER, Role.AGENT, Role.AUDITOR):  # nobody else is affected
        other = sign_in(branch.context(), *branch.users[role])
        other.close()


def test_recovery_code_is_replaced(branch: Branch) -> None:
    first = recover_access(branch.context(), branch.recovery_code, ADMIN[0])
    assert first.new_recovery_code != branch.recovery_code
    with pytest.raises(RecoveryFailed):
        recover_access(branch.context(), branch.recovery_code, ADMIN[0])
    typed = format_code(first.new_recovery_code).lower().replace("-", " ")  # as typed from the sheet
    second = recover_access(branch.context(), typed, ADMIN[0])
    assert second.new_recovery_code not in (first.new_recovery_code, branch.recovery_code)


def test_wrong_code(branch: Branch) -> None:
    before = branch.ctx.paths.key_slots.read_bytes()
    wrong = ("A" if branch.recovery_code[0] != "A" else "B") + branch.recovery_code[1:]
    with pytest.raises(RecoveryFailed) as info:
        recover_access(branch.context(), wrong, ADMIN[0])
    assert info.value.zh and info.value.en
    assert branch.ctx.paths.key_slots.read_bytes() == before


@pytest.mark.parametrize("code", ["", "not a code", "ABCDE-ABCDE", "0" * 25, "A" * 26])
def test_malformed_code(branch: Branch, code: str) -> None:
    with pytest.raises(InvalidInput) as info:
        recover_access(branch.context(), code, ADMIN[0])
    assert "25" in info.value.en and info.value.zh


@pytest.mark.parametrize("username", ["lina", "audit.chen", "nobody.here"])
def test_recovery_only_for_it_admins(branch: Branch, username: str) -> None:
    before = branch.ctx.paths.key_slots.read_bytes()
    with pytest.raises(RecoveryFailed):
        recover_access(branch.context(), branch.recovery_code, username)
    assert branch.ctx.paths.key_slots.read_bytes() == before


def test_recovery_with_the_device_secret_gone(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    branch_id = branch.ctx.require_config().branch_id
    old_secret = keyring.get_password(SERVICE, branch_id)
    keyring.delete_password(SERVICE, branch_id)
    with pytest.raises(DeviceSecretMissing):
        sign_in(branch.context(), *ADMIN)

    with pytest.raises(RecoveryFailed) as refused:  # IT must confirm: the secret may only be invisible
        recover_access(branch.context(), branch.recovery_code, ADMIN[0])
    assert "--new-device-secret" in refused.value.en
    assert set(slots(branch)) == {ADMIN[0], "__recovery__", "audit.chen", "lina", "zhangwei"}

    result = recover_access(branch.context(), branch.recovery_code, ADMIN[0], replace_device_secret=True)
    assert result.device_secret_replaced
    assert result.users_needing_reset == ["audit.chen", "lina", "zhangwei"]
    new_secret = keyring.get_password(SERVICE, branch_id)
    assert new_secret and new_secret != old_secret
    assert set(slots(branch)) == {ADMIN[0], "__recovery__"}

    admin = sign_in(branch.context(), ADMIN[0], result.temporary_password)
    assert admin.db is not None
    used = [e for e in AuditRepository(admin.db).iter_all() if e.action == "keys.recovery_used"][-1]
    assert used.details == {"device_secret_replaced": True, "slots_removed": 4}
    for role in (Role.MANAGER, Role.AGENT, Role.AUDITOR):
        username, password = branch.users[role]
        with pytest.raises(WrongCredentials):
            sign_in(branch.context(), username, password)
        temporary = reset_password(admin, username)
        ctx = sign_in(branch.context(), username, temporary)
        assert ctx.session.must_change_password
        ctx.close()
    assert audit_review.verify(admin).ok
    admin.close()


def test_recovery_re_enables_a_disabled_admin(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert admin.db is not None
    with admin.db.transaction():
        admin.db.execute("UPDATE staff SET active = 0 WHERE username = ?", (ADMIN[0],))
    admin.close()
    result = recover_access(branch.context(), branch.recovery_code, ADMIN[0])
    ctx = sign_in(branch.context(), ADMIN[0], result.temporary_password)
    ctx.close()
