"""``clients import --rejects-out FILE``: a real .xlsx for .xlsx, UTF-8 CSV with a BOM for .csv,
and any other name refused as a usage error before the password is read or anything is written."""

from __future__ import annotations

import importlib
import zipfile
from pathlib import Path

from tests.cli.support import CliBranch, assert_exit, assert_message, audit_entries

fx = importlib.import_module("tests.fixtures.import.make_fixtures")


def test_rejects_out_xlsx_is_a_real_workbook(cli_branch: CliBranch, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = fx.messy_workbook(tmp_path / "名单.xlsx")
    rejects = tmp_path / "退回.xlsx"
    result = cli_branch.as_role(
        "agent", "clients", "import", str(path), "--json", "--rejects-out", str(rejects)
    )
    assert_exit(result, 0)
    assert result.json()["rejects_out"] == str(rejects)
    assert zipfile.is_zipfile(rejects) and (rejects.stat().st_mode & 0o777) == 0o600
    sheet = load_workbook(rejects).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["行号 Row", "字段 Field", "原因", "Reason"]
    assert [row[0] for row in rows[1:]] == ["7", "8", "9", "13", "14"]
    exports = [e for e in audit_entries(cli_branch) if e.action == "client.import.rejects_export"]
    assert [e.details for e in exports] == [{"rows": 5, "format": "xlsx"}]


def test_rejects_out_with_another_extension_is_a_usage_error(cli_branch: CliBranch, tmp_path: Path) -> None:
    path = fx.messy_workbook(tmp_path / "名单.xlsx")
    for name in ("rejects.xls", "rejects.txt", "rejects"):
        rejects = tmp_path / name
        result = cli_branch.as_role("agent", "clients", "import", str(path), "--rejects-out", str(rejects))
        assert_message(result, "须以 .xlsx", "must end in .xlsx (Excel workbook) or .csv", code=2)
        assert not rejects.exists()
    assert not [e for e in audit_entries(cli_branch) if e.action.startswith("client.import")]
