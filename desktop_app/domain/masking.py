"""Display masking (GB/T 35273-2020 §7.2 "个人信息的展示限制"; rules and examples in reference/masking.md): one pure
function from (field kind, stored value) to the text shown wherever the value appears until the user
reveals that one field. No widget masks on its own.

    姓名 name           张伟 → 张*, 欧阳娜娜 → 欧***, John Smith → J*** S****
    身份证 18 / 15 位    110105199003071234 → 110***********1234, 110105900307123 → 110*********123
    其他证件 other ID    E12345678 → E1*****78 (passport, HK/Macau/Taiwan permits, foreign PR ID)
    手机 mobile          13812345678 → 138****5678
    座机 landline        0755-26581234 → 0755-******34
    境外电话 foreign      +852 9123 4567 → +852 ****4567
    邮箱 email           zhang.wei@example.cn → z***@example.cn
    地址 address         广东省深圳市南山区科技园路1号3栋 → 广东省深圳市南山区******
    收入 income band     shown as stored: it is only ever a band (30–50万元/年)
    出生日期 birth date   never shown (``******``); show an age band instead (age_bands.py)
    备注 notes           never in lists, summaries or exports; ``******`` until revealed

Masks keep the length of the masked part, one ``*`` per hidden character, except the fixed ``***``
of an email and the fixed ``******`` of address detail, birth date and notes. Leading and trailing
whitespace is dropped and an empty value stays empty. Odd input (wrong shape for the kind, very long,
mixed scripts, supplementary-plane characters, a value that is already masked) never raises and is
masked more, never less: a value without the shape its rule was written for shows at most half of its
characters, and ID numbers never show a character at the birth-date positions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum

from desktop_app.domain.address_masking import mask_address, mask_address_text
from desktop_app.domain.mask_primitives import HIDDEN, STAR, is_cjk, keep_ends
from desktop_app.domain.phone_masking import mask_foreign_phone, mask_landline, mask_mainland_mobile

__all__ = [
    "HIDDEN",
    "STAR",
    "FieldKind",
    "allowed_in_lists_and_exports",
    "mask",
    "mask_address",
]


class FieldKind(StrEnum):
    """What a stored value is, which decides how it is masked. Values are stable identifiers."""

    NAME = "name"  # Chinese (any CJK character) or non-CJK, told apart from the value
    RESIDENT_ID_18 = "resident_id_18"
    RESIDENT_ID_15 = "resident_id_15"
    OTHER_ID_DOCUMENT = "other_id_document"  # passport, HK/Macau/Taiwan permits, foreign PR ID
    MAINLAND_MOBILE = "mainland_mobile"
    LANDLINE = "landline"
    FOREIGN_PHONE = "foreign_phone"  # foreign, Hong Kong, Macau and Taiwan numbers
    EMAIL = "email"
    ADDRESS = "address"  # one line; structured addresses go through mask_address
    INCOME_BAND = "income_band"
    BIRTH_DATE = "birth_date"
    NOTES = "notes"


_NEVER_LISTED = frozenset({FieldKind.BIRTH_DATE, FieldKind.NOTES})


def allowed_in_lists_and_exports(kind: FieldKind) -> bool:
    """Whether a field of this kind may appear (masked) in lists, search results, summaries, HQ
    reports and exports. Notes appear on the detail page only; a birth date never appears (an age
    band derived from it is a separate value)."""
    return kind not in _NEVER_LISTED


def mask(kind: FieldKind, value: str | None) -> str:
    """The display form of ``value`` stored as a field of ``kind``. Never raises; see the module
    documentation for the rules."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return ""
    return _MASKS.get(kind, _mask_everything)(text)


def _mask_everything(text: str) -> str:
    return STAR * len(text)


