"""The building blocks every display mask uses: the mask character, the fixed placeholder, keeping the
ends of a value while never showing more than half of it, and telling CJK characters from others.

Counting is per Unicode code point, so a supplementary-plane character such as 𠮷 counts (and is
masked) as one character.
"""

from __future__ import annotations

STAR = "*"

# Stands for a hidden part whose length must leak nothing (address detail, notes, birth date).
HIDDEN = "******"

# Han ideographs (all extensions and compatibility forms), kana, bopomofo and Hangul: scripts in which
# a personal name is written as one run of characters without spaces between its parts.
_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # CJK and Kangxi radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3100, 0x312F),  # bopomofo
    (0x3130, 0x318F),  # Hangul compatibility jamo
    (0x31A0, 0x31FF),  # bopomofo extended, katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA960, 0xA97F),  # Hangul jamo extended A
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # planes 2 and 3: CJK extensions B to H and compatibility supplement
)


def is_cjk(character: str) -> bool:
    code = ord(character)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def within_half(head: int, tail: int, length: int) -> tuple[int, int]:
    """Shrink ``head`` and ``tail`` together, one character each per step, until they show at most
    half of ``length`` characters: a 9-character passport number keeps 2 + 2, a 4-character one 1 + 1
    and a 2-character one nothing."""
    head, tail = max(0, head), max(0, tail)
    while head + tail > length // 2:
        head, tail = max(0, head - 1), max(0, tail - 1)
    return head, tail


def keep_ends(text: str, head: int, tail: int) -> str:
    """``text`` with all but its first ``head`` and last ``tail`` characters replaced by one ``*``
    each, showing at most half of its characters (see :func:`within_half`)."""
    head, tail = within_half(head, tail, len(text))
    return text[:head] + STAR * (len(text) - head - tail) + text[len(text) - tail :]
