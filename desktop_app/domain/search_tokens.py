"""Search-as-you-type tokens for the client list: what a client is indexed under, what a typed query
must match, and a safe FTS5 MATCH expression for it. Pure functions on str (pypinyin's data only).

Token design (every token is one run of Han characters, of letters, or of ASCII digits, never
with spaces or ASCII punctuation, so FTS5's ``ascii`` tokenizer keeps each token whole and the
stored token is exactly the indexed term):

- Han name text: every character and every adjacent pair. A 1-character query is its character,
  a longer one its adjacent pairs, all of which a name containing the query also holds. Pairs can
  over-match a 3+ character query (张伟 + 伟明 in 张伟伟明); the caller re-checks the decrypted
  name if it must be exact.
- Pinyin (pypinyin, tone-less, "lv" and "lu" for ü): each syllable, every contiguous run of up to
  ``MAX_RUN`` syllables joined (zhangwei, ouyang, nana) and the same runs' first letters (zw, oynn).
  A polyphonic single surname uses its surname reading(s) as well as pypinyin's default (单 shan +
  dan, 曾 zeng + ceng, 区 ou + qu); compound surnames (欧阳, 尉迟, 单于…) use pypinyin's phrase data.
  Characters pypinyin does not know (𠮷) keep their character tokens and break pinyin runs.
- Other letters (John Smith): case-folded words without diacritics, treated like syllables (john,
  smith, johnsmith, js). Word prefixes are not indexed: the last typed word is sent as an FTS5
  prefix query (``"smi"*``) instead, which keeps the index small; create the table with
  ``prefix='1 2 3'`` so short prefix queries stay fast.
- Phone: the last 4 digits ("5678") and the full E.164 number's digits ("8613812345678"). Name
  tokens never contain digits and phone tokens are only digits, so they cannot collide; a 4-digit
  token is always a last-4 token because a full number has more digits. Digit tokens are never
  prefix-matched.
- The ID number and notes are never tokenised. A query that is an ID number (16+ digits, maybe a
  final X) yields only ``EXACT_ID_LOOKUP``: the caller validates it and looks up its HMAC instead.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Final, cast

from pypinyin import Style, lazy_pinyin

from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.input_text import fold_width
from desktop_app.domain.phone_numbers import SEARCH_DIGITS, last_four_digits, normalise_phone

EXACT_ID_LOOKUP: Final = "<exact-id-lookup>"  # never a token: contains ASCII punctuation
FTS5_TOKENIZE: Final = "ascii"  # keeps every token whole; see the module docstring
MAX_RUN: Final = 8  # longest run of syllables or words indexed joined
_MAX_SPELLINGS: Final = 32  # joined spellings kept per run when readings multiply
_E164_MAX_DIGITS: Final = 15  # more digits than this cannot be a phone number
_FULL_PHONE_MIN_DIGITS: Final = 11

_HAN = re.compile(
    "[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f\U00030000-\U000323af]"
)
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_NUMBER = re.compile(r"\+?[0-9]+")
_ID_LIKE = re.compile(r"[0-9]{16,}X?")

# Single surnames whose surname reading differs from pypinyin's default (which is also indexed).
SURNAME_READINGS: Final[dict[str, tuple[str, ...]]] = {
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
    if len(digits) < SEARCH_DIGITS:
        return set()
    tokens = {last_four_digits(digits)}
    if len(digits) > SEARCH_DIGITS:
        tokens.add(digits)
    return tokens


def _full_phone_token(typed: str) -> str:
    try:
        return normalise_phone(typed).lstrip("+")
    except InvalidField:
        return typed.lstrip("+")  # matches no stored number unless its digits are the same


def _digit_token(digits: str) -> str:
    if len(digits) == SEARCH_DIGITS:
        return digits
    if len(digits) >= _FULL_PHONE_MIN_DIGITS:
        return _full_phone_token(digits)
    return digits  # 1–3 or 5–10 digits: no such token is indexed, so nothing matches


def query_tokens(text: str) -> list[str]:
    """What typed ``text`` must match, in typed order, without repeats: all tokens must match and
    the last may be a prefix (see ``fts5_match_expression``). ``[]`` means nothing searchable was
    typed; ``[EXACT_ID_LOOKUP]`` means: do an exact (HMAC) ID lookup of ``text`` instead."""
    number = _PHONE_SEPARATORS.sub("", fold_width(text)).upper()
    if _ID_LIKE.fullmatch(number):
        return [EXACT_ID_LOOKUP]
    if _NUMBER.fullmatch(number):
        if number.startswith("+"):
            return [_full_phone_token(number)]
        return [_digit_token(number)]
    tokens: list[str] = []
    for kind, run in _runs(text):
        if kind == "han":
            tokens.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
        elif kind == "letters":
            tokens.append(run)
        else:
            if len(run) > _E164_MAX_DIGITS:
                return [EXACT_ID_LOOKUP]  # an ID number never goes into a MATCH expression
            tokens.append(_digit_token(run))
    return list(dict.fromkeys(tokens))


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def fts5_match_expression(tokens: Sequence[str], prefix_last: bool) -> str:
    """An FTS5 MATCH expression requiring every token: each a quoted string (double quotes doubled),
    so typed text can never be read as FTS5 syntax. With ``prefix_last`` a final letters token is a
    prefix query; Han and digit tokens are always exact (a digit prefix would match other numbers)."""
    if not tokens:
        raise ValueError("no tokens to match")
    if EXACT_ID_LOOKUP in tokens:
        raise ValueError("an ID number is looked up exactly, never matched")
    terms = [_quoted(token) for token in tokens]
    last = tokens[-1]
    if prefix_last and all(_kind(c) == "letters" for c in last):
        terms[-1] += "*"
    return " AND ".join(terms)


def index_text(tokens: Iterable[str]) -> str:
    """The value to store in the FTS5 tokens column: the tokens, sorted, separated by spaces."""
    return " ".join(sorted(set(tokens)))
