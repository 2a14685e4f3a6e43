"""The pseudonym of a client in per-client HQ rows.

Rule: hex HMAC-SHA256 under the company's pseudonym key (delivered at enrolment, kept by the
branch, never by the HQ service) over ``"id:" + normalised ID number``, or ``"phone:" + E.164``
when the client has no ID number. Reason: HQ can link the same person across branches and periods
without learning who it is; without the key the ID cannot be recovered by hashing all 18-digit
numbers (PIPL art. 73(3): de-identified information; GB/T 37964-2019 keyed hashing).
"""

from __future__ import annotations

import hashlib
import hmac

MIN_KEY_BYTES = 32


def pseudonym(key: bytes, id_number_normalised: str | None, phone_e164: str) -> str:
    """Hex HMAC-SHA256 pseudonym; refuses short keys and a client with neither ID nor phone."""
    if len(key) < MIN_KEY_BYTES:
        raise ValueError("the pseudonym key must be at least 32 bytes")
    if id_number_normalised:
        message = "id:" + id_number_normalised
    elif phone_e164:
        message = "phone:" + phone_e164
    else:
        raise ValueError("a pseudonym needs an ID number or a phone number")
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()
