"""Recovery codes: 25 random characters from an unambiguous alphabet (≈125 bits), shown in groups
of five, accepted with any spacing, dashes or case."""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
LENGTH = 25
GROUP = 5


def new_recovery_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def format_code(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalize_code(text: str) -> str:
    """Return the canonical code, or raise ValueError when ``text`` cannot be a recovery code."""
    cleaned = "".join(ch for ch in text.upper() if not ch.isspace() and ch != "-")
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        raise ValueError("not a recovery code")
    return cleaned
