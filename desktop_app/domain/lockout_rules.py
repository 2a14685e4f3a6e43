"""Sign-in lockout rules: after N failures in a row the account is locked for M minutes.

Pure state transitions; the store keeps the state in a file shared by the GUI and every CLI process.
The same rules apply to a username that does not exist, so the lockout never tells which names are
real (OWASP ASVS 2.2.1 / 3.x "no account enumeration").

A lock is never longer than the policy says, whatever the file holds: a ``locked_until`` beyond
``now + lockout_minutes`` (the clock was corrected backwards, IT shortened the lockout, or the file
was damaged) is capped to that on every read. Capping never lifts a lock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from desktop_app.domain.security_policy import SecurityPolicy

# Unlocked failure counts kept at most (names typed once and never again would otherwise pile up);
# locked entries are never pruned before their lock ends.
MAX_UNLOCKED_ENTRIES = 1000


@dataclass(frozen=True)
class LockoutState:
    failures: int = 0
    locked_until: float = 0.0
    last_failure: float = 0.0

    def minutes_left(self, now: float) -> int:
        """Whole minutes (rounded up) the account stays locked; 0 when it is not locked."""
        if self.locked_until <= now:
            return 0
        return max(1, math.ceil((self.locked_until - now) / 60))

    def is_empty(self, now: float) -> bool:
        """True when the entry says nothing: no lock in force and (after an expired lock) no count."""
        if self.locked_until > now:
            return False
        return self.failures == 0 or bool(self.locked_until)


def longest_lock(now: float, policy: SecurityPolicy) -> float:
    """The latest ``locked_until`` the policy allows for a lock seen at ``now``."""
    return now + policy.lockout_minutes * 60


def capped(state: LockoutState, now: float, policy: SecurityPolicy) -> LockoutState:
    """The state with its lock shortened to at most the policy's lockout period from ``now``."""
    limit = longest_lock(now, policy)
    if state.locked_until > limit:
        return replace(state, locked_until=limit)
    return state


def capped_until(locked_until: float, now: float, policy: SecurityPolicy) -> float:
    return min(locked_until, longest_lock(now, policy))


def after_failure(state: LockoutState, now: float, policy: SecurityPolicy) -> tuple[LockoutState, bool]:
    """Record one failure. Returns the new state and whether this failure locked the account.

    A failure while the account is locked keeps the lock as it is (it neither extends nor lifts it),
    capped to the policy's period."""
    state = capped(state, now, policy)
    if state.locked_until > now:
        return state, False
    failures = 0 if state.locked_until and state.locked_until <= now else state.failures
    failures += 1
    if failures >= policy.lockout_attempts:
        return LockoutState(failures=0, locked_until=longest_lock(now, policy), last_failure=now), True
    return LockoutState(failures=failures, locked_until=0.0, last_failure=now), False


def after_withdrawn(
    state: LockoutState, admitted_at: float, now: float, policy: SecurityPolicy
) -> LockoutState:
    """Take back one admitted attempt that turned out not to be a failure (the password was right
    and the member still has to type their second-factor code): one failure fewer, or the lock that
    this very attempt set lifted with the count just below the limit. Older failures stay."""
    state = capped(state, now, policy)
    if state.locked_until > now:
        if state.last_failure >= admitted_at:
            return LockoutState(failures=max(0, policy.lockout_attempts - 1), last_failure=state.last_failure)
        return state
    if state.locked_until:
        return state
    return replace(state, failures=max(0, state.failures - 1))


def after_success() -> LockoutState:
    return LockoutState()


def pruned(
    accounts: dict[str, LockoutState],
    now: float,
    policy: SecurityPolicy,
    *,
    keep_empty: bool = False,
    max_unlocked: int = MAX_UNLOCKED_ENTRIES,
) -> dict[str, LockoutState]:
    """Entries worth keeping, capped: expired and empty ones go (unless ``keep_empty``, used while a
    branch-wide lock holds and an empty entry means "cleared"), and past ``max_unlocked`` unlocked
    counts the oldest go first. Locks in force are always kept."""
    kept = {name: capped(s, now, policy) for name, s in accounts.items() if keep_empty or not s.is_empty(now)}
    unlocked = [name for name, s in kept.items() if s.locked_until <= now]
    if len(unlocked) > max_unlocked:
        unlocked.sort(key=lambda name: kept[name].last_failure)
        for name in unlocked[: len(unlocked) - max_unlocked]:
            del kept[name]
    return kept
