"""Two-factor sign-in rules (issue 15 §4): who must use an authenticator, the shape of what a member
types (a 6-digit TOTP code or a single-use recovery code) and which time steps a code may be from.

Rule: TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, what every authenticator app does) is
required for a role whose policy flag is 1 (``totp_it_admin`` 1, ``totp_manager`` 0 by default);
any manager or IT administrator may enrol voluntarily, and once enrolled a code is always asked.
A code is accepted for the current step or one step either side (clock drift), and only for a step
later than the last one accepted, so a code seen over someone's shoulder cannot be used again.
Reason: the accounts that hold the branch-database key (IT) and confirm client-data access
(managers) are the ones whose password alone should not be enough (GB/T 22239-2019 8.1.4.1 d,
"two or more combined authentication techniques" for administrators at level 3; ASVS 2.7/2.8).
"""

from __future__ import annotations

import secrets

from desktop_app.domain.recovery_code import ALPHABET
from desktop_app.domain.roles import Role
from desktop_app.domain.security_policy import SecurityPolicy

STEP_SECONDS = 30
DIGITS = 6
WINDOW = 1  # steps either side of the current one
RECOVERY_CODES = 10
RECOVERY_LENGTH = 10
RECOVERY_GROUP = 5
ISSUER = "BranchVault"
ENROL_ROLES = frozenset({Role.MANAGER, Role.IT_ADMIN})


def required(policy: SecurityPolicy, role: Role) -> bool:
    """Whether the branch's policy requires this role to sign in with a second factor."""
    if role is Role.IT_ADMIN:
        return bool(policy.totp_it_admin)
    if role is Role.MANAGER:
        return bool(policy.totp_manager)
    return False


def time_step(now: float) -> int:
    return int(now // STEP_SECONDS)


def candidate_steps(now: float, last_used_step: int) -> list[int]:
    """The steps a code typed at ``now`` may be from, newest first, none at or before the last used."""
    current = time_step(now)
    return [s for s in range(current + WINDOW, current - WINDOW - 1, -1) if s > last_used_step]


def totp_shape(text: str) -> str | None:
    """The 6 digits typed (spaces allowed), or None."""
    cleaned = "".join(text.split())
    return cleaned if len(cleaned) == DIGITS and cleaned.isascii() and cleaned.isdigit() else None


def recovery_shape(text: str) -> str | None:
    """The canonical recovery code typed (any case, spaces or dashes), or None."""
    cleaned = "".join(ch for ch in text.upper() if not ch.isspace() and ch != "-")
    if len(cleaned) != RECOVERY_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def new_recovery_codes() -> list[str]:
    return ["".join(secrets.choice(ALPHABET) for _ in range(RECOVERY_LENGTH)) for _ in range(RECOVERY_CODES)]


def format_recovery(code: str) -> str:
    return "-".join(code[i : i + RECOVERY_GROUP] for i in range(0, len(code), RECOVERY_GROUP))


def group_secret(secret: str) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
