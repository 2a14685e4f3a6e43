"""The import wizard offers and reads Excel 97-2003 (.xls) lists, and explains a WPS .et file."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QWizard

from desktop_app.domain.roles import Role
from desktop_app.ui import dialogs
from desktop_app.ui.clients.import_wizard import ImportWizard
from tests.gui.conftest import signed_in, wait_idle
from tests.support import hostile_sheets as hs


def _wizard(qtbot, branch, make_shell, language: str) -> ImportWizard:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    wizard = ImportWizard(make_shell(ctx, language=language))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_the_file_dialog_offers_xls_and_reads_it(qtbot, branch, make_shell, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, branch, make_shell, "en")
    dialogs.set_next_path(hs.client_list_xls(tmp_path / "2016客户.xls", rows=12))
    wizard.file_page.choose_button.click()
    wait_idle(qtbot, wizard.shell)
    (shown,) = [d for d in dialogs.history() if d.kind == "open_file"]
    assert "*.xls " in shown.text + " " and "*.xlsx" in shown.text
    assert "row 2" in wizard.file_page.message.text() and "12" in wizard.file_page.message.text()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_wps_file_is_asked_to_be_saved_as_xlsx(qtbot, branch, make_shell, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, branch, make_shell, "zh_CN")
    et = tmp_path / "客户.et"
    shutil.copyfile(hs.client_list_xls(tmp_path / "a.xls", rows=2), et)
    wizard.choose_file(et)
    wait_idle(qtbot, wizard.shell)
    assert "WPS" in wizard.file_page.message.text() and ".xlsx" in wizard.file_page.message.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
