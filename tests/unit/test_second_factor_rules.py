"""Pure rules of two-factor sign-in: roles, time steps, what was typed, the withdrawn attempt, and
the terminal QR code."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.documents.qr_matrix import QUIET_ZONE, qr_matrix, terminal_qr
from desktop_app.domain import second_factor_rules as rules
from desktop_app.domain.lockout_rules import LockoutState, after_failure, after_withdrawn
from desktop_app.domain.roles import Role
from desktop_app.domain.security_policy import SecurityPolicy

NOW = 1_800_000_000.0  # a step boundary


def test_required_follows_the_policy_flags() -> None:
    policy = SecurityPolicy()
    assert rules.required(policy, Role.IT_ADMIN) and not rules.required(policy, Role.MANAGER)
    both = replace(policy, totp_it_admin=0, totp_manager=1)
    assert rules.required(both, Role.MANAGER) and not rules.required(both, Role.IT_ADMIN)
    assert not rules.required(both, Role.AGENT) and not rules.required(both, Role.AUDITOR)


def test_candidate_steps_are_the_window_newest_first_after_the_last_used() -> None:
    step = rules.time_step(NOW)
    assert rules.candidate_steps(NOW, 0) == [step + 1, step, step - 1]
    assert rules.candidate_steps(NOW, step) == [step + 1]
    assert rules.candidate_steps(NOW, step + 1) == []


def test_shapes_tell_a_code_from_a_recovery_code() -> None:
    assert rules.totp_shape(" 123 456 ") == "123456"
    assert rules.totp_shape("12345") is None and rules.totp_shape("１２３４５６") is None
    assert rules.recovery_shape("abcde-fghjk") == "ABCDEFGHJK"
    assert rules.recovery_shape("ABCDE-FGHJ0") is None  # 0 is not in the alphabet
    codes = rules.new_recovery_codes()
    assert len(set(codes)) == rules.RECOVERY_CODES
    assert all(rules.recovery_shape(rules.format_recovery(c)) == c for c in codes)


def test_a_withdrawn_attempt_no_longer_counts_but_older_failures_do() -> None:
    policy = SecurityPolicy()
    state, _ = after_failure(LockoutState(), NOW, policy)  # a real failure
    admitted, _ = after_failure(state, NOW + 1, policy)  # the attempt admitted (counted provisionally)
    assert after_withdrawn(admitted, NOW + 1, NOW + 2, policy).failures == 1
    locked = LockoutState()
    for i in range(policy.lockout_attempts - 1):
        locked, _ = after_failure(locked, NOW + i, policy)
    locked, did_lock = after_failure(locked, NOW + 10, policy)  # this admission locked the account
    assert did_lock
    lifted = after_withdrawn(locked, NOW + 10, NOW + 11, policy)
    assert lifted.minutes_left(NOW + 11) == 0 and lifted.failures == policy.lockout_attempts - 1
    earlier = after_withdrawn(locked, NOW + 20, NOW + 21, policy)  # locked before this attempt
    assert earlier.minutes_left(NOW + 21) > 0


def test_terminal_qr_has_two_module_rows_per_line_and_the_quiet_zone() -> None:
    uri = "otpauth://totp/BranchVault:it.admin@SZ001?secret=ABCDEFGHIJKLMNOP"
    size = len(qr_matrix(uri))
    text = terminal_qr(uri).splitlines()
    assert len(text) == (size + 2 * QUIET_ZONE + 1) // 2
    assert all(len(line) == size + 2 * QUIET_ZONE for line in text)
    assert set(text[0]) == {"█"}  # light quiet zone
