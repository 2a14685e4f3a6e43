"""Identity documents a client can show, and validation of their numbers.

``validate_id_number(id_type, text)`` returns the number normalised (whitespace and hyphens removed,
full-width characters folded, letters upper-cased) or raises InvalidField whose Chinese and English
messages name the document and the rule broken, never the number itself. Resident ID rules and the
facts derived from the number (birth date, sex, age, under-14 flag) live in resident_id_numbers.

The Residence Permit for Hong Kong, Macao and Taiwan Residents (港澳台居民居住证, issued since
2018-09-01) carries an 18-character number built like a resident ID number (GB 11643: birth date,
sequence, MOD 11-2 check character) whose first six digits are 810000 (Hong Kong), 820000 (Macao)
or 830000 (Taiwan). ``holder_birth_date`` / ``holder_is_under_14`` read the birth date from every
document number that holds one (resident IDs and this permit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.age_bands import completed_years
from desktop_app.domain.field_errors import FieldLabel, InvalidField, required
from desktop_app.domain.input_text import compact_code
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.resident_id_numbers import (
    CHILD_CONSENT_AGE,
    LEGACY_RESIDENT_ID_FIELD,
    RESIDENT_ID_FIELD,
    Sex,
    age_on,
    birth_date_from_resident_id,
    check_character,
    checked_birth_date,
    is_under_14,
    resident_id_18_from_15,
    sex_from_resident_id,
    validate_legacy_resident_id,
    validate_resident_id,
)

__all__ = [
    "CHILD_CONSENT_AGE",
    "HMT_RESIDENCE_PERMIT_REGIONS",
    "ID_TYPE_FIELD",
    "IdType",
    "Sex",
    "age_on",
    "birth_date_from_resident_id",
    "holder_birth_date",
    "holder_is_under_14",
    "id_number_field",
    "is_under_14",
    "resident_id_18_from_15",
    "sex_from_resident_id",
    "validate_id_number",
]

ID_TYPE_FIELD = FieldLabel("id_type", "证件类型", "ID document type")


class IdType(LabelledChoice):
    RESIDENT_ID = "resident_id", "居民身份证", "Resident ID card", "身份证"
    RESIDENT_ID_15 = "resident_id_15", "15 位旧版居民身份证", "Old 15-digit resident ID card"
    CN_PASSPORT = "cn_passport", "中国护照", "Chinese passport"
    FOREIGN_PASSPORT = "foreign_passport", "外国护照", "Foreign passport"
    HK_MACAO_TRAVEL_PERMIT = (
        "hk_macao_travel_permit",
        "往来港澳通行证",
        "Exit-Entry Permit to Hong Kong and Macao",
        "港澳通行证",
    )
    HOME_RETURN_PERMIT = (
        "home_return_permit",
        "港澳居民来往内地通行证（回乡证）",
        "Home Return Permit (Hong Kong and Macao residents)",
        "回乡证",
        "港澳居民来往内地通行证",
    )
    TAIWAN_COMPATRIOT_PERMIT = (
        "taiwan_compatriot_permit",
        "台湾居民来往大陆通行证（台胞证）",
        "Mainland Travel Permit for Taiwan Residents",
        "台胞证",
        "台湾居民来往大陆通行证",
    )
    FOREIGN_PERMANENT_RESIDENCE = (
        "foreign_permanent_residence",
        "外国人永久居留身份证",
        "Foreign Permanent Resident ID Card",
        "永居证",
    )
    HMT_RESIDENCE_PERMIT = (
        "hmt_residence_permit",
        "港澳台居民居住证",
        "Residence Permit for Hong Kong, Macao and Taiwan Residents",
        "港澳台居住证",
        "港澳居民居住证",
        "台湾居民居住证",
    )


# The address code of a Hong Kong, Macao or Taiwan resident's residence permit (its first 6 digits).
HMT_RESIDENCE_PERMIT_REGIONS: dict[str, tuple[str, str]] = {
    "810000": ("香港", "Hong Kong"),
    "820000": ("澳门", "Macao"),
    "830000": ("台湾", "Taiwan"),
}


@dataclass(frozen=True)
class _Format:
    pattern: re.Pattern[str]
    hint_zh: str
    hint_en: str


# Published formats. Each card's number is letters and digits only; the hint is shown when it fails.
_FORMATS: dict[IdType, _Format] = {
    IdType.CN_PASSPORT: _Format(
        # E + 8 digits (e-passport), E + letter + 7 digits (since the E numbers ran out), G + 8 digits.
        re.compile(r"E\d{8}|E[A-Z]\d{7}|G\d{8}"),
        "E 或 G 加 8 位数字（或 E 加 1 个字母和 7 位数字）",
        "E or G followed by 8 digits (or E, a letter and 7 digits)",
    ),
    IdType.FOREIGN_PASSPORT: _Format(
        re.compile(r"[A-Z0-9]{5,20}"), "5 至 20 位字母或数字", "5 to 20 letters or digits"
    ),
    IdType.HK_MACAO_TRAVEL_PERMIT: _Format(
        # Card: C + 8 digits, or C + letter + 7 digits; old booklet: W + 8 digits.
        re.compile(r"C\d{8}|C[A-Z]\d{7}|W\d{8}"),
        "C 加 8 位数字（或 C 加 1 个字母和 7 位数字；旧本式为 W 加 8 位数字）",
        "C followed by 8 digits (or C, a letter and 7 digits; old booklets W and 8 digits)",
    ),
    IdType.HOME_RETURN_PERMIT: _Format(
        # H (Hong Kong) / M (Macao) + 8-digit lifelong number, optionally + 2-digit issue count.
        re.compile(r"[HM](?:\d{8}|\d{10})"),
        "H 或 M 加 8 位或 10 位数字",
        "H or M followed by 8 or 10 digits",
    ),
    IdType.TAIWAN_COMPATRIOT_PERMIT: _Format(
        # Card (since 2015): 8 digits. Booklets: 10 digits, optionally + a letter written as "(B)";
        # one-time permits: a letter + 9 digits.
        re.compile(r"\d{8}|\d{10}[A-Z]?|[A-Z]\d{9}"),
        "8 位数字（旧版为 10 位，可带字母）",
        "8 digits (older permits: 10 characters, possibly with a letter)",
    ),
    IdType.FOREIGN_PERMANENT_RESIDENCE: _Format(
        # 2004/2017 cards: 3-letter nationality code + 12 digits; 2023 cards: 9 + 16 digits + check.
        re.compile(r"[A-Z]{3}\d{12}|9\d{16}[\dX]"),
        "3 个字母加 12 位数字（旧版），或以 9 开头的 18 位（2023 版）",
        "3 letters and 12 digits (older cards) or 18 characters starting with 9 (2023 cards)",
    ),
}


ID_NUMBER_FIELD = FieldLabel("id_number", "证件号码", "ID number")
"""The ID number whatever the document (id_number_field names the document)."""


def id_number_field(id_type: IdType) -> FieldLabel:
    """The field label used in messages about a number of this document type."""
    if id_type is IdType.RESIDENT_ID:
        return RESIDENT_ID_FIELD
    if id_type is IdType.RESIDENT_ID_15:
        return LEGACY_RESIDENT_ID_FIELD
    return FieldLabel("id_number", f"证件号码（{id_type.label_zh}）", f"ID number ({id_type.label_en})")


def validate_id_number(id_type: IdType, text: str, *, today: date | None = None) -> str:
    """The document number in ``text`` normalised, or InvalidField naming the document and the
    problem. ``today`` bounds birth dates in resident ID numbers (default: the system date)."""
    if id_type is IdType.RESIDENT_ID:
        return validate_resident_id(text, today=today)
    if id_type is IdType.RESIDENT_ID_15:
        return validate_legacy_resident_id(text, today=today)
    if id_type is IdType.HMT_RESIDENCE_PERMIT:
        return _validate_hmt_residence_permit(text, today or date.today())
    field = id_number_field(id_type)
    remove = "-()" if id_type is IdType.TAIWAN_COMPATRIOT_PERMIT else "-"
    number = compact_code(text, remove)
    if not number:
        raise required(field)
    spec = _FORMATS[id_type]
    if not (number.isascii() and spec.pattern.fullmatch(number)):
        raise InvalidField(
            field, "bad_format", f"格式不对，应为{spec.hint_zh}", f"wrong format; expected {spec.hint_en}"
        )
    if id_type is IdType.FOREIGN_PERMANENT_RESIDENCE and len(number) == 18:
        # The 2023 card uses the resident ID check character (MOD 11-2).
        if number[17] != check_character(number[:17]):
            raise InvalidField(
                field,
                "bad_check_character",
                "校验位不符，请核对号码",
                "the check character does not match; check the number",
            )
    return number


def _validate_hmt_residence_permit(text: str, today: date) -> str:
    field = id_number_field(IdType.HMT_RESIDENCE_PERMIT)
    number = compact_code(text)
    if not number:
        raise required(field)
    if len(number) != 18:
        raise InvalidField(
            field,
            "bad_length",
            f"应为 18 位（当前 {len(number)} 位）",
            f"must have 18 characters ({len(number)} entered)",
        )
    if not (number[:17].isascii() and number[:17].isdigit()) or number[17] not in "0123456789X":
        raise InvalidField(
            field,
            "bad_format",
            "前 17 位应为数字，最后一位为数字或 X",
            "the first 17 characters must be digits and the last a digit or X",
        )
    if number[:6] not in HMT_RESIDENCE_PERMIT_REGIONS:
        raise InvalidField(
            field,
            "bad_region",
            "前 6 位应为 810000（香港）、820000（澳门）或 830000（台湾）",
            "the first 6 digits must be 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan)",
        )
    checked_birth_date(field, int(number[6:10]), int(number[10:12]), int(number[12:14]), today)
    if number[17] != check_character(number[:17]):
        raise InvalidField(
            field,
            "bad_check_character",
            "校验位不符，请核对号码",
            "the check character does not match; check the number",
        )
    return number


def holder_birth_date(id_type: IdType | str, number: str, *, today: date | None = None) -> date | None:
    """The holder's birth date written in a document number (validated first: InvalidField), or
    None for a document whose number holds none (passports, travel permits, foreign PR cards)."""
    document = IdType(id_type)
    if document in (IdType.RESIDENT_ID, IdType.RESIDENT_ID_15):
        return birth_date_from_resident_id(number, today=today)
    if document is IdType.HMT_RESIDENCE_PERMIT:
        valid = _validate_hmt_residence_permit(number, today or date.today())
        return date(int(valid[6:10]), int(valid[10:12]), int(valid[12:14]))
    return None


def holder_is_under_14(id_type: IdType | str, number: str, today: date) -> bool:
    """True when the number shows a holder under 14 on ``today`` (guardian consent needed, PIPL
    Art. 31); False when the document holds no birth date."""
    born = holder_birth_date(id_type, number, today=today)
    return born is not None and completed_years(born, today) < CHILD_CONSENT_AGE
