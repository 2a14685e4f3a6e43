"""Hostile spreadsheets cost little (issue 11, section 2).

An attacker (or a careless colleague) hands the branch a file made to exhaust the machine: a sheet
declaring 16,384 columns, a 1 GiB shared string in a 1 MB file, millions of shared strings, a zip
bomb, XML entities, a CSV of one 29 MB line or 2 GB. Each is refused quickly with a bilingual
message before it is parsed (or, when its rows are real, read in streaming mode), and each read
here runs under a memory cap far below what today's reader needs: on main these tests fail with
MemoryError, a raw exception or a wrong answer. The sizes here are small versions of the issue's
files; tests/bench/test_bench_hostile_sheets.py measures the full ones.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop_app.store.spreadsheet_reader import SpreadsheetError, read_sheet
from tests.support import hostile_sheets as hs

REFUSED_WITHIN_S = 5.0  # the benchmark holds the target, 2 s; a loaded CI machine gets room here
MEMORY_CAP = 600 * 1024 * 1024  # address space: Python + openpyxl need ~250 MB of it to start


@pytest.fixture
def capped_memory() -> Iterator[None]:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    resource.setrlimit(resource.RLIMIT_AS, (used + MEMORY_CAP, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _refused(path: Path, code: str, *words: str) -> SpreadsheetError:
    started = time.monotonic()
    with pytest.raises(SpreadsheetError) as caught:
        read_sheet(path)
    elapsed = time.monotonic() - started
    error = caught.value
    assert error.code == code, (error.code, error.en)
    assert error.zh and error.en and error.zh != error.en
    for word in words:
        assert word in error.en, error.en
    assert elapsed < REFUSED_WITHIN_S, f"refused after {elapsed:.1f} s"
    return error


HOSTILE: dict[str, tuple[Callable[[Path], Path], str, tuple[str, ...]]] = {
    "one 100 MB shared string": (
        lambda p: hs.giant_shared_string(p / "s.xlsx", size=100 * 1024 * 1024),
        "spreadsheet_abnormal",
        ("sharedStrings.xml", "MB"),
    ),
    "5 million shared strings": (
        lambda p: hs.many_shared_strings(p / "m.xlsx", count=5_000_000),
        "spreadsheet_abnormal",
        ("shared",),
    ),
    "1.2 million shared strings, declared honestly": (
        lambda p: hs.many_shared_strings(p / "h.xlsx", count=1_200_000),
        "spreadsheet_abnormal",
        ("shared-string table has over 1000000",),
    ),
    "1.1 million shared strings, declared as 1": (
        lambda p: hs.many_shared_strings(p / "l.xlsx", count=1_100_000, declared=1),
        "spreadsheet_abnormal",
        ("shared-string table has over 1000000",),
    ),
    "a row 2,000 cells wide": (
        lambda p: hs.wide_sheet(p / "w.xlsx", rows=50, columns=2_000, varied=True),
        "spreadsheet_abnormal",
        ("row 1 has 257 columns",),
    ),
    "one cell at XFD1": (lambda p: hs.far_cell(p / "x.xlsx", "XFD1"), "spreadsheet_abnormal", ("16384",)),
    "one cell at A1048576": (
        lambda p: hs.far_cell(p / "y.xlsx", "A1048576"),
        "spreadsheet_too_large",
        ("rows",),
    ),
    "a 60 MB worksheet of padding (zip bomb)": (
        lambda p: hs.zip_bomb(p / "z.xlsx"),
        "spreadsheet_abnormal",
        ("zip bomb",),
    ),
    "5,000 entries": (lambda p: hs.many_entries(p / "e.xlsx"), "spreadsheet_abnormal", ("5005 entries",)),
    "a 4 MB inline cell": (
        lambda p: hs.long_inline_string(p / "i.xlsx", size=4 * 1024 * 1024),
        "spreadsheet_too_large",
        ("32767 characters",),
    ),
    "XML entities (billion laughs)": (
        lambda p: hs.entity_expansion(p / "b.xlsx"),
        "spreadsheet_abnormal",
        ("XML entities",),
    ),
    "encrypted zip entries": (
        lambda p: hs.encrypted_entries(p / "p.xlsx"),
        "spreadsheet_encrypted",
        ("password",),
    ),
    "a CSV of one 29 MB line": (
        lambda p: hs.csv_one_huge_line(p / "l.csv"),
        "spreadsheet_too_large",
        ("line 2", "1000000 characters"),
    ),
    "a 2 GB CSV": (lambda p: hs.csv_sparse(p / "big.csv"), "spreadsheet_too_large", ("30 MB",)),
    "a CSV with NUL bytes": (
        lambda p: _write(p / "n.csv", "姓名,手机\r\n张伟,138\x0012345678\r\n".encode("gbk")),
        "spreadsheet_encoding",
        ("NUL",),
    ),
    "a CSV row of 300 columns": (
        lambda p: _write(p / "c.csv", ("姓名,手机\r\n" + "张伟," * 300 + "\r\n").encode()),
        "spreadsheet_abnormal",
        ("row 2 has 301 columns",),
    ),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_file_is_refused_quickly_within_bounded_memory(
    tmp_path: Path, case: str, capped_memory: None
) -> None:
    make, code, words = HOSTILE[case]
    with _uncapped():
        path = make(tmp_path)
    _refused(path, code, *words)


class _uncapped:
    """The files are made without the cap (zipfile's compressor needs its own buffers)."""

    def __enter__(self) -> None:
        self.limits = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (self.limits[1], self.limits[1]))

    def __exit__(self, *_: object) -> None:
        resource.setrlimit(resource.RLIMIT_AS, self.limits)


def test_a_sheet_declaring_a1_xfd20000_is_read_in_streaming_mode(tmp_path: Path, capped_memory: None) -> None:
    with _uncapped():
        path = hs.declared_dimension(tmp_path / "d.xlsx", rows=20_000)
    assert path.stat().st_size < 1024 * 1024
    started = time.monotonic()
    sheet = read_sheet(path)
    assert time.monotonic() - started < 20
    assert len(sheet.rows) == 20_000
    assert len(sheet.rows[0]) == len(hs.HEADER)  # not 16,384 columns
    assert sheet.rows[0] == hs.HEADER
    assert sheet.rows[1][:2] == hs.client_row(0)[:2]


def test_a_real_client_list_of_20000_rows_is_read(tmp_path: Path, capped_memory: None) -> None:
    with _uncapped():
        path = hs.client_list_xlsx(tmp_path / "客户名单.xlsx", rows=20_000)
    sheet = read_sheet(path)
    assert len(sheet.rows) == 20_002
    assert sheet.rows[1] == hs.HEADER
    expected = list(hs.client_row(19_999))
    expected[1] = int(expected[1])
    assert list(sheet.rows[-1]) == [value or None for value in expected]


def test_a_csv_record_of_many_quoted_lines_is_refused(tmp_path: Path, capped_memory: None) -> None:
    cell = '"' + "长\n" * 10_000 + '"'  # 20,000 characters in one cell, under the cell limit
    path = _write(tmp_path / "q.csv", ("姓名,备注\r\n" + "张伟," + ",".join([cell] * 60) + "\r\n").encode())
    _refused(path, "spreadsheet_too_large", "line 2")


def test_an_xls_with_a_cell_in_column_iv_of_every_row_is_refused(tmp_path: Path, capped_memory: None) -> None:
    with _uncapped():
        path = hs.xls_far_cells(tmp_path / "far.xls", rows=25_000)
    _refused(path, "spreadsheet_too_large", "20020 rows")
