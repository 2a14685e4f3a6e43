"""Reading the first worksheet of an .xlsx file at a bounded cost, whatever the file claims.

Rule: before anything is parsed, the archive's own bookkeeping is checked against
domain/spreadsheet_limits.py: the central directory's size and entry count (read from the end
record before the zip is listed), then every entry's declared uncompressed size, the total and the
compression ratio, and whether an entry is encrypted. Zip entries cannot lie to their reader about
their size: Python's zipfile stops at the declared size and a longer stream fails its CRC check.
The small parts (content types, workbook, relationships, styles) are then read by openpyxl, whose
XML parsing goes through defusedxml (entity declarations are refused). The shared strings and the
sheet are first counted (their elements, on the raw bytes: a fraction of a second) and then parsed
by expat in streaming mode, 64 KiB at a time, with no document tree: string lengths, rows and
columns are counted as the parser goes, and the file is refused the moment one passes its limit. The sheet's declared dimension is ignored and rows are never
padded beyond their last cell, so `A1:XFD20000` costs nothing.

Reason: openpyxl's read-only mode pads every row to the declared width (issue 11: 2.7 GB for a
213 KB file declaring A1:XFD20000), holds the whole shared-string table and each string whole
(2.2 GB for one 1 GiB string; 580 MB for 5 million strings) and parses every cell of any width
(248 s of CPU for 20,000 x 2,000 cells).

Cell values are what openpyxl returns with data_only=True: str, int, float, bool, datetime (a
number in a date format, from the workbook's styles) or None; an error cell gives its text (#N/A).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from desktop_app.domain.spreadsheet_limits import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_SHARED_STRING_CHARS,
    MAX_SHARED_STRINGS,
    MAX_STREAMED_PART_BYTES,
    MAX_TOTAL_UNCOMPRESSED_BYTES,
    MAX_WHOLE_PART_BYTES,
    MAX_ZIP_DIRECTORY_BYTES,
    MAX_ZIP_ENTRIES,
    RATIO_CHECK_FROM_BYTES,
)
from desktop_app.store.spreadsheet_errors import (
    SpreadsheetError,
    damaged_workbook,
    hostile,
    password_protected,
    too_big,
)

_CHUNK = 64 * 1024
_END_RECORD = b"PK\x05\x06"
_END_RECORD_MAX_TAIL = 22 + 0xFFFF  # the record and the longest archive comment
_STREAMED = re.compile(r"(?i)^xl/(worksheets/[^/]+\.xml|sharedstrings\.xml|media/.*|.*\.bin)$")


# ------------------------------------------------------------------------------------- archive


def check_archive_directory(path: Path) -> None:
    """Refuse an archive whose central directory is too big or lists too many entries, before
    zipfile builds an object for each of them."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(max(0, size - _END_RECORD_MAX_TAIL))
        tail = handle.read()
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) < at + 22:
        raise damaged_workbook()
    entries, directory_bytes = struct.unpack("<HI", tail[at + 10 : at + 16])
    if directory_bytes > MAX_ZIP_DIRECTORY_BYTES or (entries != 0xFFFF and entries > MAX_ZIP_ENTRIES):
        raise hostile(
            f"压缩包目录列出 {entries} 项、{directory_bytes} 字节",
            f"the archive's directory lists {entries} entries in {directory_bytes} bytes",
        )


def _part_limit(name: str) -> int:
    return MAX_STREAMED_PART_BYTES if _STREAMED.match(name) else MAX_WHOLE_PART_BYTES


