"""The import wizard's "Export rejects…": a real .xlsx workbook by default, CSV for a .csv name,
and any other name refused in the wizard with nothing written."""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop_app.ui import dialogs
from tests.gui.conftest import wait_idle
from tests.gui.test_output_files import _imported_with_rejects


def test_rejects_export_writes_xlsx_or_csv_by_name_and_refuses_other_names(
    qtbot, branch, make_shell, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    wizard = _imported_with_rejects(qtbot, branch, make_shell, tmp_path)
    result = wizard.result_page
    workbook = tmp_path / "rejects.xlsx"
    dialogs.set_next_path(workbook)
    result.export_button.click()
    wait_idle(qtbot, wizard.shell)
    shown = dialogs.history()[-1]
    assert shown.kind == "save_file" and "5" in result.message.text()
    assert zipfile.is_zipfile(workbook)
    sheet = load_workbook(workbook).active
    assert sheet is not None and sheet.max_row == 6
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value is not None)

    text = tmp_path / "rejects.csv"
    dialogs.set_next_path(text)
    result.export_button.click()
    wait_idle(qtbot, wizard.shell)
    assert text.read_bytes().startswith(b"\xef\xbb\xbf")

    other = tmp_path / "rejects.txt"
    dialogs.set_next_path(other)
    result.export_button.click()
    wait_idle(qtbot, wizard.shell)
    assert not other.exists() and ".xlsx" in result.message.text() and ".csv" in result.message.text()
