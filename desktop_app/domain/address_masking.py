"""Address display mask (masking.md): province, city and district are shown, everything below the
district becomes ``******`` (always six, so neither the length nor the presence of the detail leaks).

Addresses are stored structured; :func:`mask_address` masks those fields. :func:`mask_address_text`
handles an address kept as one line of text by recognising a leading province from the fixed list of
34 provincial-level divisions, then at most one city and one district with short names. Whatever it
does not recognise is masked: without a known province the whole line is ``******``.
"""

from __future__ import annotations

import re

from desktop_app.domain.mask_primitives import HIDDEN, is_cjk
from desktop_app.domain.provincial_divisions import PROVINCIAL_DIVISIONS as _DIVISION_TABLE

# The 34 provincial-level divisions' standard full names (one list for validation and masking).
PROVINCIAL_DIVISIONS = tuple(division.name_zh for division in _DIVISION_TABLE)

# A character of a city or district name: a Han ideograph that is neither a division suffix nor a
# marker of a street, building or room (a name containing one is masked rather than risk showing
# part of the detail).
_NAME_CHARACTER = r"(?:(?![省市区县旗盟路街巷弄号栋幢楼室])[\u3400-\u4dbf\u4e00-\u9fff])"
_CITY = rf"{_NAME_CHARACTER}{{1,8}}?(?:自治州|地区|盟)|{_NAME_CHARACTER}{{1,4}}?市"
_DISTRICT = rf"{_NAME_CHARACTER}{{1,10}}?自治[县旗]|{_NAME_CHARACTER}{{1,4}}?[区县市旗]"
_DIVISIONS = re.compile(
    "(?P<province>{})(?P<city>{})?(?P<district>{})?".format(
        "|".join(sorted(PROVINCIAL_DIVISIONS, key=len, reverse=True)), _CITY, _DISTRICT
    )
)

# A structured division field longer than this, or containing a digit, is not a division name.
_LONGEST_DIVISION = 20


def mask_address(
    province: str | None, city: str | None, district: str | None, detail: str | None = None
) -> str:
    """``("广东省", "深圳市", "南山区", "科技园路1号3栋")`` → ``广东省深圳市南山区******``.

    The detail is always ``******``, whatever its length and even when it is empty; only an address
    with every field empty masks to an empty string. A division field that cannot be a division name
    (a digit, or more than 20 characters) is left out, and a city repeating the province (北京市北京市)
    is shown once.
    """
    fields = [part.strip() if isinstance(part, str) else "" for part in (province, city, district, detail)]
    if not any(fields):
        return ""
    parts: list[str] = []
    for text, shape in zip(fields[:3], (_PROVINCE_SHAPE, _CITY_SHAPE, _DISTRICT_SHAPE), strict=True):
        if _plausible_division(text, shape) and text not in parts:
            parts.append(text)
    return _joined(parts) + HIDDEN


def mask_address_text(text: str) -> str:
    """``广东省深圳市南山区科技园路1号3栋`` → ``广东省深圳市南山区******``."""
    match = _DIVISIONS.match(text)
    if match is None:
        return HIDDEN
    return mask_address(match["province"], match["city"], match["district"])


def shown_district(district: str | None) -> str:
    """The district field as :func:`mask_address` shows it (``南山区``), alone and without the
    hidden detail: "" when it cannot be a district name. What a summary may say of where a client
    lives: nothing below the district ever leaves."""
    text = district.strip() if isinstance(district, str) else ""
    return text if _plausible_division(text, _DISTRICT_SHAPE) else ""


_PROVINCE_SHAPE = re.compile("|".join(sorted(PROVINCIAL_DIVISIONS, key=len, reverse=True)))
_CITY_SHAPE = re.compile(_CITY)
_DISTRICT_SHAPE = re.compile(_DISTRICT)


def _plausible_division(text: str, shape: re.Pattern[str]) -> bool:
    """A field is shown only if it looks like a division name: in Chinese it must have the shape of
    one in full (so a street typed into the district field stays hidden); otherwise short, no digits."""
    if not 0 < len(text) <= _LONGEST_DIVISION or any(character.isdigit() for character in text):
        return False
    if any(is_cjk(character) for character in text):
        return shape.fullmatch(text) is not None
    return True


def _joined(parts: list[str]) -> str:
    """Chinese division names run together; a space separates two non-CJK ones (Kowloon City)."""
    joined = ""
    for part in parts:
        if joined and not is_cjk(joined[-1]) and not is_cjk(part[0]):
            joined += " "
        joined += part
    return joined