def check_archive_entries(archive: zipfile.ZipFile) -> None:
    """Every entry's declared size, ratio and encryption; the total; the count."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise hostile(f"压缩包内有 {len(entries)} 个文件", f"the archive holds {len(entries)} entries")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise password_protected()
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise damaged_workbook()  # Excel and WPS write only these; zipfile cannot read Deflate64
        limit = _part_limit(entry.filename)
        if entry.file_size > limit:
            raise hostile(
                f"其中 {entry.filename} 解压后为 {entry.file_size // (1024 * 1024)} MB，上限 {limit // (1024 * 1024)} MB",
                f"{entry.filename} unpacks to {entry.file_size // (1024 * 1024)} MB; the limit is "
                f"{limit // (1024 * 1024)} MB",
            )
        if entry.file_size >= RATIO_CHECK_FROM_BYTES and (
            entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1)
        ):
            raise hostile(
                f"其中 {entry.filename} 的压缩比超过 {MAX_COMPRESSION_RATIO} 倍（压缩炸弹）",
                f"{entry.filename} is compressed more than {MAX_COMPRESSION_RATIO} times (a zip bomb)",
            )
        total += entry.file_size
    if total > MAX_TOTAL_UNCOMPRESSED_BYTES:
        raise hostile(
            f"解压后共 {total // (1024 * 1024)} MB", f"it unpacks to {total // (1024 * 1024)} MB in all"
        )


# ------------------------------------------------------------------------------ counting tags

_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]{0,40}:)?(si|c|row)[\s/>]")


def count_elements(source: IO[bytes], limits: dict[bytes, int]) -> dict[bytes, int]:
    """How many elements of each name in ``limits`` the part holds, counted on the raw bytes
    (decompressing is the only cost: about 0.1 s for 20 MB) and stopping as soon as one count
    passes its limit. XML text cannot hold a raw "<", so every match is a tag."""
    counts = dict.fromkeys(limits, 0)
    carry = b""
    while chunk := source.read(_CHUNK * 16):
        data = carry + chunk
        cut = data.rfind(b"<")  # no tag straddles the cut: a tag name holds no "<"
        if cut < 0:
            cut = len(data)
        for match in _TAG.finditer(data, 0, cut):
            name = match.group(1)
            if name in counts:
                counts[name] += 1
        if any(counts[name] > limit for name, limit in limits.items()):
            return counts
        carry = data[cut : cut + 64]
    return counts


# ------------------------------------------------------------------------------ streaming XML


class _Stop(Exception):
    """Raised from an expat handler to abandon the parse with a SpreadsheetError."""

    def __init__(self, error: SpreadsheetError) -> None:
        super().__init__(error.en)
        self.error = error


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _entities_refused(*_: object) -> None:
    raise _Stop(hostile("含有 XML 实体声明", "it declares XML entities"))


def _stream(
    source: IO[bytes], start: Callable[..., None], end: Callable[..., None], text: Callable[..., None]
) -> None:
    """Parse ``source`` with expat, 64 KiB at a time; no DTD entities, no tree."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _entities_refused
    parser.EntityDeclHandler = _entities_refused
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.buffer_text = True
    try:
        while chunk := source.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Stop as stop:
        raise stop.error from None
    except (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise damaged_workbook() from exc


def _cell_too_long() -> SpreadsheetError:
    return too_big(
        f"有单元格超过 {MAX_CELL_CHARS} 个字符", f"a cell holds more than {MAX_CELL_CHARS} characters"
    )


class _TextCollector:
    """The visible text of <t> runs inside an element (not phonetic <rPh> runs), bounded."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.in_t = False
        self.in_phonetic = 0

    def reset(self) -> None:
        self.parts.clear()
        self.length = 0

    def add(self, data: str) -> None:
        if self.in_t and not self.in_phonetic:
            self.length += len(data)
            if self.length > MAX_CELL_CHARS:
                raise _Stop(_cell_too_long())
            self.parts.append(data)

    def value(self) -> str:
        return "".join(self.parts).replace("_x005F_", "_")


def read_shared_strings(source: IO[bytes]) -> list[str]:
    strings: list[str] = []
    collector = _TextCollector()
    total = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "t":
            collector.in_t = True
        elif tag == "rPh":
            collector.in_phonetic += 1
        elif tag == "si":
            collector.reset()
        elif tag == "sst":
            declared = attributes.get("uniqueCount") or attributes.get("count") or "0"
            if declared.isdigit() and int(declared) > MAX_SHARED_STRINGS:
                raise _Stop(_too_many_strings())

    def end(name: str) -> None:
        nonlocal total
        tag = _local(name)
        if tag == "t":
            collector.in_t = False
        elif tag == "rPh":
            collector.in_phonetic -= 1
        elif tag == "si":
            if len(strings) >= MAX_SHARED_STRINGS:
                raise _Stop(_too_many_strings())
            total += collector.length
            if total > MAX_SHARED_STRING_CHARS:
                raise _Stop(hostile("共享字符串总长度过大", "its shared strings are too long in all"))
            strings.append(collector.value())

    _stream(source, start, end, collector.add)
    return strings


def _too_many_strings() -> SpreadsheetError:
    return hostile(
        f"共享字符串表超过 {MAX_SHARED_STRINGS} 项",
        f"its shared-string table has over {MAX_SHARED_STRINGS} entries",
    )


# ------------------------------------------------------------------------------------- sheet


def _cast_number(raw: str) -> float | int:
    return float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)


@dataclass(frozen=True)
class _CellTypes:
    """What turns a cell's raw text into a value: the shared strings and the date styles."""

    shared: list[str]
    date_styles: Any
    timedelta_styles: Any
    epoch: Any
    from_excel: Callable[..., object]
    from_iso8601: Callable[[str], object]


_COLUMN = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d*)$")


