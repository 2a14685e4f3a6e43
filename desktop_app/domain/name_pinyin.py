"""The sort key that orders client names the way a Chinese sales office expects: by pinyin.

``pinyin_sort_key("张三")`` is ``"zhang san"``; names are compared syllable by syllable (syllables
are separated by a space, which sorts before every letter and digit), so 张三 sorts before 赵四 and
安 before 白, and foreign names (Latin letters, case-folded, accents removed) sort among them by their
letters. Surnames use their surname readings (单 shan, 曾 zeng, 区 ou) through the same rules as the
search index. Characters pypinyin does not know (𠮷) and letters of other scripts (Σ, ハ, 한) are
written after ``UNKNOWN_MARKER`` and sort after every letter, by code point, so the order is still
total and stable. Everything else in the key is lower-case ASCII letters and digits.
"""

from __future__ import annotations

from typing import Final

from desktop_app.domain.search_tokens import name_readings

UNKNOWN_MARKER: Final = "~"  # after every ASCII letter and digit (SQLite compares UTF-8 bytes)


def pinyin_sort_key(name: str) -> str:
    """Lower-case tone-less syllables separated by spaces (the first reading of each); never raises."""
    parts: list[str] = []
    for kind, text in name_readings(name):
        if kind == "syllable":
            parts.append(text)
        else:
            parts.append(UNKNOWN_MARKER + text)
    return " ".join(parts)
