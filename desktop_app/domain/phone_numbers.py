"""Client phone numbers: mainland mobiles and landlines, and numbers outside the mainland (Hong Kong,
Macao, Taiwan and other countries, entered with + or 00 and the country or region code).

``validate_phone`` returns a PhoneNumber (E.164 form for storage, kind, display form) or raises
InvalidField naming the field and the problem, never the number. Number plans come from the
``phonenumbers`` library (Google libphonenumber metadata).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from desktop_app.domain.field_errors import FieldLabel, InvalidField, required
from desktop_app.domain.input_text import fold_width
from desktop_app.domain.labelled_choice import LabelledChoice

PHONE_FIELD = FieldLabel("phone", "电话号码", "Phone number")
SEARCH_DIGITS = 4  # "last 4 digits" search

_ALLOWED = re.compile(r"\+?[0-9 ()\-.]+")
_SEPARATORS = re.compile(r"[ ()\-.]")
_MAX_DIGITS = 17  # E.164 allows 15 digits; leave room for 00 and a trunk 0


class PhoneKind(LabelledChoice):
    MOBILE = "mobile", "手机", "Mobile"
    LANDLINE = "landline", "固定电话", "Landline"
    # Named "foreign" in code; labelled "outside the mainland" because it includes HK, Macao and Taiwan.
    FOREIGN = "foreign", "境外号码（含港澳台）", "Outside the mainland (incl. Hong Kong, Macao, Taiwan)"


@dataclass(frozen=True)
class PhoneNumber:
    e164: str  # "+8613812345678": what is stored and compared
    kind: PhoneKind
    display: str  # "138 1234 5678", "0755-26581234", "+852 9123 4567"

    @property
    def last_digits(self) -> str:
        """The digits the "last 4 digits" search matches."""
        return last_four_digits(self.e164)


def _problem(field: FieldLabel, reason: str, zh: str, en: str) -> InvalidField:
    return InvalidField(field, reason, zh, en)


def _bad_mainland(field: FieldLabel, national: str) -> InvalidField:
    if national.startswith("1"):
        if len(national) != 11:
            return _problem(
                field,
                "bad_length",
                f"手机号码应为 11 位（当前 {len(national)} 位）",
                f"a mobile number has 11 digits ({len(national)} entered)",
            )
        return _problem(field, "bad_mobile", "不是有效的手机号段", "is not in a mobile number range in use")
    if len(national) <= 8:
        return _problem(
            field,
            "missing_area_code",
            "固定电话需要带区号（如 0755、010）；境外号码请以 + 和国家或地区代码开头",
            "a landline needs its area code (e.g. 0755, 010); numbers outside the mainland "
            "start with + and the country or region code",
        )
    return _problem(
        field, "bad_number", "不是有效的手机或固定电话号码", "is not a valid mobile or landline number"
    )


def _display(number: phonenumbers.PhoneNumber, kind: PhoneKind) -> str:
    national = str(number.national_number)
    if kind is PhoneKind.MOBILE:
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    if kind is PhoneKind.LANDLINE:
        area = phonenumbers.length_of_geographical_area_code(number)
        if area:
            return f"0{national[:area]}-{national[area:]}"
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def validate_phone(text: str, field: FieldLabel = PHONE_FIELD) -> PhoneNumber:
    """Parse a typed or imported phone number. Mainland numbers may be written with or without +86;
    others need + (or 00) and their country or region code. Spaces, hyphens, dots and brackets are
    ignored; full-width digits are accepted."""
    cleaned = fold_width(text).strip()
    if not cleaned:
        raise required(field)
    if not _ALLOWED.fullmatch(cleaned):
        raise _problem(
            field,
            "bad_characters",
            "只能包含数字、空格、连字符，以及开头的 +",
            "may contain only digits, spaces, hyphens and a leading +",
        )
    compact = _SEPARATORS.sub("", cleaned)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    digits = compact.lstrip("+")
    if len(digits) > _MAX_DIGITS:
        raise _problem(field, "bad_length", "位数过多", "has too many digits")
    try:
        parsed = phonenumbers.parse(compact, None if compact.startswith("+") else "CN")
    except NumberParseException:
        raise _problem(field, "bad_number", "不是有效的电话号码", "is not a valid phone number") from None
    if parsed.country_code != 86:
        if not phonenumbers.is_valid_number(parsed):
            raise _problem(
                field,
                "bad_number",
                "不是有效的号码，请核对国家或地区代码和位数",
                "is not a valid number; check the country or region code and the number of digits",
            )
        kind = PhoneKind.FOREIGN
    else:
        national = str(parsed.national_number)
        if not phonenumbers.is_valid_number(parsed):
            raise _bad_mainland(field, national)
        number_type = phonenumbers.number_type(parsed)
        if number_type == PhoneNumberType.MOBILE:
            kind = PhoneKind.MOBILE
        elif number_type in (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
            kind = PhoneKind.LANDLINE
        else:
            raise _problem(
                field,
                "not_personal",
                "不是个人手机或固定电话号码（如 400、800 号码）",
                "is not a personal mobile or landline number (e.g. a 400 or 800 number)",
            )
    e164 = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
    return PhoneNumber(e164=e164, kind=kind, display=_display(parsed, kind))


def normalise_phone(text: str, field: FieldLabel = PHONE_FIELD) -> str:
    """The E.164 form of a phone number ("+8613812345678"), or InvalidField."""
    return validate_phone(text, field).e164


def last_four_digits(e164: str) -> str:
    """The last four digits of a stored (E.164) number: the key of the "last 4 digits" search."""
    return "".join(c for c in e164 if c.isdigit())[-SEARCH_DIGITS:]