def _column_number(reference: str | None) -> int | None:
    if not reference:
        return None
    match = _COLUMN.match(reference)
    if match is None:
        raise _Stop(damaged_workbook())
    number = 0
    for letter in match.group(1).upper():
        number = number * 26 + ord(letter) - 64
    return number


def _convert(raw: str | None, kind: str, style: int, types: _CellTypes) -> object:
    if raw is None or raw == "":
        return None
    try:
        if kind == "n":
            number = _cast_number(raw)  # int unless it has a point or exponent, as openpyxl
            if style in types.date_styles:
                try:
                    return types.from_excel(number, types.epoch, timedelta=style in types.timedelta_styles)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "s":
            index = int(raw)
            if index < 0:
                raise ValueError(raw)  # not a string of this workbook: damaged
            return types.shared[index]
        if kind == "b":
            return bool(int(raw))
        if kind == "d":
            return types.from_iso8601(raw)
        return raw  # str (a formula's text result), e (an error's text), inlineStr
    except (ValueError, IndexError, TypeError) as exc:
        raise _Stop(damaged_workbook()) from exc


def read_rows(source: IO[bytes], types: _CellTypes, max_rows: int) -> list[tuple[object, ...]]:
    """Every row of the sheet, row n at index n - 1 (missing rows are empty tuples), each row as
    long as its last cell and no longer."""
    rows: list[tuple[object, ...]] = []
    current: dict[int, object] = {}
    row_number = 0
    column = 0
    cell_kind = "n"
    cell_style = 0
    in_value = False
    in_cell = False
    collector = _TextCollector()

    def row_too_wide(columns: int) -> _Stop:
        return _Stop(
            hostile(
                f"第 {row_number} 行有 {columns} 列，上限 {MAX_COLUMNS} 列",
                f"row {row_number} has {columns} columns; the limit is {MAX_COLUMNS}",
            )
        )

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal row_number, column, cell_kind, cell_style, in_value, in_cell
        tag = _local(name)
        if tag == "c":
            at = _column_number(attributes.get("r"))
            column = at if at is not None else column + 1
            if column > MAX_COLUMNS:
                raise row_too_wide(column)
            cell_kind = attributes.get("t", "n")
            style = attributes.get("s", "0")
            cell_style = int(style) if style.isdigit() else 0
            in_cell = True
            collector.reset()
        elif tag == "v" and in_cell:
            in_value = True
            collector.in_t = True
        elif tag == "t" and in_cell and cell_kind == "inlineStr":
            collector.in_t = True
        elif tag == "rPh":
            collector.in_phonetic += 1
        elif tag == "row":
            given = attributes.get("r")
            number = int(given) if given and given.isdigit() else row_number + 1
            if number <= row_number:
                raise _Stop(damaged_workbook())
            if number > max_rows:
                raise _Stop(too_big(f"超过 {max_rows} 行", f"more than {max_rows} rows"))
            row_number = number
            column = 0
            current.clear()

    def end(name: str) -> None:
        nonlocal in_value, in_cell
        tag = _local(name)
        if tag == "c" and in_cell:
            in_cell = False
            text = collector.value() if collector.parts else None
            if cell_kind == "inlineStr":
                value: object = text if text is not None else None
            else:
                value = _convert(text, cell_kind, cell_style, types)
            if value is not None:
                current[column] = value
            collector.reset()
            collector.in_t = False
        elif tag == "v":
            in_value = False
            collector.in_t = False
        elif tag == "t" and not in_value:
            collector.in_t = False
        elif tag == "rPh":
            collector.in_phonetic -= 1
        elif tag == "row":
            while len(rows) < row_number - 1:
                rows.append(())
            width = max(current) if current else 0
            rows.append(tuple(current.get(n) for n in range(1, width + 1)))

    _stream(source, start, end, collector.add)
    return rows


