"""Mainland resident ID numbers (公民身份号码, GB 11643-1999) and the legacy 15-digit form.

18 digits: 6-digit administrative division of the household registration at issue, 8-digit birth
date, 3-digit sequence (odd for men, even for women), check character (MOD 11-2: weights 7 9 10 5 8 4
2 1 6 3 7 9 10 5 8 4 2, sum mod 11 → 1 0 X 9 8 7 6 5 4 3 2). The legacy 15-digit form (issued until
1999) has a 6-digit division, a YYMMDD birth date in the 1900s, a 3-digit sequence and no check.

The check character comes from python-stdnum (``stdnum.cn.ric.calc_check_digit``). Its ``validate``
is not used: it accepts birth dates in the future or before 1900, does not know the 15-digit form,
and checks the full 6-digit division against its data file as of the *birth* year, which rejects
real numbers (the division is where the person was registered when the number was issued, e.g.
110112 Tongzhou, created 1997, for someone born in 1960) and reads a file. Here the division is
checked only to its first two digits: one of the 31 mainland provincial-level codes.
"""

from __future__ import annotations

from datetime import date

from stdnum.cn.ric import calc_check_digit

from desktop_app.domain.age_bands import completed_years
from desktop_app.domain.field_errors import FieldLabel, InvalidField, required
from desktop_app.domain.input_text import compact_code
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.provincial_divisions import MAINLAND_CODES

RESIDENT_ID_FIELD = FieldLabel("id_number", "证件号码（居民身份证）", "ID number (resident ID card)")
LEGACY_RESIDENT_ID_FIELD = FieldLabel(
    "id_number", "证件号码（15 位旧版居民身份证）", "ID number (old 15-digit resident ID card)"
)
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
CHILD_CONSENT_AGE = 14  # PIPL art. 31: under 14, a guardian must consent


class Sex(LabelledChoice):
    MALE = "male", "男", "Male"
    FEMALE = "female", "女", "Female"


def check_character(first_17: str) -> str:
    """The GB 11643 check character ("0"–"9" or "X") for the first 17 digits."""
    return calc_check_digit(first_17 + "0")


def checked_birth_date(field: FieldLabel, year: int, month: int, day: int, today: date) -> date:
    """The birth date written in an 18-character number (resident ID, residence permit): a real
    date from 1900 to ``today`` (InvalidField naming ``field`` otherwise)."""
    try:
        born = date(year, month, day)
    except ValueError:
        raise InvalidField(
            field, "bad_birth_date", "出生日期部分不是有效日期", "the birth-date digits are not a real date"
        ) from None
    if born < EARLIEST_BIRTH_DATE:
        raise InvalidField(
            field, "bad_birth_date", "出生日期早于 1900 年", "the birth-date digits are before 1900"
        )
    if born > today:
        raise InvalidField(
            field, "bad_birth_date", "出生日期晚于今天", "the birth-date digits are in the future"
        )
    return born


def _check_province(field: FieldLabel, number: str) -> None:
    if number[:2] not in MAINLAND_CODES:
        raise InvalidField(
            field,
            "bad_region",
            "前两位不是有效的省级行政区划代码",
            "the first two digits are not a mainland province code",
        )


def validate_resident_id(text: str, *, today: date | None = None) -> str:
    """The 18-character resident ID number in ``text`` normalised (spaces removed, full-width folded,
    x → X), or InvalidField saying which rule failed. ``today`` bounds the birth date (default: the
    system date)."""
    field = RESIDENT_ID_FIELD
    number = compact_code(text)
    if not number:
        raise required(field)
    if len(number) != 18:
        hint_zh = "；15 位旧号码请选择旧版居民身份证" if len(number) == 15 else ""
        hint_en = "; for an old 15-digit number choose the old resident ID card" if len(number) == 15 else ""
        raise InvalidField(
            field,
            "bad_length",
            f"应为 18 位（当前 {len(number)} 位）{hint_zh}",
            f"must have 18 characters ({len(number)} entered){hint_en}",
        )
    if not (number[:17].isascii() and number[:17].isdigit()) or number[17] not in "0123456789X":
        raise InvalidField(
            field,
            "bad_format",
            "前 17 位应为数字，最后一位为数字或 X",
            "the first 17 characters must be digits and the last a digit or X",
        )
    _check_province(field, number)
    checked_birth_date(
        field, int(number[6:10]), int(number[10:12]), int(number[12:14]), today or date.today()
    )
    if number[17] != check_character(number[:17]):
        raise InvalidField(
            field,
            "bad_check_character",
            "校验位不符，请核对号码",
            "the check character does not match; check the number",
        )
    return number


def validate_legacy_resident_id(text: str, *, today: date | None = None) -> str:
    """The old 15-digit resident ID number in ``text`` normalised, or InvalidField."""
    field = LEGACY_RESIDENT_ID_FIELD
    number = compact_code(text)
    if not number:
        raise required(field)
    if len(number) != 15 or not (number.isascii() and number.isdigit()):
        raise InvalidField(
            field,
            "bad_format",
            f"应为 15 位数字（当前 {len(number)} 位）",
            f"must be 15 digits ({len(number)} characters entered)",
        )
    _check_province(field, number)
    checked_birth_date(
        field, 1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]), today or date.today()
    )
    return number


def _validate_either(text: str, today: date | None) -> str:
    return (
        validate_legacy_resident_id(text, today=today)
        if len(compact_code(text)) == 15
        else validate_resident_id(text, today=today)
    )


def resident_id_18_from_15(text: str) -> str:
    """The 18-character number a legacy 15-digit number became (19 inserted before the year, check
    character appended), e.g. to find the same person recorded under both."""
    number = validate_legacy_resident_id(text)
    first_17 = number[:6] + "19" + number[6:]
    return first_17 + check_character(first_17)


def birth_date_from_resident_id(number: str, *, today: date | None = None) -> date:
    """The birth date in an 18- or 15-digit resident ID number (validated first)."""
    valid = _validate_either(number, today)
    if len(valid) == 15:
        return date(1900 + int(valid[6:8]), int(valid[8:10]), int(valid[10:12]))
    return date(int(valid[6:10]), int(valid[10:12]), int(valid[12:14]))


def sex_from_resident_id(number: str) -> Sex:
    """From the last digit of the sequence code: odd for men, even for women."""
    valid = _validate_either(number, None)
    sequence_digit = valid[16] if len(valid) == 18 else valid[14]
    return Sex.MALE if int(sequence_digit) % 2 else Sex.FEMALE


def age_on(number: str, today: date) -> int:
    """Age in whole years on ``today`` (a 29 February birthday is reached on 1 March in other years)."""
    return completed_years(birth_date_from_resident_id(number, today=today), today)


def is_under_14(number: str, today: date) -> bool:
    """True for a child under 14 on ``today``: their personal information needs guardian consent."""
    return age_on(number, today) < CHILD_CONSENT_AGE
