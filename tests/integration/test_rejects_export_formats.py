"""The import's rejects export through the service: the format follows the file name (.xlsx or
.csv), anything else is refused before anything is written or audited."""

from __future__ import annotations

import csv
import importlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.roles import Role
from desktop_app.services.client_import import export_rejects, import_clients
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.spreadsheet_writer import UnsupportedTableFormat

fx = importlib.import_module("tests.fixtures.import.make_fixtures")
SignIn = Callable[[Role], SignedIn]


def _exports(ctx: SignedIn) -> list[dict[str, object]]:
    db = ctx.db
    rows = db.execute(
        "SELECT details FROM audit_log WHERE action = 'client.import.rejects_export' ORDER BY seq"
    ).fetchall()
    return [json.loads(row[0]) for row in rows]


def test_xlsx_and_csv_hold_the_same_table(signed_in: SignIn, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    agent = signed_in(Role.AGENT)
    report = import_clients(agent, fx.messy_workbook(tmp_path / "名单.xlsx"))
    assert export_rejects(agent, report, tmp_path / "r.xlsx") == 5
    assert export_rejects(agent, report, tmp_path / "r.csv") == 5
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None
    from_xlsx = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    from_csv = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_bytes().decode("utf-8-sig"))))
    assert from_xlsx == from_csv and len(from_csv) == 6
    assert _exports(agent) == [{"rows": 5, "format": "xlsx"}, {"rows": 5, "format": "csv"}]


@pytest.mark.parametrize("name", ["r.xls", "r.txt", "r.ods", "r"])
def test_another_extension_is_refused_and_nothing_is_written(
    signed_in: SignIn, tmp_path: Path, name: str
) -> None:
    agent = signed_in(Role.AGENT)
    report = import_clients(agent, fx.messy_workbook(tmp_path / "名单.xlsx"))
    with pytest.raises(UnsupportedTableFormat):
        export_rejects(agent, report, tmp_path / name)
    assert not (tmp_path / name).exists() and _exports(agent) == []


def test_a_fixed_rejects_workbook_imports_again_with_the_quotes_taken_off(
    signed_in: SignIn, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    agent = signed_in(Role.AGENT)
    source = tmp_path / "a.csv"
    source.write_text("姓名,手机,备注\n,+86 138 0013 8000,-急\n", encoding="utf-8")
    report = import_clients(agent, source)
    assert [r.field for r in report.rejected] == ["name"]
    out = tmp_path / "r.xlsx"
    export_rejects(agent, report, out)
    workbook = load_workbook(out)
    sheet = workbook.active
    assert sheet is not None
    assert [cell.value for cell in sheet[2]][4:] == [None, "'+86 138 0013 8000", "'-急"]
    sheet.cell(row=2, column=5, value="欧阳娜娜")  # fixed in the rejects file itself
    workbook.save(tmp_path / "fixed.xlsx")
    again = import_clients(agent, tmp_path / "fixed.xlsx")
    assert again.imported == 1 and not again.rejected
    db = agent.db
    assert db.execute("SELECT full_name, phone_e164, notes FROM clients").fetchall() == [
        ("欧阳娜娜", "+8613800138000", "-急")
    ]
