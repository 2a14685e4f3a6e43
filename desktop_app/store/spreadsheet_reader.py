"""Reading a branch's legacy client list: the first sheet of an .xlsx/.xlsm (store/xlsx_reading.py)
or an Excel 97-2003 .xls (store/xls_reading.py), or a .csv in UTF-8, UTF-8 with BOM, UTF-16 with
BOM or GBK/GB18030 (store/csv_encoding.py).

Rule: the file's content decides how it is read, not its name: a zip is read as .xlsx, an OLE2
compound file as .xls (or refused as password-protected), anything else only if it is named .csv.
A WPS .et file and a password-protected workbook get "save it as .xlsx". Every limit (file size,
rows, columns, cell length, archive entries, shared strings, CSV record length) is in
domain/spreadsheet_limits.py and is checked before or while the file is read, never after it is
all in memory.

The file is only read, never copied: no temporary or cached copy of it is written anywhere.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.spreadsheet_limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    MAX_ROW_CHARS,
    MAX_SHEET_ROWS,
)
from desktop_app.store.csv_encoding import decode_text
from desktop_app.store.spreadsheet_errors import SpreadsheetError, hostile, save_as_xlsx, too_big
from desktop_app.store.xls_reading import OLE2_MAGIC, xls_rows
from desktop_app.store.xlsx_reading import xlsx_rows

__all__ = [
    "MAX_DATA_ROWS",
    "MAX_FILE_BYTES",
    "SUFFIXES",
    "Sheet",
    "SpreadsheetError",
    "decode_text",
    "read_sheet",
]

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
ZIP_MAGIC = b"PK\x03\x04"
_WPS_SUFFIXES = (".et", ".ett")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass(frozen=True, repr=False)
class Sheet:
    """Every row of the file, each a tuple of cell values (str, int, float, datetime or None)."""

    rows: list[tuple[object, ...]]
    encoding: str  # "xlsx" or "xls" for a workbook, else the text encoding used

    def __repr__(self) -> str:
        return f"Sheet(rows={len(self.rows)}, encoding={self.encoding!r})"


def _unreadable_line(number: int) -> SpreadsheetError:
    return SpreadsheetError(
        f"CSV 文件第 {number} 行无法读取（单元格过长或格式损坏）。",
        f"Line {number} of the CSV file cannot be read (a cell is too long or the file is damaged).",
        code="spreadsheet_unreadable",
    )


class _RecordTooLong(Exception):
    pass


class _Lines:
    """The physical lines of ``text`` (ending in CR, LF or CRLF, as a file opened with
    newline=""), refusing a record (one or more lines: a quoted cell may hold line breaks) over
    MAX_ROW_CHARS before its line is copied. ``record_done`` starts the count again."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.in_record = 0

    def record_done(self) -> None:
        self.in_record = 0

    def __iter__(self) -> Iterator[str]:
        for match in _LINE.finditer(self.text):
            self.in_record += match.end() - match.start()
            if self.in_record > MAX_ROW_CHARS:
                raise _RecordTooLong
            yield match.group()


def _csv_rows(text: str, max_rows: int) -> list[tuple[object, ...]]:
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[tuple[object, ...]] = []
    previous_limit = csv.field_size_limit(MAX_CELL_CHARS)
    lines = _Lines(text)
    try:
        for row in csv.reader(lines, dialect):
            lines.record_done()
            if len(row) > MAX_COLUMNS:
                raise hostile(
                    f"第 {len(rows) + 1} 行有 {len(row)} 列，上限 {MAX_COLUMNS} 列",
                    f"row {len(rows) + 1} has {len(row)} columns; the limit is {MAX_COLUMNS}",
                )
            rows.append(tuple(row))
            if len(rows) > max_rows:
                raise too_big(f"超过 {max_rows} 行", f"more than {max_rows} rows")
    except _RecordTooLong:
        raise _too_long_record(len(rows) + 1) from None
    except csv.Error as exc:  # a cell over MAX_CELL_CHARS, a stray quote or NUL
        raise _unreadable_line(len(rows) + 1) from exc
    finally:
        csv.field_size_limit(previous_limit)
    return rows


def _check_line_bytes(data: bytes) -> None:
    """A line far over MAX_ROW_CHARS in bytes (4 per character at most) is refused before the
    file is decoded: a one-line 29 MB file costs a few ms, not seconds."""
    start = 0
    limit = 4 * MAX_ROW_CHARS
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > limit:
            raise _too_long_record(data.count(b"\n", 0, start) + 1)
        start = end + 1


def _too_long_record(number: int) -> SpreadsheetError:
    return too_big(
        f"第 {number} 行超过 {MAX_ROW_CHARS} 个字符", f"line {number} is over {MAX_ROW_CHARS} characters"
    )


def _unreadable(path: Path, exc: OSError) -> SpreadsheetError:
    return SpreadsheetError(
        f"无法读取文件：{path.name}（{exc.strerror or exc}）",
        f"The file cannot be read: {path.name} ({exc.strerror or exc})",
        code="spreadsheet_unreadable",
    )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def read_sheet(path: Path, *, max_bytes: int = MAX_FILE_BYTES, max_rows: int = MAX_SHEET_ROWS) -> Sheet:
    """The rows of ``path``: the first worksheet of a workbook, every line of a .csv."""
    suffix = path.suffix.lower()
    if suffix in _WPS_SUFFIXES:
        raise save_as_xlsx("WPS 表格（.et）文件", "A WPS spreadsheet (.et) file")
    if suffix not in SUFFIXES:
        raise SpreadsheetError(
            "只能导入 .xlsx、.xls 或 .csv 文件；其他格式请先在 Excel 中另存为 .xlsx。",
            "Only .xlsx, .xls and .csv files can be imported; save other formats as .xlsx in Excel first.",
            code="spreadsheet_type",
        )
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SpreadsheetError(
            f"找不到文件：{path.name}", f"File not found: {path.name}", code="spreadsheet_missing"
        ) from None
    if not path.is_file():
        raise SpreadsheetError(
            f"{path.name} 不是文件。", f"{path.name} is not a file.", code="spreadsheet_missing"
        )
    if size > max_bytes:
        mib = max_bytes // (1024 * 1024)
        raise too_big(f"超过 {mib} MB", f"over {mib} MB")
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(OLE2_MAGIC))
    except OSError as exc:  # no permission, locked by another program
        raise _unreadable(path, exc) from exc
    if magic.startswith(ZIP_MAGIC):
        return Sheet(xlsx_rows(path, max_rows), "xlsx")
    if magic == OLE2_MAGIC:
        return Sheet(xls_rows(_read_bytes(path), max_rows), "xls")
    if suffix != ".csv":
        raise SpreadsheetError(
            "该文件不是真正的 Excel 工作簿（可能是改了扩展名的网页或文本），请在 Excel 中打开并另存为 .xlsx 后再导入。",
            "The file is not a real Excel workbook (perhaps a web page or text file renamed); open it in "
            "Excel, save it as .xlsx and import that.",
            code="spreadsheet_unreadable",
        )
    data = _read_bytes(path)
    _check_line_bytes(data)
    text, encoding = decode_text(data)
    return Sheet(_csv_rows(text, max_rows), encoding)