def _mask_name(name: str) -> str:
    """A name containing any CJK character keeps only its first character (欧阳娜娜 → 欧***, and a
    one-character name shows nothing). Otherwise each whitespace-separated word keeps its first
    letter (John Smith → J*** S****); a one-character word or one not starting with a letter shows
    nothing, so no name ever shows more than half of its characters."""
    if any(is_cjk(character) for character in name):
        return keep_ends(name, 1, 0)
    return re.sub(r"\S+", lambda word: _mask_word(word.group()), name)


def _mask_word(word: str) -> str:
    if len(word) >= 2 and word[0].isalpha():
        return word[0] + STAR * (len(word) - 1)
    return STAR * len(word)


def _mask_resident_id(text: str, tail: int, birth_date_end: int) -> str:
    """Keep the first 3 characters (region) and up to ``tail`` last ones, but never a character at
    or before position ``birth_date_end`` (1-based), wherever the value's length puts it."""
    return keep_ends(text, 3, min(tail, max(0, len(text) - birth_date_end)))


def _mask_resident_id_18(text: str) -> str:
    """110105199003071234 → 110***********1234. Shorter or longer values never show positions 7–14
    (a 15-character value under this kind shows only its last character)."""
    return _mask_resident_id(text, 4, 14)


def _mask_resident_id_15(text: str) -> str:
    """110105900307123 → 110*********123. A value of any other length is treated as a possibly
    mistyped 18-digit number: positions 7–14 stay hidden."""
    return _mask_resident_id(text, 3, 12 if len(text) == 15 else 14)


def _mask_other_id(text: str) -> str:
    """E12345678 → E1*****78; at most half shows, so a 2-character number shows nothing. On the
    18-character permits that embed a birth date this hides positions 3–16."""
    return keep_ends(text, 2, 2)


# A domain is shown only when it looks like one; anything else is hidden behind ***.
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_LONGEST_DOMAIN = 253


def _mask_email(text: str) -> str:
    """zhang.wei@example.cn → z***@example.cn. The local part (everything before the last @) keeps
    its first character only when it has at least 2; ``***`` hides its length. Without an @ the whole
    value is treated as a local part."""
    local, at, domain = text.rpartition("@")
    if not at:
        local, domain = text, ""
    masked_local = (local[0] if len(local) >= 2 else "") + "***"
    if not at:
        return masked_local
    if len(domain) > _LONGEST_DOMAIN or not _DOMAIN.fullmatch(domain):
        domain = "***"
    return f"{masked_local}@{domain}"


# A band names a range ("30–50万元/年", "100万元/年以上"); an exact figure has none of these.
_BAND_MARKERS = (
    "–",
    "—",
    "-",
    "~",
    "～",
    "至",
    "以上",
    "以下",
    "以内",
    "不足",
    "未满",
    "<",
    ">",
    "≤",
    "≥",
    "+",
)
_LONGEST_BAND = 20


def _mask_income_band(text: str) -> str:
    """Shown as stored when it reads as a band (a range marker, or no digits at all: "未披露"). An
    exact figure should never have been collected; if one is stored anyway it is fully masked."""
    is_band = len(text) <= _LONGEST_BAND and (
        not any(character.isdigit() for character in text) or any(marker in text for marker in _BAND_MARKERS)
    )
    return text if is_band else _mask_everything(text)


def _hidden(text: str) -> str:
    return HIDDEN


_MASKS: dict[FieldKind, Callable[[str], str]] = {
    FieldKind.NAME: _mask_name,
    FieldKind.RESIDENT_ID_18: _mask_resident_id_18,
    FieldKind.RESIDENT_ID_15: _mask_resident_id_15,
    FieldKind.OTHER_ID_DOCUMENT: _mask_other_id,
    FieldKind.MAINLAND_MOBILE: mask_mainland_mobile,
    FieldKind.LANDLINE: mask_landline,
    FieldKind.FOREIGN_PHONE: mask_foreign_phone,
    FieldKind.EMAIL: _mask_email,
    FieldKind.ADDRESS: mask_address_text,
    FieldKind.INCOME_BAND: _mask_income_band,
    FieldKind.BIRTH_DATE: _hidden,
    FieldKind.NOTES: _hidden,
}
