"""Two-factor sign-in (services/second_factor.py): codes by the injected clock, the ±1 step window,
replay refused, lockout, recovery codes, password change and IT's reset."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import AccountLocked, PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services import second_factor
from desktop_app.services.second_factor import (
    MustEnrolSecondFactor,
    PendingEnrolment,
    SecondFactorRequired,
    WrongSecondFactor,
)
from desktop_app.services.sign_in import change_password, sign_in, sign_out
from desktop_app.services.staff_accounts import add_staff, reset_password
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import Branch, Clock
from tests.support.second_factor import current_code, require_totp


def _enrol(branch: Branch, role: Role) -> tuple[str, list[str]]:
    me = sign_in(branch.context(), *branch.users[role])
    try:
        pending = second_factor.start_enrolment(me)
        codes = second_factor.confirm_enrolment(me, pending, current_code(pending.secret, branch.ctx))
    finally:
        sign_out(me)
    return pending.secret, codes


def _actions(branch: Branch) -> list[tuple[str, str]]:
    me = sign_in(branch.context(), *branch.users[Role.AUDITOR])
    try:
        return [(e.action, e.outcome) for e in AuditRepository(me.db).iter_all()]
    finally:
        sign_out(me)


@pytest.fixture
def enrolled(branch: Branch, clock: Clock) -> tuple[str, list[str]]:
    secret, codes = _enrol(branch, Role.MANAGER)
    clock.advance(60)  # past the enrolment's step
    return secret, codes


def test_enrolled_member_must_give_a_code_and_the_current_one_signs_in(
    branch: Branch, enrolled: tuple[str, list[str]]
) -> None:
    secret, _ = enrolled
    user, password = branch.users[Role.MANAGER]
    with pytest.raises(SecondFactorRequired):
        sign_in(branch.context(), user, password)
    me = sign_in(branch.context(), user, password, totp_code=current_code(secret, branch.ctx))
    assert not me.session.must_enrol_second_factor
    sign_out(me)
    assert ("auth.second_factor", "success") in _actions(branch)


@pytest.mark.parametrize(("offset", "accepted"), [(-1, True), (1, True), (-2, False), (2, False)])
def test_one_step_either_side_is_accepted_two_are_not(
    branch: Branch, enrolled: tuple[str, list[str]], offset: int, accepted: bool
) -> None:
    secret, _ = enrolled
    user, password = branch.users[Role.MANAGER]
    code = current_code(secret, branch.ctx, offset)
    if accepted:
        sign_out(sign_in(branch.context(), user, password, totp_code=code))
    else:
        with pytest.raises(WrongSecondFactor):
            sign_in(branch.context(), user, password, totp_code=code)


def test_a_used_code_and_an_older_one_are_refused(branch: Branch, enrolled: tuple[str, list[str]]) -> None:
    secret, _ = enrolled
    user, password = branch.users[Role.MANAGER]
    code = current_code(secret, branch.ctx)
    sign_out(sign_in(branch.context(), user, password, totp_code=code))
    with pytest.raises(WrongSecondFactor):  # replay of the same code
        sign_in(branch.context(), user, password, totp_code=code)
    newer = current_code(secret, branch.ctx, 1)
    sign_out(sign_in(branch.context(), user, password, totp_code=newer))
    with pytest.raises(WrongSecondFactor):  # still inside the window, but older than the last used
        sign_in(branch.context(), user, password, totp_code=current_code(secret, branch.ctx))


def test_wrong_codes_lock_the_account_like_wrong_passwords(
    branch: Branch, enrolled: tuple[str, list[str]]
) -> None:
    secret, _ = enrolled
    user, password = branch.users[Role.MANAGER]
    attempts = branch.ctx.policy.lockout_attempts
    with pytest.raises(SecondFactorRequired):  # asking for the code is not a failure
        sign_in(branch.context(), user, password)
    for _ in range(attempts - 1):
        with pytest.raises(WrongSecondFactor):
            sign_in(branch.context(), user, password, totp_code="000000")
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), user, password, totp_code="000001")
    with pytest.raises(AccountLocked):  # even the right code now
        sign_in(branch.context(), user, password, totp_code=current_code(secret, branch.ctx))


def test_missing_codes_do_not_lock_but_do_not_clear_failures(
    branch: Branch, enrolled: tuple[str, list[str]]
) -> None:
    user, password = branch.users[Role.MANAGER]
    attempts = branch.ctx.policy.lockout_attempts
    for _ in range(attempts + 2):
        with pytest.raises(SecondFactorRequired):
            sign_in(branch.context(), user, password)
    for _ in range(attempts - 1):
        with pytest.raises(WrongSecondFactor):
            sign_in(branch.context(), user, password, totp_code="123456")
        with pytest.raises(SecondFactorRequired):  # does not reset the count
            sign_in(branch.context(), user, password)
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), user, password, totp_code="123456")


def test_a_recovery_code_works_once_and_says_how_many_are_left(
    branch: Branch, enrolled: tuple[str, list[str]]
) -> None:
    _, codes = enrolled
    user, password = branch.users[Role.MANAGER]
    me = sign_in(branch.context(), user, password, totp_code=codes[0].lower())
    assert any(n.code == "recovery_code_used" and "9" in n.en for n in me.session.notices)
    assert second_factor.status(me).recovery_codes_left == 9
    sign_out(me)
    with pytest.raises(WrongSecondFactor):
        sign_in(branch.context(), user, password, totp_code=codes[0])
    assert ("auth.recovery_code_used", "success") in _actions(branch)


def test_password_change_keeps_the_authenticator(
    branch: Branch, enrolled: tuple[str, list[str]], clock: Clock
) -> None:
    secret, _ = enrolled
    user, password = branch.users[Role.MANAGER]
    me = sign_in(branch.context(), user, password, totp_code=current_code(secret, branch.ctx))
    change_password(me, password, "N3w!Passw0rd#Strong")
    sign_out(me)
    clock.advance(60)
    with pytest.raises(SecondFactorRequired):
        sign_in(branch.context(), user, "N3w!Passw0rd#Strong")
    me = sign_in(branch.context(), user, "N3w!Passw0rd#Strong", totp_code=current_code(secret, branch.ctx))
    assert second_factor.status(me).enrolled
    sign_out(me)


def test_admin_password_reset_removes_the_enrolment(branch: Branch, enrolled: tuple[str, list[str]]) -> None:
    user, _ = branch.users[Role.MANAGER]
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    temporary = reset_password(it, user)
    sign_out(it)
    me = sign_in(branch.context(), user, temporary)  # no code asked: the member enrols again
    assert not second_factor.status(me).enrolled
    sign_out(me)
    assert ("auth.second_factor_reset", "success") in _actions(branch)


def test_it_resets_a_lost_phone(branch: Branch, enrolled: tuple[str, list[str]]) -> None:
    user, password = branch.users[Role.MANAGER]
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    assert second_factor.reset(it, user) is True
    with pytest.raises(PermissionDenied):
        second_factor.reset(it, branch.users[Role.IT_ADMIN][0])
    sign_out(it)
    sign_out(sign_in(branch.context(), user, password))


def test_required_but_not_enrolled_may_only_enrol(branch: Branch, clock: Clock) -> None:
    require_totp(branch.ctx, it_admin=1)
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    assert it.session.must_enrol_second_factor
    with pytest.raises(MustEnrolSecondFactor):
        add_staff(it, "new.agent", "新员工", Role.AGENT, password="Ag3nt!Secure#2026", must_change=False)
    pending = second_factor.start_enrolment(it)
    with pytest.raises(Exception, match="code"):
        second_factor.confirm_enrolment(
            it, pending, "999999" if current_code(pending.secret, branch.ctx) != "999999" else "111111"
        )
    second_factor.confirm_enrolment(it, pending, current_code(pending.secret, branch.ctx))
    assert not it.session.must_enrol_second_factor
    add_staff(it, "new.agent", "新员工", Role.AGENT, password="Ag3nt!Secure#2026", must_change=False)
    sign_out(it)
    clock.advance(30)
    with pytest.raises(SecondFactorRequired):
        sign_in(branch.context(), *branch.users[Role.IT_ADMIN])


def test_agents_cannot_enrol(branch: Branch) -> None:
    me = sign_in(branch.context(), *branch.users[Role.AGENT])
    try:
        with pytest.raises(PermissionDenied):
            second_factor.start_enrolment(me)
        assert isinstance(second_factor.start_enrolment.__name__, str)
    finally:
        sign_out(me)


def test_enrolment_uri_names_the_member_and_branch(branch: Branch) -> None:
    me = sign_in(branch.context(), *branch.users[Role.MANAGER])
    try:
        pending: PendingEnrolment = second_factor.start_enrolment(me)
    finally:
        sign_out(me)
    assert pending.uri.startswith("otpauth://totp/BranchVault:")
    assert f"secret={pending.secret}" in pending.uri and "issuer=BranchVault" in pending.uri


def test_recovery_code_sign_in_leaves_a_stale_enrolment_that_is_removed(branch: Branch, clock: Clock) -> None:
    from desktop_app.services.key_rotation import recover_access

    _enrol(branch, Role.IT_ADMIN)
    clock.advance(60)
    result = recover_access(branch.context(), branch.recovery_code, branch.users[Role.IT_ADMIN][0])
    it = sign_in(branch.context(), branch.users[Role.IT_ADMIN][0], result.temporary_password)
    try:
        assert not second_factor.status(it).enrolled  # the new slot key cannot open the old secret
        resets = [e for e in AuditRepository(it.db).iter_all() if e.action == "auth.second_factor_reset"]
        assert resets[-1].details["reason"] == "slot_key_replaced"
    finally:
        sign_out(it)


def test_a_required_manager_signs_in_then_enrols_and_keeps_client_access(
    branch: Branch, clock: Clock
) -> None:
    require_totp(branch.ctx, it_admin=0, manager=1)
    user, password = branch.users[Role.MANAGER]
    me = sign_in(branch.context(), user, password)
    try:
        assert me.session.must_enrol_second_factor and me.session.holds_client_key
        pending = second_factor.start_enrolment(me)
        second_factor.confirm_enrolment(me, pending, current_code(pending.secret, branch.ctx))
    finally:
        sign_out(me)
    clock.advance(30)
    me = sign_in(branch.context(), user, password, totp_code=current_code(pending.secret, branch.ctx))
    assert not me.session.must_enrol_second_factor and me.session.holds_client_key
    sign_out(me)
