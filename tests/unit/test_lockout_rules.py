"""Lockout state transitions: 5 failures in a row lock for 15 minutes; minutes are rounded up."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.lockout_rules import LockoutState, after_failure, after_success
from desktop_app.domain.security_policy import SecurityPolicy

POLICY = SecurityPolicy()
T0 = 1_800_000_000.0


def fail_times(n: int, now: float = T0, state: LockoutState | None = None) -> tuple[LockoutState, list[bool]]:
    state = state or LockoutState()
    locks = []
    for _ in range(n):
        state, locked = after_failure(state, now, POLICY)
        locks.append(locked)
    return state, locks


def test_four_failures_do_not_lock() -> None:
    state, locks = fail_times(4)
    assert locks == [False] * 4
    assert state.failures == 4
    assert state.minutes_left(T0) == 0


def test_fifth_failure_locks_for_15_minutes() -> None:
    state, locks = fail_times(5)
    assert locks == [False, False, False, False, True]
    assert state.locked_until == T0 + 15 * 60
    assert state.minutes_left(T0) == 15


@pytest.mark.parametrize(
    ("elapsed", "minutes"),
    [
        (0, 15),
        (1, 15),
        (59, 15),
        (60, 14),
        (61, 14),
        (14 * 60, 1),
        (15 * 60 - 1, 1),
        (15 * 60, 0),
        (10**6, 0),
    ],
)
def test_minutes_left_rounds_up(elapsed: float, minutes: int) -> None:
    state, _ = fail_times(5)
    assert state.minutes_left(T0 + elapsed) == minutes


def test_lock_expires_and_counting_restarts() -> None:
    state, _ = fail_times(5)
    later = T0 + 15 * 60
    state, locked = after_failure(state, later, POLICY)
    assert not locked
    assert state.failures == 1
    assert state.minutes_left(later) == 0


def test_success_clears_everything() -> None:
    assert after_success() == LockoutState()
    assert after_success().minutes_left(T0) == 0


def test_policy_controls_attempts_and_minutes() -> None:
    policy = SecurityPolicy(lockout_attempts=3, lockout_minutes=30)
    state = LockoutState()
    for expected in (False, False, True):
        state, locked = after_failure(state, T0, policy)
        assert locked is expected
    assert state.minutes_left(T0) == 30


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), st.floats(min_value=0, max_value=1e6))
def test_property_minutes_left_never_negative_and_zero_once_expired(locked_for: float, later: float) -> None:
    until, now = T0 + locked_for, T0 + later
    left = LockoutState(0, until).minutes_left(now)
    assert left >= 0
    assert (left == 0) == (now >= until)
    if left:
        assert (left - 1) * 60 < until - now <= left * 60
