"""Display masks for telephone numbers stored as typed (masking.md): mainland mobile keeps the first
3 and last 4 digits, landline the area code and last 2, foreign / HK / Macau / Taiwan numbers the
country code and last 4.

Each rule applies to a value of the shape it was written for; anything else (too short, letters, an
already masked value) falls back to keeping the same ends of the raw text while never showing more
than half of it. Nothing here validates a number: that is the input rules' job.
"""

from __future__ import annotations

import re

from desktop_app.domain.mask_primitives import STAR, keep_ends

# No real telephone number, however formatted, is longer than this; longer text is never parsed.
_LONGEST_NUMBER = 40

_COUNTRY_PREFIX = r"(?:\+|00)86[ -]?"

_MOBILE = re.compile(rf"(?P<prefix>{_COUNTRY_PREFIX})?(?P<number>1[0-9]{{2}}[ -]?[0-9]{{4}}[ -]?[0-9]{{4}})")

# Mainland area codes: 010 and 02x have three digits, every other one four (0 + three).
_AREA_DIGITS = r"(?:10|2[0-9]|[3-9][0-9]{2})"
_LANDLINE = re.compile(
    rf"(?P<area>(?:{_COUNTRY_PREFIX}\(?0?|\(?0){_AREA_DIGITS}\)?)"
    r"(?P<rest>[ -]?[0-9]{3,4}[ -]?[0-9]{4}(?:[ -]*(?:转|ext\.?|x|-)[ -]*[0-9]{1,6})?)",
    re.IGNORECASE,
)

_DIGITS = frozenset("0123456789")
_INTERNATIONAL_CHARACTERS = _DIGITS | frozenset(" -().")

# ITU-T E.164 country codes are prefix-free: 1 and 7 have one digit, these have two, all others three.
_TWO_DIGIT_COUNTRY_CODES = frozenset(
    "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 "
    "60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98".split()
)


def mask_mainland_mobile(text: str) -> str:
    """``13812345678`` → ``138****5678``; ``+86 138 1234 5678`` → ``+86 138 **** 5678``."""
    match = _MOBILE.fullmatch(text) if len(text) <= _LONGEST_NUMBER else None
    if match is None:
        return keep_ends(text, 3, 4)
    masked = []
    digit_index = 0
    for character in match["number"]:
        if character in _DIGITS:
            masked.append(STAR if 3 <= digit_index <= 6 else character)
            digit_index += 1
        else:
            masked.append(character)
    return (match["prefix"] or "") + "".join(masked)


def mask_landline(text: str) -> str:
    """``0755-26581234`` → ``0755-******34``: the area code (with any +86 prefix and the separator
    after it) stays, everything after it but the last 2 characters is masked, extension included."""
    match = _LANDLINE.fullmatch(text) if len(text) <= _LONGEST_NUMBER else None
    if match is None:
        return keep_ends(text, 4, 2)
    rest = match["rest"]
    separator = rest[0] if rest[0] in " -" else ""
    number = rest[len(separator) :]
    return match["area"] + separator + STAR * (len(number) - 2) + number[-2:]


def mask_foreign_phone(text: str) -> str:
    """``+852 9123 4567`` → ``+852 ****4567``: ``+``, the country code, a space, one ``*`` per hidden
    digit and the last 4 digits (separators inside the number are dropped, as in masking.md). The
    last 4 become fewer when the number after the country code has fewer than 8 digits, so at most
    half of it shows. Without a leading ``+`` or ``00`` the country code is unknown and the raw text
    keeps at most its last 4 characters."""
    digits = _international_digits(text)
    if digits is None:
        return keep_ends(text, 0, 4)
    code = _country_code(digits)
    national = digits[len(code) :]
    shown = min(4, len(national) // 2)
    return f"+{code} " + STAR * (len(national) - shown) + national[len(national) - shown :]


def _international_digits(text: str) -> str | None:
    """The digits after a leading ``+`` or ``00``, or None when ``text`` is not such a number."""
    if len(text) > _LONGEST_NUMBER:
        return None
    if text.startswith("+"):
        body = text[1:]
    elif text.startswith("00"):
        body = text[2:]
    else:
        return None
    if not set(body) <= _INTERNATIONAL_CHARACTERS:
        return None
    digits = "".join(character for character in body if character in _DIGITS)
    code_length = len(_country_code(digits)) if digits else 0
    # E.164 numbers have at most 15 digits; at least 4 must follow the country code.
    return digits if code_length and len(digits) - code_length >= 4 and len(digits) <= 15 else None


def _country_code(digits: str) -> str:
    if digits[0] in "17":
        return digits[:1]
    if digits[:2] in _TWO_DIGIT_COUNTRY_CODES:
        return digits[:2]
    return digits[:3]
