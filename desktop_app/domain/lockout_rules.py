"""Sign-in lockout rules: after N failures in a row the account is locked for M minutes.

Pure state transitions; the store keeps the state in a file shared by the GUI and every CLI process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop_app.domain.security_policy import SecurityPolicy


@dataclass(frozen=True)
class LockoutState:
    failures: int = 0
    locked_until: float = 0.0

    def minutes_left(self, now: float) -> int:
        """Whole minutes (rounded up) the account stays locked; 0 when it is not locked."""
        if self.locked_until <= now:
            return 0
        return max(1, math.ceil((self.locked_until - now) / 60))


def after_failure(state: LockoutState, now: float, policy: SecurityPolicy) -> tuple[LockoutState, bool]:
    """Record one failure. Returns the new state and whether this failure locked the account.

    A failure while the account is locked keeps the lock as it is (it neither extends nor lifts it)."""
    if state.locked_until > now:
        return state, False
    failures = 0 if state.locked_until and state.locked_until <= now else state.failures
    failures += 1
    if failures >= policy.lockout_attempts:
        return LockoutState(failures=0, locked_until=now + policy.lockout_minutes * 60), True
    return LockoutState(failures=failures, locked_until=0.0), False


def after_success() -> LockoutState:
    return LockoutState()
