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
import zipfile
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


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): a BOM decides; else strict UTF-8; else GB18030 (a superset of GBK)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise SpreadsheetError(
            "无法识别文件的文字编码（支持 UTF-8 和 GBK/GB18030），请在 Excel 中另存为 .xlsx 后再导入。",
            "The file's text encoding is not recognised (UTF-8 and GBK/GB18030 are supported); save it "
            "as .xlsx in Excel and import that.",
            code="spreadsheet_encoding",
        ) from None


def _csv_rows(text: str, max_rows: int) -> list[tuple[object, ...]]:
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[tuple[object, ...]] = []
    for row in csv.reader(io.StringIO(text, newline=""), dialect):
        rows.append(tuple(row))
        if len(rows) > max_rows:
            raise _too_big(f"超过 {max_rows} 行", f"more than {max_rows} rows")
    return rows


def _xlsx_rows(path: Path, max_rows: int) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook  # a few hundred ms to import: only when a workbook is read

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SpreadsheetError(
            "无法打开该 Excel 文件（文件损坏、受密码保护或不是 .xlsx 格式）。",
            "The Excel file cannot be opened (damaged, password-protected or not an .xlsx file).",
            code="spreadsheet_unreadable",
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[object, ...]] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(tuple(row))
            if len(rows) > max_rows:
                raise _too_big(f"超过 {max_rows} 行", f"more than {max_rows} rows")
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
    if size > max_bytes:
        mib = max_bytes // (1024 * 1024)
        raise _too_big(f"超过 {mib} MB", f"over {mib} MB")
    if suffix == ".csv":
        text, encoding = decode_text(path.read_bytes())
        return Sheet(_csv_rows(text, max_rows), encoding)
    return Sheet(_xlsx_rows(path, max_rows), "xlsx")
