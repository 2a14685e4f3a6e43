"""Damaged, foreign and odd files give a bilingual SpreadsheetError, never a raw exception."""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop_app.store.spreadsheet_reader import SpreadsheetError, read_sheet


def _good_xlsx(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["姓名", "手机"])
    sheet.append(["张伟", "13812345678"])
    workbook.save(path)
    return path


def _rewritten(tmp: Path, name: str, change: Callable[[str, bytes], bytes | None]) -> Path:
    source = zipfile.ZipFile(_good_xlsx(tmp / "good.xlsx"))
    target = tmp / name
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = change(item.filename, source.read(item.filename))
            if data is not None:
                out.writestr(item.filename, data)
    return target


CASES: dict[str, Callable[[Path], Path]] = {
    "UTF-8 BOM then bad bytes": lambda t: _write(
        t / "a.csv", codecs.BOM_UTF8 + "姓名\n".encode() + b"\xff\xfe\xfa\n"
    ),
    "UTF-16 with an odd byte count": lambda t: _write(
        t / "b.csv", codecs.BOM_UTF16_LE + "姓名\n".encode("utf-16-le") + b"\x00"
    ),
    "a cell over the csv field limit": lambda t: _write(
        t / "c.csv", ("姓名,手机,备注\n张伟,13812345678," + "x" * 200_000 + "\n").encode()
    ),
    "a binary file named .csv": lambda t: _write(t / "d.csv", bytes(range(256)) * 50),
    "an empty .xlsx": lambda t: _write(t / "e.xlsx", b""),
    "a truncated worksheet": lambda t: _rewritten(
        t, "f.xlsx", lambda name, data: data[: len(data) // 2] if name == "xl/worksheets/sheet1.xml" else data
    ),
    "a broken workbook.xml": lambda t: _rewritten(
        t, "g.xlsx", lambda name, data: b"<notxml" if name == "xl/workbook.xml" else data
    ),
    "a zip without a workbook": lambda t: _rewritten(t, "h.xlsx", lambda name, data: None),
    "a folder named .csv": lambda t: _mkdir(t / "i.csv"),
    "an OLE2 header and garbage": lambda t: _write(
        t / "j.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    ),
    "a shared-string index out of range": lambda t: _rewritten(
        t,
        "k.xlsx",
        lambda name, data: (
            data.replace('t="inlineStr"><is><t>张伟</t></is>'.encode(), b't="s"><v>99</v>')
            if "sheet1" in name
            else data
        ),
    ),
    "rows going backwards": lambda t: _rewritten(
        t, "l.xlsx", lambda name, data: data.replace(b'r="2"', b'r="1"') if "sheet1" in name else data
    ),
    "a cell reference that is not one": lambda t: _rewritten(
        t, "m.xlsx", lambda name, data: data.replace(b'r="A2"', b'r="A-2"') if "sheet1" in name else data
    ),
    "a WPS .et file": lambda t: _write(t / "n.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    "a negative shared-string index": lambda t: _negative_shared_string(t / "o.xlsx"),
    "a worksheet whose compressed bytes are damaged": lambda t: _damaged_deflate(t),
}


def _negative_shared_string(path: Path) -> Path:
    """Regression: index -1 read the last shared string instead of refusing the file."""
    from tests.support.hostile_sheets import MAIN, _sheet, write_xlsx

    strings = [
        f'<sst xmlns="{MAIN}" count="2" uniqueCount="2"><si><t>姓名</t></si><si><t>手机</t></si></sst>'
    ]
    rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>-1</v></c></row>']
    return write_xlsx(path, _sheet(rows), shared_strings=strings)


def _damaged_deflate(tmp: Path) -> Path:
    """Regression: bytes flipped inside the deflated worksheet let zlib.error out as a traceback."""
    path = _good_xlsx(tmp / "p.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        entry = archive.getinfo("xl/worksheets/sheet1.xml")
    start = entry.header_offset + 30 + len(entry.filename.encode()) + len(entry.extra)
    for offset in range(start + 5, start + min(entry.compress_size, 40)):
        data[offset] ^= 0xFF
    return _write(path, bytes(data))


def test_a_file_that_cannot_be_opened_gets_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a file without read permission (root reads anything, so the refusal is made
    by the OS stand-in) raised a bare PermissionError while its first bytes were read."""
    path = _good_xlsx(tmp_path / "locked.xlsx")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(SpreadsheetError) as caught:
        read_sheet(path)
    assert caught.value.code == "spreadsheet_unreadable" and "locked.xlsx" in caught.value.message("en")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_gets_a_clear_message(tmp_path: Path, case: str) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_sheet(CASES[case](tmp_path))
    assert caught.value.message("zh_CN") and caught.value.message("en")


def test_a_good_workbook_and_an_empty_csv_read(tmp_path: Path) -> None:
    assert read_sheet(_good_xlsx(tmp_path / "ok.xlsx")).rows[1] == ("张伟", "13812345678")
    assert read_sheet(_write(tmp_path / "empty.csv", b"")).rows == []
