"""Consent form numbers: printed on each consent form (and in its QR code), typed back when the
agent records what the client signed.

A number is ``<branch code>-<yyyymmdd>-<6 characters>``, e.g. ``SZ001-20261129-K7QM2X``: the branch
that printed it, the day in Beijing time it was printed, and six random characters of the RFC 4648
base32 alphabet (A–Z, 2–7: no 0/O or 1/I to confuse when copied by hand; 32**6 ≈ 10**9 per branch
and day). Branch codes may themselves hold hyphens, so the number is read from the right.
``parse_form_number`` accepts what an agent types (any case, surrounding blanks, spaces inside) and
refuses anything else with a bilingual InvalidInput. Plain Python: no I/O.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.branch_time import branch_day
from desktop_app.domain.errors import InvalidInput

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
RANDOM_LENGTH = 6
BRANCH_CODE_MAX = 16  # as services/branch_setup.py
_BRANCH_CODE = re.compile(rf"[A-Z0-9_-]{{1,{BRANCH_CODE_MAX}}}")
_DAY = re.compile(r"[0-9]{8}")
_RANDOM = re.compile(rf"[{ALPHABET}]{{{RANDOM_LENGTH}}}")
MAX_LENGTH = BRANCH_CODE_MAX + 1 + 8 + 1 + RANDOM_LENGTH


@dataclass(frozen=True)
class FormNumber:
    branch_code: str
    day: date
    random: str

    def __str__(self) -> str:
        return f"{self.branch_code}-{self.day:%Y%m%d}-{self.random}"


def _invalid(text: str) -> InvalidInput:
    shown = text if len(text) <= MAX_LENGTH + 8 else text[: MAX_LENGTH + 8] + "…"
    return InvalidInput(
        f"同意书编号“{shown}”无效。编号格式为 门店编码-日期-6位字母数字，如 SZ001-20261129-K7QM2X。",
        f"The consent form number '{shown}' is not valid. It reads branch code-date-6 letters/digits, "
        "e.g. SZ001-20261129-K7QM2X.",
    )


def new_form_number(branch_code: str, now: float) -> FormNumber:
    """A fresh number for a form printed at the POSIX time ``now`` (Beijing date)."""
    code = branch_code.strip().upper()
    if not _BRANCH_CODE.fullmatch(code):
        raise InvalidInput(
            f"门店编码须为 1–{BRANCH_CODE_MAX} 位字母、数字、连字符或下划线。",
            f"The branch code is 1–{BRANCH_CODE_MAX} letters, digits, hyphens or underscores.",
        )
    random = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return FormNumber(code, branch_day(now), random)


def parse_form_number(text: str) -> FormNumber:
    """The number in ``text`` as typed (case and blanks ignored); InvalidInput if it is not one."""
    if not isinstance(text, str):
        raise _invalid(str(text))
    cleaned = "".join(text.split()).upper()
    if len(cleaned) > MAX_LENGTH or not cleaned.isascii():
        raise _invalid(text.strip())
    parts = cleaned.rsplit("-", 2)
    if len(parts) != 3:
        raise _invalid(text.strip())
    code, day_text, random = parts
    if not (_BRANCH_CODE.fullmatch(code) and _DAY.fullmatch(day_text) and _RANDOM.fullmatch(random)):
        raise _invalid(text.strip())
    try:
        day = date(int(day_text[:4]), int(day_text[4:6]), int(day_text[6:]))
    except ValueError:
        raise _invalid(text.strip()) from None
    return FormNumber(code, day, random)
