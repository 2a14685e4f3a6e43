"""The client-name tokenizer and pinyin sort key exactly as migrations 4 and 6 used them: frozen.

A published migration must give the same result whenever it is replayed (an old branch upgraded
years later), so it may not call today's ``domain/search_tokens.py`` or ``domain/name_pinyin.py``,
which will change (new surname readings, new token kinds). This is a copy of what those migrations
needed on the day they were published: ``m004_index_text`` (the ``client_search.tokens`` value of a
client's name and phone) and ``m006_pinyin_sort_key``. Never edit it: a later change to the
tokenizer that must reach stored rows is a new migration that re-indexes with the code of its day.
Only pypinyin's data (a pinned dependency) and the standard library are used.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Final, cast

from pypinyin import Style, lazy_pinyin

M004_FTS5_TOKENIZE: Final = "ascii"
M006_BUYER_STAGES: Final = ("closed", "contract", "subscription")
MAX_RUN: Final = 8
_MAX_SPELLINGS: Final = 32
_SEARCH_DIGITS: Final = 4
_UNKNOWN_MARKER: Final = "~"


def fold_width(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def last_four_digits(e164: str) -> str:
    return "".join(c for c in e164 if c.isdigit())[-_SEARCH_DIGITS:]


_HAN = re.compile(
    "[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f\U00030000-\U000323af]"
)
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_NUMBER = re.compile(r"\+?[0-9]+")
_ID_LIKE = re.compile(r"[0-9]{16,}X?")

# Single surnames whose surname reading differs from pypinyin's default (which is also indexed).
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan",),
    "曾": ("zeng",),
    "区": ("ou",),
    "仇": ("qiu",),
    "解": ("xie",),
    "朴": ("piao",),
    "查": ("zha",),
    "乐": ("yue", "le"),
    "覃": ("qin", "tan"),
    "都": ("du",),
    "秘": ("bi",),
    "种": ("chong",),
    "重": ("chong",),
    "盖": ("ge", "gai"),
    "缪": ("miao",),
    "繁": ("po",),
    "句": ("gou",),
    "员": ("yun",),
    "召": ("shao",),
    "翟": ("zhai", "di"),
    "折": ("she",),
    "能": ("nai",),
    "阚": ("kan",),
    "谌": ("chen", "shen"),
    "莘": ("shen", "xin"),
    "蔚": ("yu", "wei"),
    "粘": ("nian",),
    "祭": ("zhai",),
    "角": ("jue",),
    "卜": ("bu",),
    "薄": ("bo",),
    "藏": ("zang",),
    "隗": ("wei", "kui"),
    "番": ("pan",),
    "洗": ("xian",),
    "黑": ("he",),
    "长": ("chang",),
    "郇": ("huan", "xun"),
}
# Compound surnames starting with a character listed above: read as a phrase, not by that table.
COMPOUND_SURNAMES: Final = frozenset({"单于", "尉迟", "长孙", "万俟", "澹台", "乐正"})

Readings = tuple[str, ...]  # the spellings of one syllable or word; empty when unknown


def _unknown_characters(chars: str) -> list[str]:
    return [""] * len(chars)


# pypinyin takes a list from an ``errors`` callable (one item per character); its stubs say str.
_UNKNOWN = cast("Callable[[str], str]", _unknown_characters)


def is_han(char: str) -> bool:
    return _HAN.fullmatch(char) is not None


def _fold_letters(text: str) -> str:
    """Case-folded, without diacritics (josé → jose, lü → lu)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _runs(text: str) -> list[tuple[str, str]]:
    """``text`` (width-folded) as (kind, run) pairs: kind "han", "letters" or "digits"; everything
    else separates runs and is dropped."""
    runs: list[tuple[str, str]] = []
    for kind, chars in itertools.groupby(fold_width(text), key=_kind):
        if kind != "other":
            run = "".join(chars)
            runs.append((kind, _fold_letters(run) if kind == "letters" else run))
    return runs


def _kind(char: str) -> str:
    if is_han(char):
        return "han"
    if "0" <= char <= "9":
        return "digits"
    if char.isalpha():
        return "letters"
    return "other"


def _spellings(syllable: str) -> Readings:
    if not syllable:
        return ()
    return (syllable, syllable.replace("v", "u")) if "v" in syllable else (syllable,)


