"""The confirmation code of a key slot: what a member reads aloud and their manager types.

Before a manager seals the client-data key to a member's slot, the member reads the code shown on
their own screen (computed from the public key of the private key their password just opened) and
the manager types it. A public key substituted in the branch files on the way (by someone who can
write them, such as IT) gives another code, so the confirmation fails instead of handing client data
to that key — the "fingerprint phrase" check of Bitwarden organisations.
"""

from __future__ import annotations

import hashlib


def confirmation_code(public_key: str) -> str:
    """20 digits in groups of five from SHA-256 of the public key (about 66 bits): read aloud by the
    member, typed by the confirming manager."""
    digest = hashlib.sha256(b"BranchVault confirmation code v1" + public_key.encode("ascii")).digest()
    number = int.from_bytes(digest[:10], "big") % 10**20
    digits = f"{number:020d}"
    return "-".join(digits[i : i + 5] for i in range(0, 20, 5))


def normalize_confirmation_code(text: str) -> str:
    """The digits of a typed code, grouped like ``confirmation_code``; ValueError if not 20 digits."""
    digits = "".join(ch for ch in text if not ch.isspace() and ch != "-")
    if len(digits) != 20 or not digits.isascii() or not digits.isdigit():
        raise ValueError(text)
    return "-".join(digits[i : i + 5] for i in range(0, 20, 5))
