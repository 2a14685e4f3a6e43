"""Writing a table the app produces as a real .xlsx workbook or a CSV file, chosen by the file name.

Rule: ``.xlsx`` gets an Excel workbook (openpyxl in write-only mode, one sheet, every cell an
explicit string cell — never a formula, even if openpyxl would take the text for one); ``.csv``
gets UTF-8 text with a byte-order mark so Excel and WPS show Chinese correctly; any other name is
refused with a usage error before anything is written. Every cell goes through
domain/spreadsheet_cells.py first (a quote in front of what a spreadsheet could run). Characters
XML cannot hold (control characters other than tab, CR and LF) become U+FFFD, and a cell is cut
to Excel's 32,767-character limit, so the workbook always opens.

Reason: ``--rejects-out name.xlsx`` used to write CSV text under an .xlsx name, which Excel refuses
or misreads; and formula injection (OWASP CSV Injection, CWE-1236) must be closed in both formats.
The bytes are returned, not written: the caller writes them through store/output_paths.py (never
into the data directory, never over a device, private file mode).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import PurePath

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.spreadsheet_cells import csv_bytes, safe_row

EXCEL_CELL_LIMIT = 32_767
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class TableFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


class UnsupportedTableFormat(InvalidInput):
    """A file name that is neither .xlsx nor .csv (a usage error: exit code 2)."""

    code = "table_format_unsupported"

    def __init__(self, name: str) -> None:
        super().__init__(
            f"无法保存为 {name}：文件名须以 .xlsx（Excel 工作簿）或 .csv 结尾。没有写入任何文件。",
            f"Cannot save as {name}: the file name must end in .xlsx (Excel workbook) or .csv. "
            "No file was written.",
        )


def table_format(path: PurePath) -> TableFormat:
    """The format a file name asks for; UnsupportedTableFormat for anything but .xlsx and .csv."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return TableFormat.XLSX
    if suffix == ".csv":
        return TableFormat.CSV
    raise UnsupportedTableFormat(str(path))


def _xml_text(text: str) -> str:
    return _NOT_IN_XML.sub("\ufffd", text)[:EXCEL_CELL_LIMIT]


def xlsx_bytes(rows: Iterable[Sequence[object]], *, sheet_title: str = "Sheet1") -> bytes:
    """The rows as a one-sheet .xlsx workbook of string cells (every cell through ``safe_row``)."""
    from openpyxl import Workbook  # local: only an export needs it
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title)
    for row in rows:
        cells = []
        for text in safe_row(row):
            cell = WriteOnlyCell(sheet, value=_xml_text(text))
            cell.data_type = "s"  # an explicit string cell: never a formula ('f')
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_bytes(path: PurePath, rows: Sequence[Sequence[object]], *, sheet_title: str = "Sheet1") -> bytes:
    """The rows in the format ``path`` names (.xlsx or .csv)."""
    if table_format(path) is TableFormat.XLSX:
        return xlsx_bytes(rows, sheet_title=sheet_title)
    return csv_bytes(rows)
