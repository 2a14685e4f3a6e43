"""HQ staff password hashes: argon2id through argon2-cffi, never our own crypto.

Rule: only the argon2id hash (with its salt and parameters, PHC string) is stored; a password is
checked with the library's constant-time verify. A username that does not exist is checked against
a fixed dummy hash so the answer takes the same time either way (no account enumeration,
OWASP ASVS 2.2.1). Hashes made with older parameters are re-hashed at the next good sign-in.
Parameters: argon2-cffi's defaults (RFC 9106 low-memory profile: t=3, 64 MiB, p=4).
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from desktop_app.domain.password_rules import require_acceptable
from desktop_app.domain.security_policy import SecurityPolicy

_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


@cache
def _dummy_hash() -> str:
    return _HASHER.hash("branchvault-hq: no such user")


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; with no stored hash, spend the same work and say False."""
    try:
        return _HASHER.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)


def require_strong(password: str, username: str) -> None:
    """The branch app's password rules (length, classes, not the username), with its defaults."""
    require_acceptable(password, username, SecurityPolicy(), common_passwords=())