# ----------------------------------------------------------------------------------- workbook


def _open_workbook(handle: IO[bytes]) -> tuple[Any, str, str | None]:
    """(openpyxl reader, first worksheet's part, shared strings' part or None): only the small
    parts are parsed here."""
    from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet  # a few hundred ms: only when needed

    reader = ExcelReader(handle, read_only=True, keep_vba=False, data_only=True, keep_links=False)
    reader.read_manifest()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    sheet_part = next(
        (
            rel.target
            for _, rel in reader.parser.find_sheets()
            if "chartsheet" not in rel.Type and rel.target in reader.valid_files
        ),
        None,
    )
    if sheet_part is None:
        raise damaged_workbook()
    strings = reader.package.find(SHARED_STRINGS)
    return reader, sheet_part, strings.PartName[1:] if strings is not None else None


def xlsx_rows(path: Path, max_rows: int) -> list[tuple[object, ...]]:
    """The rows of the first worksheet of the .xlsx/.xlsm at ``path`` (see the module rule)."""
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    check_archive_directory(path)
    with path.open("rb") as handle:
        try:
            with zipfile.ZipFile(handle) as archive:
                check_archive_entries(archive)
        except zipfile.BadZipFile as exc:
            raise damaged_workbook() from exc
        handle.seek(0)
        try:
            reader, sheet_part, strings_part = _open_workbook(handle)
        except SpreadsheetError:
            raise
        except Exception as exc:  # openpyxl's XML, key, value and zip errors from a damaged file
            raise damaged_workbook() from exc
        try:
            archive = reader.archive
            shared: list[str] = []
            if strings_part is not None and strings_part in reader.valid_files:
                with archive.open(strings_part) as source:
                    counted = count_elements(source, {b"si": MAX_SHARED_STRINGS})[b"si"]
                if counted > MAX_SHARED_STRINGS:
                    raise _too_many_strings()
                with archive.open(strings_part) as source:
                    shared = read_shared_strings(source)
            workbook = reader.wb
            types = _CellTypes(
                shared,
                workbook._date_formats,
                workbook._timedelta_formats,
                workbook.epoch,
                from_excel,
                from_ISO8601,
            )
            with archive.open(sheet_part) as source:
                counts = count_elements(source, {b"row": max_rows, b"c": MAX_CELLS})
            if counts[b"row"] > max_rows:
                raise too_big(f"超过 {max_rows} 行", f"more than {max_rows} rows")
            if counts[b"c"] > MAX_CELLS:
                raise hostile(
                    f"工作表有超过 {MAX_CELLS} 个单元格", f"the sheet has more than {MAX_CELLS} cells"
                )
            with archive.open(sheet_part) as source:
                rows = read_rows(source, types, max_rows)
        except (zipfile.BadZipFile, zlib.error, KeyError, OSError, EOFError) as exc:
            raise damaged_workbook() from exc
        finally:
            reader.archive.close()
    width = max((len(row) for row in rows), default=0)  # every row as wide, as openpyxl gave them
    return [row if len(row) == width else row + (None,) * (width - len(row)) for row in rows]
