"""Reading a branch's legacy client list: the first sheet of an .xlsx (openpyxl, read-only, cached
values) or a .csv in UTF-8, UTF-8 with BOM, UTF-16 with BOM or GBK/GB18030.

The file is only read, never copied: no temporary or cached copy of it is written anywhere. Size
and row count are limited so a wrong file (a whole database export) fails at once with a clear
message rather than filling memory.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.errors import BranchVaultError

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_DATA_ROWS = 20_000
SUFFIXES = (".xlsx", ".xlsm", ".csv")


class SpreadsheetError(BranchVaultError):
    code = "spreadsheet_unreadable"


@dataclass(frozen=True, repr=False)
class Sheet:
    """Every row of the file, each a tuple of cell values (str, int, float, datetime or None)."""

    rows: list[tuple[object, ...]]
    encoding: str  # "xlsx" for a workbook, else the text encoding used

    def __repr__(self) -> str:
        return f"Sheet(rows={len(self.rows)}, encoding={self.encoding!r})"


def _too_big(limit_zh: str, limit_en: str) -> SpreadsheetError:
    return SpreadsheetError(
        f"文件过大（{limit_zh}），请拆分成多个文件分别导入。",
        f"The file is too large ({limit_en}); split it into several files and import them one by one.",
        code="spreadsheet_too_large",
    )


def _unknown_encoding() -> SpreadsheetError:
    return SpreadsheetError(
        "无法识别文件的文字编码（支持 UTF-8 和 GBK/GB18030），请在 Excel 中另存为 .xlsx 后再导入。",
        "The file's text encoding is not recognised (UTF-8 and GBK/GB18030 are supported); save it "
        "as .xlsx in Excel and import that.",
        code="spreadsheet_encoding",
    )


def _plausible(text: str) -> bool:
    """Text a client list can hold: no NUL or other control characters (a binary file decoded as
    GB18030 is full of them) and no private-use characters (what Big5 or other encodings become)."""
    return not any(
        (ord(c) < 32 and c not in "\t\r\n") or 0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000 for c in text
    )


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): a BOM decides; else strict UTF-8; else GB18030 (a superset of GBK). Text
    that decodes but cannot be a client list (control or private-use characters) is refused rather
    than imported as garbage."""
    attempts: list[tuple[bytes, str, str]]
    if data.startswith(codecs.BOM_UTF8):
        attempts = [(data[len(codecs.BOM_UTF8) :], "utf-8", "utf-8-sig")]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        attempts = [(data, "utf-16", "utf-16")]
    else:
        attempts = [(data, "utf-8", "utf-8"), (data, "gb18030", "gb18030")]
    for raw, codec, name in attempts:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, name
    raise _unknown_encoding()


def _csv_rows(text: str, max_rows: int) -> list[tuple[object, ...]]:
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[tuple[object, ...]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            rows.append(tuple(row))
            if len(rows) > max_rows:
                raise _too_big(f"超过 {max_rows} 行", f"more than {max_rows} rows")
    except csv.Error as exc:  # e.g. a cell over the csv module's field limit, a stray NUL
        raise SpreadsheetError(
            f"CSV 文件第 {len(rows) + 1} 行无法读取（单元格过长或格式损坏）。",
            f"Line {len(rows) + 1} of the CSV file cannot be read (a cell is too long or the file is "
            "damaged).",
            code="spreadsheet_unreadable",
        ) from exc
    return rows


def _damaged_workbook() -> SpreadsheetError:
    return SpreadsheetError(
        "无法打开该 Excel 文件（文件损坏、受密码保护或不是 .xlsx 格式）。",
        "The Excel file cannot be opened (damaged, password-protected or not an .xlsx file).",
        code="spreadsheet_unreadable",
    )


def _xlsx_rows(path: Path, max_rows: int) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook  # a few hundred ms to import: only when a workbook is read

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML, key and value errors from a damaged or foreign file
        raise _damaged_workbook() from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[object, ...]] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(tuple(row))
            if len(rows) > max_rows:
                raise _too_big(f"超过 {max_rows} 行", f"more than {max_rows} rows")
    except SpreadsheetError:
        raise
    except Exception as exc:  # openpyxl raises XML, zip and value errors from damaged sheets
        raise _damaged_workbook() from exc
    finally:
        workbook.close()
    return rows


def read_sheet(path: Path, *, max_bytes: int = MAX_FILE_BYTES, max_rows: int = MAX_DATA_ROWS + 20) -> Sheet:
    """The rows of ``path`` (.xlsx/.xlsm: the first worksheet; .csv: every line)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SpreadsheetError(
            "只能导入 .xlsx 或 .csv 文件；旧版 .xls 请先在 Excel 中另存为 .xlsx。",
            "Only .xlsx and .csv files can be imported; save an old .xls file as .xlsx in Excel first.",
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
        raise _too_big(f"超过 {mib} MB", f"over {mib} MB")
    if suffix == ".csv":
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SpreadsheetError(
                f"无法读取文件：{path.name}（{exc.strerror or exc}）",
                f"The file cannot be read: {path.name} ({exc.strerror or exc})",
                code="spreadsheet_unreadable",
            ) from exc
        text, encoding = decode_text(data)
        return Sheet(_csv_rows(text, max_rows), encoding)
    return Sheet(_xlsx_rows(path, max_rows), "xlsx")
