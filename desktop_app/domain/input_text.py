"""Normalising typed or imported text before validation: full-width forms folded to ASCII,
whitespace removed or collapsed, control characters found or stripped. Pure functions on str."""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE_RUN = re.compile(r"\s+")
# Bidirectional embedding/override/isolate controls can make stored text display differently from
# what it holds (the "Trojan Source" trick); they never belong in client records.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def fold_width(text: str) -> str:
    """Full-width digits, letters and symbols (typed with a Chinese IME) to their ASCII forms, and
    the ideographic space to a plain space (Unicode NFKC)."""
    return unicodedata.normalize("NFKC", text)


def compact_code(text: str, remove: str = "-") -> str:
    """An identifier as typed ("４４０３ ０５…", "e1234 5678") to its bare upper-case form: width
    folded, all whitespace and the characters in ``remove`` dropped."""
    folded = _WHITESPACE_RUN.sub("", fold_width(text))
    return folded.translate({ord(c): None for c in remove}).upper()


def collapse_spaces(text: str) -> str:
    """Trim both ends and turn every run of whitespace (including U+3000) into one space."""
    return _WHITESPACE_RUN.sub(" ", text).strip()


def is_control(char: str) -> bool:
    """Control characters (Cc), bidi controls, and code points that cannot be stored as text."""
    category = unicodedata.category(char)
    return category == "Cc" or category == "Cs" or char in _BIDI_CONTROLS
