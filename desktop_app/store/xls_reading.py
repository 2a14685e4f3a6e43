"""Reading the first worksheet of an Excel 97-2003 (.xls) file, and naming what else an OLE2
compound file can be: a password-protected workbook of any Excel version.

Rule: an OLE2 file (magic D0 CF 11 E0 A1 B1 1A E1) holding EncryptionInfo and EncryptedPackage
streams is an encrypted .xlsx; an .xls whose workbook stream has a FILEPASS record is an
encrypted .xls: both are refused with "remove the password and save as .xlsx". Any other OLE2
file is read with xlrd (which reads only .xls), with ragged rows so nothing is padded, and
refused when its first sheet is wider or longer than domain/spreadsheet_limits.py allows.

Reason: branches still keep .xls lists from old Excel and WPS versions; xlrd is the maintained
reader for them. Values are converted to what the .xlsx reader gives: text, int for whole numbers
(phones and ID numbers typed as numbers), float, bool, datetime for date cells, None for empty.
"""

from __future__ import annotations

from datetime import datetime

from desktop_app.domain.spreadsheet_limits import MAX_CELL_CHARS, MAX_COLUMNS
from desktop_app.store.spreadsheet_errors import (
    SpreadsheetError,
    damaged_workbook,
    hostile,
    password_protected,
    too_big,
)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAMS = {"EncryptionInfo", "EncryptedPackage"}


def _stream_names(data: bytes) -> set[str]:
    from xlrd.compdoc import CompDoc, CompDocError

    try:
        document = CompDoc(data, logfile=_Quiet())
    except (CompDocError, IndexError, ValueError, AssertionError) as exc:
        raise damaged_workbook() from exc
    return {entry.name for entry in document.dirlist}


class _Quiet:
    """xlrd writes its warnings to a log file; nothing of a client list is logged anywhere."""

    def write(self, _: str) -> int:
        return 0


def _value(cell_type: int, value: object, datemode: int) -> object:
    import xlrd

    if cell_type in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell_type == xlrd.XL_CELL_TEXT:
        text = str(value)
        if len(text) > MAX_CELL_CHARS:
            raise too_big(
                f"有单元格超过 {MAX_CELL_CHARS} 个字符", f"a cell holds more than {MAX_CELL_CHARS} characters"
            )
        return text or None
    if cell_type == xlrd.XL_CELL_NUMBER:
        number = float(value)  # type: ignore[arg-type]
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if cell_type == xlrd.XL_CELL_DATE:
        try:
            moment: datetime = xlrd.xldate.xldate_as_datetime(float(value), datemode)  # type: ignore[arg-type]
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return "#VALUE!"
        return moment
    if cell_type == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if cell_type == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(int(value), "#VALUE!")  # type: ignore[call-overload]
    return value


def xls_rows(data: bytes, max_rows: int) -> list[tuple[object, ...]]:
    """The rows of the first worksheet of the OLE2 file whose bytes are ``data``."""
    import xlrd

    if _ENCRYPTED_STREAMS & _stream_names(data):
        raise password_protected()
    try:
        book = xlrd.open_workbook(
            file_contents=data, on_demand=True, ragged_rows=True, formatting_info=False, logfile=_Quiet()
        )
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():  # xlrd's answer to a FILEPASS record
            raise password_protected() from exc
        raise damaged_workbook() from exc
    except SpreadsheetError:
        raise
    except Exception as exc:  # xlrd raises struct, index and assertion errors on damaged files
        raise damaged_workbook() from exc
    try:
        if book.nsheets < 1:
            raise damaged_workbook()
        try:
            sheet = book.sheet_by_index(0)
        except SpreadsheetError:
            raise
        except Exception as exc:
            raise damaged_workbook() from exc
        if sheet.nrows > max_rows:
            raise too_big(f"超过 {max_rows} 行", f"more than {max_rows} rows")
        if sheet.ncols > MAX_COLUMNS:
            raise hostile(
                f"有 {sheet.ncols} 列，上限 {MAX_COLUMNS} 列",
                f"it has {sheet.ncols} columns; the limit is {MAX_COLUMNS}",
            )
        rows: list[tuple[object, ...]] = []
        for index in range(sheet.nrows):
            types = sheet.row_types(index)
            values = sheet.row_values(index)
            rows.append(tuple(_value(t, v, book.datemode) for t, v in zip(types, values, strict=False)))
    finally:
        book.release_resources()
    width = max((len(row) for row in rows), default=0)
    return [row if len(row) == width else row + (None,) * (width - len(row)) for row in rows]
