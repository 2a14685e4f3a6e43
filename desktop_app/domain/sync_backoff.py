"""When the outbox tries again after a failed send: exponential backoff with full jitter.

Rule: after the n-th failed attempt (n >= 1) the next try waits a uniformly random time between 0
and ``min(CAP, BASE * 2**(n-1))`` seconds: 30 s after the first failure, at most six hours however
long HQ has been away. Reason: many branches coming back online at once (after an HQ outage) must
not all retry in the same second — full jitter spreads them (the "exponential backoff and jitter"
analysis by AWS) — while a branch offline for days still tries a few times an hour at worst.
"""

from __future__ import annotations

from collections.abc import Callable

BASE_SECONDS = 30.0
CAP_SECONDS = 6 * 60 * 60.0
_MAX_EXPONENT = 32  # 30 s * 2**32 is far past the cap; keeps the power small for huge counts


def ceiling(attempts: int) -> float:
    """The longest wait after ``attempts`` failed attempts (0 and below count as 1)."""
    exponent = min(max(attempts, 1) - 1, _MAX_EXPONENT)
    return min(CAP_SECONDS, BASE_SECONDS * 2.0**exponent)


def next_delay(attempts: int, rng: Callable[[], float]) -> float:
    """Seconds to wait: ``rng()`` (uniform in [0, 1)) times the ceiling; clamped into [0, ceiling]."""
    fraction = min(max(rng(), 0.0), 1.0)
    return fraction * ceiling(attempts)
