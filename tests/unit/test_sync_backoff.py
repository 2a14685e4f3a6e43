"""The outbox's backoff: exponential from 30 s, capped at six hours, full jitter (properties)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.sync_backoff import BASE_SECONDS, CAP_SECONDS, ceiling, next_delay

fractions = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)


@given(st.integers(min_value=-5, max_value=10_000), fractions)
def test_delay_is_within_zero_and_the_capped_ceiling(attempts: int, fraction: float) -> None:
    delay = next_delay(attempts, lambda: fraction)
    assert 0.0 <= delay <= ceiling(attempts) <= CAP_SECONDS


@given(st.integers(min_value=1, max_value=10_000))
def test_ceiling_doubles_until_the_cap_and_never_shrinks(attempts: int) -> None:
    assert ceiling(attempts + 1) >= ceiling(attempts)
    assert ceiling(attempts + 1) == min(CAP_SECONDS, 2 * ceiling(attempts))


def test_the_fixed_points() -> None:
    assert ceiling(1) == BASE_SECONDS == 30.0
    assert ceiling(2) == 60.0 and ceiling(3) == 120.0
    assert ceiling(10) == 15_360.0  # 30 s * 2**9, still under six hours
    assert ceiling(11) == CAP_SECONDS == 6 * 3600  # 30 s * 2**10 = 30720 s: capped
    assert ceiling(1_000_000) == CAP_SECONDS


@given(st.integers(min_value=1, max_value=50), fractions, fractions)
def test_full_jitter_is_proportional_to_the_random_fraction(attempts: int, a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert next_delay(attempts, lambda: low) <= next_delay(attempts, lambda: high)
    assert next_delay(attempts, lambda: 0.0) == 0.0


def test_a_misbehaving_random_source_is_clamped() -> None:
    assert next_delay(1, lambda: -3.0) == 0.0
    assert next_delay(1, lambda: 7.0) == BASE_SECONDS
