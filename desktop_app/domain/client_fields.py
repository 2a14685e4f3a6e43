"""Free-text client fields: name, email, postal address and notes.

Each ``validate_*`` function returns the value normalised for storage or raises InvalidField naming
the field and the problem (never repeating the value). Fixed choices (income band, purchase
intention, source channel) are in client_choices; documents and phones in identity_documents and
phone_numbers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

from desktop_app.domain.field_errors import FieldLabel, InvalidField, required, too_long
from desktop_app.domain.input_text import collapse_spaces, fold_width, is_control
from desktop_app.domain.provincial_divisions import find_division

NAME_FIELD = FieldLabel("name", "姓名", "Name")
EMAIL_FIELD = FieldLabel("email", "电子邮箱", "Email")
PROVINCE_FIELD = FieldLabel("province", "省份", "Province")
CITY_FIELD = FieldLabel("city", "城市", "City")
DISTRICT_FIELD = FieldLabel("district", "区县", "District")
ADDRESS_DETAIL_FIELD = FieldLabel("address_detail", "详细地址", "Street address")
ADDRESS_FIELD = FieldLabel("address", "地址", "Address")
"""The four address parts together: one row on the detail page, one revealable field, one change."""
NOTES_FIELD = FieldLabel("notes", "备注", "Notes")
INTENDED_DISTRICTS_FIELD = FieldLabel("intended_districts", "意向区域", "Districts wanted")
INTENDED_DISTRICTS_MAX = 100

NAME_MAX = 50
CITY_MAX = 30
DISTRICT_MAX = 30
ADDRESS_DETAIL_MAX = 120
NOTES_MAX = 2000

# ---------------------------------------------------------------------------------------------- names

# CJK ideographs by code point, not unicodedata: Python 3.11 knows Unicode 14, so Extensions H and I
# (Unicode 15, 15.1) would otherwise look unassigned. 〇 (U+3007) is used in names.
_CJK_RANGES = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),  # Extension A (䶮 U+4DAE)
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x2A6DF),  # Extension B (𠮷 U+20BB7)
    (0x2A700, 0x2EE5F),  # Extensions C, D, E, F, I
    (0x2F800, 0x2FA1F),  # Compatibility Ideographs Supplement
    (0x30000, 0x323AF),  # Extensions G, H
)
_COMPATIBILITY = ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
# Dots people type for the separator in minority and transliterated names (阿沛·阿旺晋美).
_MIDDLE_DOT = "·"
_NAME_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("・･•‧∙⋅．", _MIDDLE_DOT),
        **dict.fromkeys("’‘`ʼ＇", "'"),
        **dict.fromkeys("‐‑－", "-"),
    }
)
_SEPARATORS = frozenset(" ·-'")
_FULL_WIDTH_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


def _in(ranges: tuple[tuple[int, int], ...], char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def is_cjk_ideograph(char: str) -> bool:
    return _in(_CJK_RANGES, char)


def _normalise_name(text: str) -> str:
    # NFC composes accented Latin letters but would also replace CJK compatibility ideographs with
    # their unified twins: skip it for names that contain one, so the name stays as written.
    if not any(_in(_COMPATIBILITY, c) for c in text):
        text = unicodedata.normalize("NFC", text)
    text = text.translate(_FULL_WIDTH_ASCII).translate(_NAME_PUNCTUATION)
    text = collapse_spaces(text)
    text = re.sub(r" ?· ?", _MIDDLE_DOT, text)
    # Chinese names have no spaces: drop stray ones between two ideographs (欧阳 娜娜 → 欧阳娜娜).
    return "".join(
        c
        for i, c in enumerate(text)
        if not (c == " " and is_cjk_ideograph(text[i - 1]) and is_cjk_ideograph(text[i + 1]))
    )


def _name_char_allowed(char: str) -> bool:
    if is_cjk_ideograph(char) or char in _SEPARATORS:
        return True
    category = unicodedata.category(char)
    return category[0] == "L" or category in ("Mn", "Mc")


def validate_name(text: str, *, surname_only_allowed: bool = False) -> str:
    """A client's name trimmed and normalised: Chinese (including rare and extension-plane
    characters), minority names with ·, or other scripts with spaces, hyphens and apostrophes;
    1–50 characters. A Chinese name must have at least two characters (a full name) unless
    ``surname_only_allowed`` (a first visit, where only the surname may be known)."""
    field = NAME_FIELD
    if any(is_control(c) for c in text.strip()):
        raise InvalidField(
            field,
            "control_characters",
            "不能包含换行或控制字符",
            "must not contain line breaks or control characters",
        )
    name = _normalise_name(text)
    if not name:
        raise required(field)
    if len(name) > NAME_MAX:
        raise too_long(field, NAME_MAX, len(name))
    if any(unicodedata.category(c)[0] == "N" and not is_cjk_ideograph(c) for c in name):
        raise InvalidField(field, "has_digits", "不能包含数字", "must not contain digits")
    if not all(_name_char_allowed(c) for c in name):
        raise InvalidField(
            field,
            "bad_characters",
            "只能包含文字、空格、间隔号（·）、连字符和撇号",
            "may contain only letters, spaces, middle dots (·), hyphens and apostrophes",
        )
    if name[0] in _SEPARATORS or name[-1] in _SEPARATORS or unicodedata.category(name[0])[0] == "M":
        raise InvalidField(
            field, "bad_separator", "不能以标点开头或结尾", "must not start or end with punctuation"
        )
    if any(a in _SEPARATORS and b in _SEPARATORS for a, b in pairwise(name)):
        raise InvalidField(
            field, "bad_separator", "标点不能连续出现", "must not have two punctuation marks in a row"
        )
    if len(name) == 1 and is_cjk_ideograph(name) and not surname_only_allowed:
        raise InvalidField(
            field,
            "surname_only",
            "请填写全名（仅首次到访可只填姓氏）",
            "enter the full name (the surname alone is allowed only on a first visit)",
        )
    return name


# ---------------------------------------------------------------------------------------------- email

_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def _bad_email(reason: str, zh: str, en: str) -> InvalidField:
    return InvalidField(EMAIL_FIELD, reason, zh, en)


def validate_email(text: str) -> str | None:
    """An optional email address: None when blank; otherwise ``local@domain`` with the domain in
    lower case (internationalised domains allowed), or InvalidField."""
    email = fold_width(text).replace("。", ".").strip()
    if not email:
        return None
    if len(email) > 254:
        raise too_long(EMAIL_FIELD, 254, len(email))
    if email.count("@") != 1:
        raise _bad_email("bad_format", "应包含一个 @", "must contain exactly one @")
    local, domain = email.split("@")
    if not local or len(local) > 64 or not _LOCAL_PART.fullmatch(local):
        raise _bad_email(
            "bad_local_part",
            "@ 前的部分无效（只能用英文字母、数字和 . _ - + 等符号，点号不能开头、结尾或连续）",
            "the part before @ is not valid (letters, digits and . _ - + etc.; no leading, "
            "trailing or repeated dots)",
        )
    domain = domain.lower()
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_domain = ""
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        raise _bad_email("bad_domain", "@ 后的域名无效", "the domain after @ is not valid")
    return f"{local}@{domain}"


# -------------------------------------------------------------------------------------------- address


@dataclass(frozen=True)
class Address:
    province: str  # standard full name, e.g. 广东省
    city: str
    district: str
    detail: str  # below district: street, building, room


def _clean_line(text: str) -> str:
    return collapse_spaces("".join(c for c in collapse_spaces(text) if not is_control(c)))


def validate_province(text: str) -> str:
    """The standard full name (广东省) of the provincial-level division named by ``text`` (广东省, 广东,
    Guangdong, …), or InvalidField."""
    if not _clean_line(text):
        raise required(PROVINCE_FIELD)
    division = find_division(text)
    if division is None:
        raise InvalidField(
            PROVINCE_FIELD,
            "unknown_province",
            "不是省级行政区名称（如 广东省、北京市）",
            "is not a province-level division (e.g. Guangdong, Beijing)",
        )
    return division.name_zh


def _part(field: FieldLabel, text: str, limit: int) -> str:
    value = _clean_line(text)
    if not value:
        raise required(field)
    if len(value) > limit:
        raise too_long(field, limit, len(value))
    return value


_CITY_IS_PROVINCE = frozenset({"北京市", "天津市", "上海市", "重庆市", "香港特别行政区", "澳门特别行政区"})


def validate_address(province: str, city: str, district: str, detail: str) -> Address:
    """A full address: province, city and district are required (for a municipality a blank city is
    taken to be the municipality itself); the detail below the district may be empty, since an
    address given to district level ("江苏省南京市玄武区") is complete and common in legacy sheets.
    Whitespace is collapsed and control characters removed."""
    province_name = validate_province(province)
    if not _clean_line(city) and province_name in _CITY_IS_PROVINCE:
        city = province_name
    return Address(
        province=province_name,
        city=_part(CITY_FIELD, city, CITY_MAX),
        district=_part(DISTRICT_FIELD, district, DISTRICT_MAX),
        detail=_optional_part(ADDRESS_DETAIL_FIELD, detail, ADDRESS_DETAIL_MAX),
    )


def _optional_part(field: FieldLabel, text: str, limit: int) -> str:
    value = _clean_line(text)
    if len(value) > limit:
        raise too_long(field, limit, len(value))
    return value


def validate_optional_address(province: str, city: str, district: str, detail: str) -> Address | None:
    """None when all four parts are blank; otherwise as validate_address."""
    if not any(_clean_line(part) for part in (province, city, district, detail)):
        return None
    return validate_address(province, city, district, detail)


# ---------------------------------------------------------------------------------------------- notes


def clean_notes(text: str) -> str:
    """Free-text notes: line breaks kept (as \\n), tabs turned into spaces, other control characters
    removed, outer whitespace trimmed; at most 2000 characters (InvalidField beyond)."""
    text = re.sub(r"\r\n?|[\u2028\u2029\x85]", "\n", text).replace("\t", " ")
    notes = "".join(c for c in text if c == "\n" or not is_control(c)).strip()
    if len(notes) > NOTES_MAX:
        raise too_long(NOTES_FIELD, NOTES_MAX, len(notes))
    return notes
