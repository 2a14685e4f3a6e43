"""Sign-in throttling for HQ staff: too many failures in a window refuse further attempts.

Rule: an attempt is refused while the failures counted in the last ``window`` reach the limit, per
username (normalised) and per client address, whichever is reached first. Counting includes
attempts still being checked (``pending``), so parallel guesses cannot slip under the limit while
argon2 runs (the store records the attempt before counting). Refused attempts are recorded but not
counted, so refusals do not extend the lock: it lifts when the oldest counted failure leaves the
window. Unknown usernames are counted exactly like real ones (no account enumeration,
OWASP ASVS 2.2.1; MLPS 2.0 "login failure handling", GB/T 22239-2019 8.1.4.1).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures_per_username: int = 5
    max_failures_per_address: int = 10
    window: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class ThrottleDecision:
    allowed: bool
    retry_after_seconds: int = 0
    reason: str = ""  # "username" | "address" when refused


def normalised_username(username: str) -> str:
    """The form usernames are stored, looked up and throttled under."""
    return username.strip().casefold()


def _refusal(counted: Sequence[datetime], limit: int, now: datetime, window: timedelta) -> int | None:
    """Seconds until an attempt is allowed again, or None when the limit is not reached."""
    recent = sorted(at for at in counted if now - window < at <= now)
    if len(recent) < limit:
        return None
    # Allowed again once enough of the oldest failures leave the window to go below the limit.
    release = recent[len(recent) - limit] + window
    return max(1, math.ceil((release - now).total_seconds()))


def decide(
    username_failures: Sequence[datetime],
    address_failures: Sequence[datetime],
    now: datetime,
    policy: ThrottlePolicy,
) -> ThrottleDecision:
    """Whether a new attempt may be checked, given the counted failure times for the username and
    for the client address (the caller's own pending attempt excluded)."""
    by_name = _refusal(username_failures, policy.max_failures_per_username, now, policy.window)
    by_address = _refusal(address_failures, policy.max_failures_per_address, now, policy.window)
    if by_name is None and by_address is None:
        return ThrottleDecision(True)
    if by_address is None or (by_name is not None and by_name >= by_address):
        return ThrottleDecision(False, by_name or 1, "username")
    return ThrottleDecision(False, by_address, "address")
