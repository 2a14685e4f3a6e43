"""Hostile and realistic spreadsheets, written by hand with zipfile so a file can lie about its
dimension, its counts and its sizes (issue 11, section 2).

Each maker takes a path and size parameters (the unit tests use small ones, the benchmark in
tests/bench/test_bench_hostile_sheets.py the issue's figures) and returns the path. Parts are
streamed into the archive, so a 1 GiB string never exists in the test's memory.
"""

from __future__ import annotations

import random
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
SHARED_STRINGS_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
    '<sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲"
PLACES = (
    "江苏省南京市玄武区中山路{n}号",
    "四川省成都市武侯区人民南路{n}号",
    "北京市朝阳区建国路{n}号院",
    "广东省深圳市南山区科技园{n}栋",
    "浙江省杭州市西湖区文三路{n}号",
)
HEADER = ("姓名", "手机", "地址", "意向", "来源", "备注")


def client_row(n: int) -> tuple[str, str, str, str, str, str]:
    """A realistic client: a Chinese name, a mobile number, an address, a level, a source, a note."""
    name = SURNAMES[n % 20] + GIVEN[n // 20 % 25] + GIVEN[n // 500 % 25]
    return (
        name,
        f"139{n:08d}",
        PLACES[n % 5].format(n=n % 2000 + 1),
        "ABC"[n % 3],
        ("转介绍", "到访", "网络", "来电")[n % 4],
        "想买学区房，预算三百万左右" if n % 7 == 0 else "",
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{_escape(text)}</t></is></c>'


def _letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def write_xlsx(
    path: Path,
    sheet: Iterable[str],
    *,
    shared_strings: Iterable[str] | None = None,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """An .xlsx whose worksheet and shared-string XML are streamed from the given pieces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        types = CONTENT_TYPES
        if shared_strings is not None:
            types = types.replace("</Types>", SHARED_STRINGS_TYPE + "</Types>")
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            _write_all(part, sheet)
        if shared_strings is not None:
            with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
                _write_all(part, shared_strings)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def _write_all(part: object, pieces: Iterable[str]) -> None:
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size > 1 << 20:
            part.write("".join(buffer).encode())  # type: ignore[attr-defined]
            buffer, size = [], 0
    part.write("".join(buffer).encode())  # type: ignore[attr-defined]


def _sheet(rows: Iterable[str], dimension: str | None = None) -> Iterator[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
    if dimension:
        yield f'<dimension ref="{dimension}"/>'
    yield "<sheetData>"
    yield from rows
    yield "</sheetData></worksheet>"


def _client_rows(count: int) -> Iterator[str]:
    yield '<row r="1">' + "".join(_inline(f"{_letters(c + 1)}1", h) for c, h in enumerate(HEADER)) + "</row>"
    for n in range(count):
        r = n + 2
        cells = "".join(_inline(f"{_letters(c + 1)}{r}", v) for c, v in enumerate(client_row(n)) if v)
        yield f'<row r="{r}">{cells}</row>'


# ------------------------------------------------------------------------------ realistic files


def client_list_xlsx(path: Path, rows: int = 20_000, extra_columns: int = 0) -> Path:
    """A real client list as Excel saves it (shared strings for text, numbers for phones);
    ``extra_columns`` adds columns of distinct text (follow-up notes), the heaviest real case."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("客户")
    sheet.append(["某某房产 南京玄武门店 客户名单（2016-2026）"])
    sheet.append([*HEADER, *(f"跟进{c + 1}" for c in range(extra_columns))])
    for n in range(rows):
        values: list[object] = list(client_row(n))
        values[1] = int(str(values[1]))
        values.extend(
            f"{2016 + c % 10}年{n % 12 + 1}月回访：客户{n}对{c}号楼感兴趣" for c in range(extra_columns)
        )
        sheet.append(values)
    workbook.save(path)
    return path


def client_list_xls(path: Path, rows: int = 200) -> Path:
    """The same list as Excel 97-2003 (.xls), as old Excel and WPS versions save it."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("客户")
    sheet.write_merge(0, 0, 0, len(HEADER) - 1, "某某房产 客户名单（合并单元格标题）")
    for column, title in enumerate(HEADER):
        sheet.write(1, column, title)
    for n in range(rows):
        for column, value in enumerate(client_row(n)):
            if column == 1:
                sheet.write(n + 2, column, int(value))
            elif value:
                sheet.write(n + 2, column, value)
    workbook.save(str(path))
    return path


def client_list_csv_text(rows: int) -> str:
    lines = [",".join(HEADER)] + [",".join(client_row(n)) for n in range(rows)]
    return "\r\n".join(lines) + "\r\n"


# -------------------------------------------------------------------------------- hostile files


def declared_dimension(path: Path, rows: int = 20_000) -> Path:
    """Issue 11: a small file declaring A1:XFD{rows} whose rows are real but short."""
    return write_xlsx(path, _sheet(_client_rows(rows - 1), dimension=f"A1:XFD{rows}"))


def giant_shared_string(path: Path, size: int = 1 << 30) -> Path:
    """Issue 11: one shared string of ``size`` characters (1 GiB compresses to about 1 MB)."""

    def strings() -> Iterator[str]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'
        chunk = "x" * (1 << 20)
        for _ in range(size // len(chunk)):
            yield chunk
        yield "</t></si></sst>"

    rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>手机</t></is></c></row>']
    return write_xlsx(path, _sheet(rows), shared_strings=strings())


def many_shared_strings(path: Path, count: int = 5_000_000, declared: int | None = None) -> Path:
    """Issue 11: ``count`` shared strings; ``declared`` lies in the count attributes if given."""
    said = count if declared is None else declared

    def strings() -> Iterator[str]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{said}" uniqueCount="{said}">'
        for n in range(count):
            yield f"<si><t>{n}</t></si>"
        yield "</sst>"

    rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>']
    return write_xlsx(path, _sheet(rows), shared_strings=strings())


def wide_sheet(path: Path, rows: int = 20_000, columns: int = 2_000, *, varied: bool = False) -> Path:
    """Issue 11: ``rows`` x ``columns`` numeric cells (no cell references, as some writers do).
    Identical cells compress to about 1 MB, like the issue's file; ``varied`` cycles 97 rows of
    random numbers so the sheet compresses like real data, not like a bomb."""
    generator = random.Random(11)
    pool = [
        "<row>"
        + "".join(f"<c><v>{generator.randrange(10**9) if varied else 1}</v></c>" for _ in range(columns))
        + "</row>"
        for _ in range(min(rows, 97 if varied else 1))
    ]
    return write_xlsx(path, _sheet(pool[n % len(pool)] for n in range(rows)))


def zip_bomb(path: Path, size: int = 60 * 1024 * 1024) -> Path:
    """A worksheet under the part-size limit that is almost all padding (ratio ~1,000)."""

    def padding() -> Iterator[str]:
        yield from _sheet(['<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'])
        chunk = " " * (1 << 20)
        for _ in range(size // len(chunk)):
            yield chunk

    return write_xlsx(path, padding())


def many_entries(path: Path, count: int = 5_000) -> Path:
    extra = {f"xl/media/image{n}.png": b"" for n in range(count)}
    return write_xlsx(path, _sheet(_client_rows(2)), extra=extra)


def far_cell(path: Path, reference: str) -> Path:
    """One cell far away: XFD1 (16,384 columns wide) or A1048576 (a million rows down)."""
    row = "".join(c for c in reference if c.isdigit())
    first = '<c r="A1" t="inlineStr"><is><t>姓名</t></is></c>'
    far = f'<c r="{reference}"><v>1</v></c>'
    rows = (
        [f'<row r="1">{first}{far}</row>']
        if row == "1"
        else [f'<row r="1">{first}</row>', f'<row r="{row}">{far}</row>']
    )
    return write_xlsx(path, _sheet(rows))


def long_inline_string(path: Path, size: int = 40 * 1024 * 1024) -> Path:
    """A cell of ``size`` characters written inline in the worksheet (no shared strings)."""

    def rows() -> Iterator[str]:
        yield '<row r="1"><c r="A1" t="inlineStr"><is><t>'
        generator = random.Random(11)
        chunk = "".join(
            generator.choices(SURNAMES + GIVEN + "省市区路号栋", k=1 << 18)
        )  # compresses like text
        for _ in range(size // len(chunk)):
            yield chunk
        yield "</t></is></c></row>"

    return write_xlsx(path, _sheet(rows()))


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8))
    + f']><sst xmlns="{MAIN}"><si><t>&i;</t></si></sst>'
)


def entity_expansion(path: Path) -> Path:
    rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c></row>']
    return write_xlsx(path, _sheet(rows), shared_strings=[BILLION_LAUGHS])


def encrypted_entries(path: Path) -> Path:
    """A zip whose sheet entry has the 'encrypted' flag (a password-protected zip)."""
    write_xlsx(path, _sheet(_client_rows(2)))
    data = bytearray(path.read_bytes())
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:  # central directory: general-purpose flag bit 0
        data[at + 8] |= 0x01
        at += 4
    path.write_bytes(bytes(data))
    return path


# ------------------------------------------------------------------------------------ CSV files


def csv_one_huge_line(path: Path, size: int = 29 * 1024 * 1024) -> Path:
    with path.open("wb") as out:
        out.write("姓名,手机,备注\r\n".encode())
        chunk = b"x" * (1 << 20)
        for _ in range(size // len(chunk)):
            out.write(chunk)
    return path


def csv_sparse(path: Path, size: int = 2 * 1024**3) -> Path:
    """A 2 GB CSV that takes no disk space (a sparse file)."""
    with path.open("wb") as out:
        out.write("姓名,手机\r\n".encode())
        out.truncate(size)
    return path


def xls_far_cells(path: Path, rows: int = 65_536) -> Path:
    """An .xls as large as the format allows: one cell in the last column (IV) of every row, so a
    reader that pads rows holds 65,536 x 256 cells."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("客户")
    for row in range(rows):
        sheet.write(row, 255, row)
    workbook.save(str(path))
    return path


# ------------------------------------------------------------------------- password-protected


def encrypted_xlsx(path: Path, password: str = "门店2019") -> Path:
    """An .xlsx saved with a password, as Excel does it: an OLE2 file with EncryptionInfo and
    EncryptedPackage streams (ECMA-376 agile encryption, made with msoffcrypto-tool)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = client_list_xlsx(path.with_name(path.stem + "-plain.xlsx"), rows=5)
    with plain.open("rb") as source, path.open("wb") as out:
        OOXMLFile(source).encrypt(password, out)
    plain.unlink()
    return path


def encrypted_xls(path: Path) -> Path:
    """An .xls whose workbook stream carries a FILEPASS record after its BOF, as Excel 97-2003
    writes a password-protected file (RC4; the payload is never decrypted by the reader)."""
    import os
    import struct

    import xlwt
    from xlwt.CompoundDoc import XlsDoc

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("客户")
    for column, title in enumerate(HEADER):
        sheet.write(0, column, title)
    stream = workbook.get_biff_data()
    bof_end = 4 + struct.unpack("<H", stream[2:4])[0]
    payload = struct.pack("<HHH", 1, 1, 1) + os.urandom(48)
    filepass = struct.pack("<HH", 0x002F, len(payload)) + payload
    XlsDoc().save(str(path), stream[:bof_end] + filepass + stream[bof_end:])
    return path
