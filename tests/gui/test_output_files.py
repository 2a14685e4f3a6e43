"""Save dialogs on real pages never write into the branch (issue 10, §4): the import wizard's
rejects export and a client's copy of their data are refused inside the data directory with a
message, and an existing file is replaced only after "Replace?" is answered Yes."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QWizard

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_requests import get_request, register_request
from desktop_app.ui import dialogs
from desktop_app.ui.clients.import_wizard import RESULT_PAGE, ImportWizard
from desktop_app.ui.requests.requests_page import RequestsPage
from tests.gui.conftest import signed_in, wait_idle

fx = importlib.import_module("tests.fixtures.import.make_fixtures")
BRANCH_FILES = ("keyslots.json", "branch.db", "branch.toml")


def _snapshot(data_dir: Path) -> dict[str, bytes]:
    return {name: (data_dir / name).read_bytes() for name in BRANCH_FILES}


def _imported_with_rejects(qtbot, branch, make_shell, tmp_path: Path) -> ImportWizard:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    wizard = ImportWizard(make_shell(ctx, language="en"))
    qtbot.addWidget(wizard)
    wizard.show()
    dialogs.set_next_path(fx.messy_workbook(tmp_path / "list.xlsx"))
    wizard.file_page.choose_button.click()
    wait_idle(qtbot, wizard.shell)
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=15_000):
        wizard.next()
    wait_idle(qtbot, wizard.shell)
    assert wizard.currentId() == RESULT_PAGE and wizard.button(QWizard.WizardButton.FinishButton)
    return wizard


def test_rejects_export_into_the_data_directory_is_refused_and_replacing_asks(
    qtbot, branch, make_shell, tmp_path: Path
) -> None:
    wizard = _imported_with_rejects(qtbot, branch, make_shell, tmp_path)
    data_dir = wizard.shell.data_dir
    before = _snapshot(data_dir)
    result = wizard.result_page
    for target in (data_dir / "keyslots.json", data_dir / "rejects.csv"):
        dialogs.set_next_path(target)
        result.export_button.click()
        wait_idle(qtbot, wizard.shell)
        shown = dialogs.history()[-1]
        assert shown.kind == "error" and "data folder" in shown.text and "数据文件夹" in shown.text
    assert _snapshot(data_dir) == before and not (data_dir / "rejects.csv").exists()

    out = tmp_path / "rejects.csv"
    out.write_bytes(b"yesterday's rejects")
    dialogs.set_next_path(out)
    dialogs.set_next_answer(dialogs.Button.No)
    result.export_button.click()
    wait_idle(qtbot, wizard.shell)
    assert dialogs.history()[-1].kind == "question" and out.read_bytes() == b"yesterday's rejects"

    dialogs.set_next_path(out)
    dialogs.set_next_answer(dialogs.Button.Yes)
    result.export_button.click()
    wait_idle(qtbot, wizard.shell)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and "5" in result.message.text()


def test_a_clients_copy_into_the_data_directory_is_refused_and_the_request_stays_open(
    qtbot, branch, make_shell
) -> None:
    ctx = signed_in(branch.context(), *branch.users[Role.MANAGER])
    client = create_client(ctx, ClientDraft(name="欧阳春花", phone="13987654321"))
    today = datetime.fromtimestamp(ctx.clock(), UTC).date()
    view = register_request(ctx, client.id, "copy", today, identity_verified=True)
    shell = make_shell(ctx, language="en")
    page = RequestsPage(shell)
    qtbot.addWidget(page)
    page.show()
    wait_idle(qtbot, shell)
    page.select_request(view.id)
    before = _snapshot(shell.data_dir)
    dialogs.set_next_path(shell.data_dir / "branch")  # becomes branch.pdf + branch.json in there
    page.complete_copy(view)
    wait_idle(qtbot, shell)
    shown = dialogs.history()[-1]
    assert shown.kind == "error" and "data folder" in shown.text
    assert get_request(ctx, view.id).status == "open" and page.last_copy_paths is None
    assert _snapshot(shell.data_dir) == before
    assert not (shell.data_dir / "branch.pdf").exists() and not (shell.data_dir / "branch.json").exists()
