"""Resident ID and bank card numbers written into free text, found so free-text fields can refuse them.

Rule: a free-text field about a client (notes, follow-up notes, the districts wanted, the street
address, a request's description and the texts a manager writes) never holds a resident ID number
or a bank card number. Reason: an ID number is sensitive personal information kept only in its own
field, behind the client's separate consent and the reveal log (PIPL Art. 28–29); a spreadsheet
column with a header the importer does not know ("证件") mapped to notes, or a number typed into
the notes, would otherwise keep it with no consent, unmasked and searchable. A financial account
is sensitive personal information too (PIPL Art. 28) and BranchVault has no use for it at all.

What is found, after full-width characters are folded (NFKC):

* an 18-character resident ID number (GB 11643: mainland province code, a real birth date from
  1900 to today, MOD 11-2 check character, ``x`` read as ``X``) or a Hong Kong/Macao/Taiwan
  residence permit number built the same way, anywhere in a run of digits — also when spaces or
  hyphens split it ("110105 19491231 002X", "110-105-194-912-310-02x") or other digits touch it;
* a 15-digit old resident ID number (province code, a real 19YYMMDD birth date) written alone or
  grouped 6-6-3 or 6-9;
* a bank card number: 13–19 digits passing the Luhn check, starting like a card (3, 4, 5, 6 or 9,
  or Mastercard's 2221–2720), written alone or in the groups cards are printed in (4-4-4-4[-3],
  4-6-5, 6 + the rest).

Not found, by design: an 11-digit mobile phone (never Luhn-checked as a card; an ID is not read
across two phones written next to each other), dates, amounts, house and room numbers, and digits
joined by anything but spaces and hyphens (a comma, a word, a line break ends a number). These
checks are a safety net against mistakes, not a barrier against someone set on writing a number in
words; the reveal log and the audit are.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdnum import luhn

from desktop_app.domain.field_errors import FieldLabel, InvalidField
from desktop_app.domain.identity_documents import IdType, validate_id_number
from desktop_app.domain.input_text import fold_width
from desktop_app.domain.provincial_divisions import MAINLAND_CODES
from desktop_app.domain.resident_id_numbers import validate_legacy_resident_id, validate_resident_id

_SEPARATOR = r"[ \t\u00a0\-\u2010-\u2015\u2212]{1,3}"
_RUN = re.compile(rf"[0-9]+(?:{_SEPARATOR}[0-9]+)*(?:{_SEPARATOR}|)[Xx]?")
_SEPARATORS = re.compile(_SEPARATOR)
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_HMT_PREFIXES = frozenset({"81", "82", "83"})
_CARD_LENGTHS = range(13, 20)


class SensitiveNumber(StrEnum):
    RESIDENT_ID = "resident_id"
    BANK_CARD = "bank_card"


@dataclass(frozen=True)
class _Group:
    digits: str  # digits, the last group of a run possibly ending in X
    start: int  # offset in the run's digits


def _groups(run: str) -> list[_Group]:
    parts = [part for part in _SEPARATORS.split(run) if part]
    if len(parts) > 1 and parts[-1].upper() == "X":  # "…002 X": the check character set apart
        parts[-2:] = [parts[-2] + parts[-1]]
    groups: list[_Group] = []
    offset = 0
    for part in parts:
        groups.append(_Group(part.upper(), offset))
        offset += len(part)
    return groups


def _is_valid(check: object, number: str, today: date) -> bool:
    try:
        check(number, today=today)  # type: ignore[operator]
    except InvalidField:
        return False
    return True


def _is_id_18(number: str, today: date) -> bool:
    if number[:2] in MAINLAND_CODES:
        return _is_valid(validate_resident_id, number, today)
    if number[:2] in _HMT_PREFIXES:
        try:
            validate_id_number(IdType.HMT_RESIDENCE_PERMIT, number, today=today)
        except InvalidField:
            return False
        return True
    return False


def _mobile_spans(groups: list[_Group]) -> list[tuple[int, int]]:
    """Where the 11-digit mobile numbers lie in the joined digits, in order."""
    return [(g.start, g.start + len(g.digits)) for g in groups if _MOBILE.fullmatch(g.digits)]


def _partly_covers_a_mobile(mobiles: list[tuple[int, int]], start: int, end: int) -> bool:
    """A window that cuts into an 11-digit mobile number reads digits of two things as one. Only
    the mobiles starting within 11 digits before the window can overlap it (bisect: linear text)."""
    first = bisect_left(mobiles, (start - 11, 0))
    for m_start, m_end in mobiles[first:]:
        if m_start >= end:
            break
        if start < m_end and (start > m_start or end < m_end):
            return True
    return False


_ID18_PREFIXES = MAINLAND_CODES | _HMT_PREFIXES


def _has_id_18(groups: list[_Group], today: date) -> bool:
    digits = "".join(group.digits for group in groups)
    mobiles = _mobile_spans(groups)
    for start in range(len(digits) - 17):
        window = digits[start : start + 18]
        if not window[:17].isdigit() or window[:2] not in _ID18_PREFIXES:
            continue
        if _partly_covers_a_mobile(mobiles, start, start + 18):
            continue
        if _is_id_18(window, today):
            return True
    return False


_LONGEST = max(_CARD_LENGTHS)  # no ID or card number is longer: longer sequences are never read


def _sequences(groups: list[_Group]) -> list[tuple[tuple[int, ...], str]]:
    """Runs of consecutive groups up to 19 digits (linear in the text, whatever its length)."""
    out: list[tuple[tuple[int, ...], str]] = []
    for i in range(len(groups)):
        lengths: list[int] = []
        number = ""
        for group in groups[i:]:
            if _MOBILE.fullmatch(group.digits):
                break  # a phone number is never part of an ID or card number
            number += group.digits
            if len(number) > _LONGEST:
                break
            lengths.append(len(group.digits))
            out.append((tuple(lengths), number))
    return out


def _legacy_grouping(lengths: tuple[int, ...]) -> bool:
    return lengths in ((15,), (6, 6, 3), (6, 9))


def _card_grouping(lengths: tuple[int, ...]) -> bool:
    if len(lengths) == 1:
        return True
    if all(length == 4 for length in lengths[:-1]) and 1 <= lengths[-1] <= 4:
        return True
    return lengths in ((4, 6, 5), (4, 6, 4)) or (len(lengths) == 2 and lengths[0] == 6)


def _card_prefix(number: str) -> bool:
    return number[0] in "34569" or 2221 <= int(number[:4]) <= 2720


def _is_card(lengths: tuple[int, ...], number: str) -> bool:
    return (
        number.isdigit()
        and len(number) in _CARD_LENGTHS
        and _card_grouping(lengths)
        and _card_prefix(number)
        and luhn.is_valid(number)
    )


def find_sensitive_number(text: str, *, today: date | None = None) -> SensitiveNumber | None:
    """The kind of the first resident ID or bank card number written in ``text`` (module docstring
    for what counts), or None. ``today`` bounds birth dates (default: the system date)."""
    day = today or date.today()
    found_card = False
    for match in _RUN.finditer(fold_width(text)):
        groups = _groups(match.group())
        if _has_id_18(groups, day):
            return SensitiveNumber.RESIDENT_ID
        for lengths, number in _sequences(groups):
            if (
                len(number) == 15
                and number.isdigit()
                and _legacy_grouping(lengths)
                and _is_valid(validate_legacy_resident_id, number, day)
            ):
                return SensitiveNumber.RESIDENT_ID
            found_card = found_card or _is_card(lengths, number)
    return SensitiveNumber.BANK_CARD if found_card else None


def refuse_sensitive_numbers(field: FieldLabel, text: str, *, today: date | None = None) -> str:
    """``text`` unchanged, or InvalidField naming ``field`` when it holds a resident ID or bank card
    number (reason ``holds_id_number`` / ``holds_bank_card_number``; the number is never repeated)."""
    kind = find_sensitive_number(text, today=today)
    if kind is SensitiveNumber.RESIDENT_ID:
        raise InvalidField(
            field,
            "holds_id_number",
            "不能填写身份证号码。证件号码属于敏感个人信息，只能在客户签署敏感个人信息单独同意后"
            "填入“证件号码”栏（《个人信息保护法》第二十八、二十九条）",
            "must not hold a resident ID number. An ID number is sensitive personal information: "
            "it goes only in the ID number field, once the client's separate consent for sensitive "
            "data is recorded (PIPL Art. 28-29)",
        )
    if kind is SensitiveNumber.BANK_CARD:
        raise InvalidField(
            field,
            "holds_bank_card_number",
            "不能填写银行卡号。金融账户属于敏感个人信息（《个人信息保护法》第二十八条），本软件不保存",
            "must not hold a bank card number. A financial account is sensitive personal "
            "information (PIPL Art. 28) and BranchVault does not keep it",
        )
    return text
