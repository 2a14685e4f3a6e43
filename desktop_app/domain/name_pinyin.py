"""The sort key that orders client names the way a Chinese sales office expects: by pinyin.

``pinyin_sort_key("张三")`` is ``"zhang san"``; names are compared syllable by syllable, so 张三
sorts before 赵四 and 安 before 白, and foreign names (Latin letters, case-folded, accents removed)
sort among them by their letters. Surnames use their surname readings (单 shan, 曾 zeng, 区 ou)
through the same rules as the search index. Characters pypinyin does not know (𠮷) sort after
every letter, by code point, so the order is still total and stable.
"""

from __future__ import annotations

from desktop_app.domain.search_tokens import name_readings

_UNKNOWN_PREFIX = "~"  # after every ASCII letter


def pinyin_sort_key(name: str) -> str:
    """Lower-case tone-less syllables separated by spaces (the first reading of each)."""
    parts: list[str] = []
    for kind, text in name_readings(name):
        if kind == "syllable":
            parts.append(text)
        else:
            parts.append(_UNKNOWN_PREFIX + text)
    return " ".join(parts)