def _han_readings(run: str, name_start: bool) -> list[Readings]:
    """Tone-less pinyin per character of a Han run; a run starting the name gets surname readings."""
    surname = ""
    if name_start:
        surname = run[:2] if run[:2] in COMPOUND_SURNAMES else run[:1]
    readings: list[Readings] = []
    if surname:
        defaults = lazy_pinyin(surname, style=Style.NORMAL, errors=_UNKNOWN)
        if len(surname) == 1 and defaults[0]:
            options = (*SURNAME_READINGS.get(surname, ()), defaults[0])
            readings.append(tuple(dict.fromkeys(s for o in options for s in _spellings(o))))
        else:
            readings.extend(_spellings(d) for d in defaults)
    given = run[len(surname) :]
    if given:
        syllables = lazy_pinyin(given, style=Style.NORMAL, errors=_UNKNOWN)
        readings.extend(_spellings(s) for s in syllables)
    return readings


def _joined(positions: Sequence[Readings]) -> Iterable[tuple[str, ...]]:
    return itertools.islice(itertools.product(*positions), _MAX_SPELLINGS)


def _phonetic_tokens(positions: list[Readings]) -> set[str]:
    """Each contiguous run (up to MAX_RUN) of known syllables/words, joined and as initials."""
    tokens: set[str] = set()
    for start in range(len(positions)):
        for end in range(start + 1, min(start + MAX_RUN, len(positions)) + 1):
            if not positions[end - 1]:
                break
            for spelling in _joined(positions[start:end]):
                tokens.add("".join(spelling))
                tokens.add("".join(part[0] for part in spelling))
    return tokens


# Latin letters that Unicode does not decompose into a base letter plus accents (after case-folding).
_LATIN_WITHOUT_DECOMPOSITION: Final = str.maketrans(
    {
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ł": "l",
        "ħ": "h",
        "ı": "i",
        "ŋ": "ng",
        "ŧ": "t",
        "ƒ": "f",
        "ĸ": "k",
    }
)


def _is_ascii_letter_or_digit(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _word_readings(word: str) -> list[tuple[str, str]]:
    """A folded run of letters or digits: its ASCII parts as syllables, letters of other scripts
    (Greek, Cyrillic, kana, hangul, Han characters outside ``_HAN``) as one "unknown" reading each;
    anything else (a middle dot left by folding) is dropped."""
    readings: list[tuple[str, str]] = []
    text = word.translate(_LATIN_WITHOUT_DECOMPOSITION)
    for ascii_part, chars in itertools.groupby(text, key=_is_ascii_letter_or_digit):
        part = "".join(chars)
        if ascii_part:
            readings.append(("syllable", part))
        else:
            letters = "".join(c for c in part if c.isalpha())
            if letters:
                readings.append(("unknown", letters))
    return readings


def name_readings(name: str) -> list[tuple[str, str]]:
    """``name`` as it is read aloud, for sorting: ("syllable", text) per Han character (its first
    reading, surname rules applied), Latin word (case-folded, without accents) or run of digits,
    where text is only ASCII lower-case letters or digits; ("unknown", text) for a Han character
    pypinyin does not know and for letters of other scripts."""
    readings: list[tuple[str, str]] = []
    for index, (kind, run) in enumerate(_runs(name)):
        if kind != "han":
            readings.extend(_word_readings(run))
            continue
        for char, spellings in zip(run, _han_readings(run, name_start=index == 0), strict=True):
            readings.append(("syllable", spellings[0]) if spellings else ("unknown", char))
    return readings


def name_tokens(name: str) -> set[str]:
    """Every token a client named ``name`` is indexed under (see the module docstring)."""
    tokens: set[str] = set()
    positions: list[Readings] = []
    for index, (kind, run) in enumerate(_runs(name)):
        if kind == "han":
            tokens.update(run)
            tokens.update(run[i : i + 2] for i in range(len(run) - 1))
            positions.extend(_han_readings(run, name_start=index == 0))
        elif kind == "letters":
            positions.append((run,))
    tokens.update(_phonetic_tokens(positions))
    return tokens


def phone_tokens(e164: str) -> set[str]:
    """The last-4 token and the full-number token (digits only) of a stored E.164 number."""
    digits = "".join(c for c in e164 if "0" <= c <= "9")
    if len(digits) < _SEARCH_DIGITS:
        return set()
    tokens = {last_four_digits(digits)}
    if len(digits) > _SEARCH_DIGITS:
        tokens.add(digits)
    return tokens


def _index_text(tokens: Iterable[str]) -> str:
    return " ".join(sorted(set(tokens)))


def m004_index_text(full_name: str, phone_e164: str) -> str:
    """The ``client_search.tokens`` value migration 4 stored for a client."""
    return _index_text(name_tokens(full_name) | phone_tokens(phone_e164))


def m006_pinyin_sort_key(name: str) -> str:
    """The ``clients.name_pinyin`` value migration 6 stored for a client."""
    parts: list[str] = []
    for kind, text in name_readings(name):
        parts.append(text if kind == "syllable" else _UNKNOWN_MARKER + text)
    return " ".join(parts)
