"""Lockout state transitions: 5 failures in a row lock for 15 minutes; minutes are rounded up."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.lockout_rules import LockoutState, after_failure, after_success, capped, pruned
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


# -- issue 10: a lock never outlasts the policy; pruning keeps every lock in force ---------------------

policies = st.builds(
    SecurityPolicy, lockout_attempts=st.integers(1, 20), lockout_minutes=st.integers(1, 24 * 60)
)
times = st.floats(min_value=0, max_value=4e9, allow_nan=False, allow_infinity=False)
states = st.builds(
    LockoutState,
    failures=st.integers(0, 50),
    locked_until=st.one_of(st.just(0.0), times, st.floats(min_value=4e9, max_value=1e300)),
    last_failure=times,
)


@given(states, times, policies)
def test_property_capped_lock_is_never_longer_than_the_policy_and_never_lifted(
    state: LockoutState, now: float, policy: SecurityPolicy
) -> None:
    result = capped(state, now, policy)
    assert result.minutes_left(now) <= policy.lockout_minutes
    assert (result.minutes_left(now) > 0) == (state.minutes_left(now) > 0)
    assert result.locked_until <= max(state.locked_until, now + policy.lockout_minutes * 60)
    assert capped(result, now, policy) == result


@given(states, times, policies, st.integers(1, 30))
def test_property_failures_never_lock_longer_than_the_policy_whatever_the_state(
    state: LockoutState, now: float, policy: SecurityPolicy, n: int
) -> None:
    for _ in range(n):
        state, _ = after_failure(state, now, policy)
        assert state.minutes_left(now) <= policy.lockout_minutes


@given(times, st.floats(min_value=1, max_value=1e7), policies)
def test_property_a_clock_set_back_leaves_at_most_the_policy_period(
    start: float, back: float, policy: SecurityPolicy
) -> None:
    state, _ = fail_times_with(policy, policy.lockout_attempts, start)
    earlier = start - back
    assert capped(state, earlier, policy).minutes_left(earlier) <= policy.lockout_minutes


def fail_times_with(policy: SecurityPolicy, n: int, now: float) -> tuple[LockoutState, bool]:
    state, locked = LockoutState(), False
    for _ in range(n):
        state, locked = after_failure(state, now, policy)
    return state, locked


@given(
    st.dictionaries(st.text(min_size=1, max_size=8), states, max_size=60),
    times,
    policies,
    st.integers(0, 20),
)
def test_property_pruning_keeps_every_lock_in_force_and_bounds_the_rest(
    accounts: dict[str, LockoutState], now: float, policy: SecurityPolicy, cap: int
) -> None:
    kept = pruned(accounts, now, policy, max_unlocked=cap)
    locked = {name for name, s in accounts.items() if s.locked_until > now}
    assert locked <= set(kept)
    assert len([s for s in kept.values() if s.locked_until <= now]) <= cap
    assert all(not s.is_empty(now) for s in kept.values())
    assert all(s.minutes_left(now) <= policy.lockout_minutes for s in kept.values())


def test_pruning_drops_the_oldest_unlocked_counts_first() -> None:
    accounts = {f"n{i}": LockoutState(failures=1, last_failure=T0 + i) for i in range(5)}
    assert set(pruned(accounts, T0 + 10, POLICY, max_unlocked=2)) == {"n3", "n4"}


def test_an_expired_lock_is_dropped_but_kept_as_cleared_while_a_branch_wide_lock_holds() -> None:
    expired = {"a": LockoutState(0, T0 - 1), "b": LockoutState()}
    assert pruned(expired, T0, POLICY) == {}
    assert set(pruned(expired, T0, POLICY, keep_empty=True)) == {"a", "b"}
