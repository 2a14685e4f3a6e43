"""Attacks on two-factor sign-in by someone with the branch's data folder, IT's own password (so
branch.db open with IT's key) and the app's own modules (issue 15 §4).

- IT reads a manager's ``second_factors`` row and tries to compute the manager's current code: the
  column as a plain secret, and opening it with IT's own slot key. Neither works (the secret is
  sealed to the manager's slot key). Checked: storing the secret in the clear (``sealed_secret =
  secret``) makes the first attempt produce the right code and the test fail.
- IT reads the recovery-code column and tests a known code against it as a plain or unkeyed hash:
  no match (HMAC under a key derived from the sealed secret). Checked: storing sha256(code) fails it.
- A script that signs in as an IT administrator the policy requires to use TOTP and calls the
  services directly (skipping the CLI's and GUI's "enrol first" step) is refused, audited.
  Checked: removing the must-enrol test from ``audit_trail.check_permission`` fails it.
"""

from __future__ import annotations

import hashlib
import hmac

import pyotp
import pytest

from desktop_app.domain.roles import Role
from desktop_app.services import second_factor
from desktop_app.services.second_factor import MustEnrolSecondFactor
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.staff_accounts import add_staff, reset_password
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.staff_repository import StaffRepository
from tests.conftest import Branch
from tests.support.second_factor import current_code, require_totp


def _enrol_manager(branch: Branch) -> tuple[str, list[str]]:
    me = sign_in(branch.context(), *branch.users[Role.MANAGER])
    try:
        pending = second_factor.start_enrolment(me)
        codes = second_factor.confirm_enrolment(me, pending, current_code(pending.secret, branch.ctx))
    finally:
        sign_out(me)
    return pending.secret, codes


def _plausible_secret_codes(value: str, now: float) -> set[str]:
    """Codes an attacker gets by reading ``value`` as a TOTP secret, raw or decoded."""
    codes: set[str] = set()
    for candidate in (value, value.upper()):
        try:
            codes.add(pyotp.TOTP(candidate).at(int(now)))
        except Exception:
            continue
    return codes


def test_it_cannot_compute_a_managers_codes_from_branch_db(branch: Branch) -> None:
    secret, _ = _enrol_manager(branch)
    manager = branch.users[Role.MANAGER][0]
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    try:
        staff_id = StaffRepository(it.db).get(manager).id  # type: ignore[union-attr]
        (sealed,) = it.db.execute(
            "SELECT sealed_secret FROM second_factors WHERE staff_id = ?", (staff_id,)
        ).fetchone()
        now = it.clock()
        real = pyotp.TOTP(secret).at(int(now))
        assert real not in _plausible_secret_codes(sealed, now)
        assert secret not in sealed
        assert it.session.slot_private is not None
        opened = second_factor.open_secret(
            sealed, it.session.slot_private, branch_id=it.config.branch_id, staff_id=staff_id
        )
        assert opened is None
    finally:
        sign_out(it)


def test_recovery_codes_cannot_be_tested_against_branch_db(branch: Branch) -> None:
    _, codes = _enrol_manager(branch)
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    try:
        stored = {row[0] for row in it.db.execute("SELECT code_mac FROM second_factor_recovery_codes")}
    finally:
        sign_out(it)
    assert len(stored) == 10
    for code in codes:
        for form in (code, code.replace("-", "")):
            raw = form.encode()
            assert hashlib.sha256(raw).hexdigest() not in stored
            assert hmac.new(b"", raw, hashlib.sha256).hexdigest() not in stored


def test_a_script_cannot_skip_enrolment_when_the_policy_requires_it(branch: Branch) -> None:
    require_totp(branch.ctx, it_admin=1)
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    try:
        assert it.session.must_enrol_second_factor
        with pytest.raises(MustEnrolSecondFactor):
            add_staff(
                it, "mallory", "Mallory", Role.IT_ADMIN, password="Ev1l!Password#2026", must_change=False
            )
        with pytest.raises(MustEnrolSecondFactor):
            reset_password(it, branch.users[Role.MANAGER][0])
        denied = [
            e
            for e in AuditRepository(it.db).iter_all()
            if e.action == "access.denied" and e.outcome == "denied"
        ]
        assert {e.target_id for e in denied[-2:]} == {"staff.manage"}
        assert StaffRepository(it.db).get("mallory") is None
    finally:
        sign_out(it)
