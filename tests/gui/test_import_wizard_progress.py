"""The import wizard shows real progress and its Cancel button rolls the whole import back
(issue 12 part 3)."""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.domain.roles import Role
from desktop_app.store.client_repository import ClientRepository
from desktop_app.ui.clients.import_wizard import ImportWizard
from tests.gui.conftest import signed_in, wait_idle

fx = importlib.import_module("tests.fixtures.import.make_fixtures")
ROWS = 12
NAMES = "王李张刘陈杨黄赵吴周徐孙"


def _wizard_at_options(qtbot, branch, make_shell, tmp_path: Path) -> ImportWizard:
    ctx = signed_in(branch.context(), *branch.users[Role.AGENT])
    wizard = ImportWizard(make_shell(ctx))
    qtbot.addWidget(wizard)
    wizard.show()
    path = tmp_path / "list.csv"
    rows = [("姓名", "手机")] + [(NAMES[n] + "明", f"1381234{n:04d}") for n in range(ROWS)]
    path.write_bytes(fx.csv_bytes(rows, "utf-8"))
    wizard.choose_file(path)
    wait_idle(qtbot, wizard.shell)
    wizard.next()
    wizard.next()
    return wizard


def _count(wizard: ImportWizard, sql: str) -> int:
    db = wizard.shell.signed_in().db
    return int(db.execute(sql).fetchone()[0])


def test_the_progress_bar_climbs_to_the_end(qtbot, branch, make_shell, tmp_path: Path) -> None:
    wizard = _wizard_at_options(qtbot, branch, make_shell, tmp_path)
    bar = wizard.result_page.progress_bar
    values: list[int] = []
    bar.valueChanged.connect(values.append)
    with qtbot.waitSignal(wizard.imported, timeout=15_000) as imported:
        wizard.next()
    wait_idle(qtbot, wizard.shell)
    assert imported.args == [ROWS]
    assert bar.maximum() == 2 * ROWS and values == sorted(values) and values[-1] == 2 * ROWS
    assert not bar.isVisible() and not wizard.result_page.cancel_button.isVisible()


def test_cancel_rolls_the_whole_import_back(qtbot, branch, make_shell, tmp_path: Path, monkeypatch) -> None:
    wizard = _wizard_at_options(qtbot, branch, make_shell, tmp_path)
    page = wizard.result_page
    entered, gate = threading.Event(), threading.Event()
    real_add = ClientRepository.add
    added: list[int] = []

    def slow_add(self, *args, **kwargs):  # the third client waits until the test has clicked Cancel
        added.append(1)
        if len(added) == 3:
            entered.set()
            gate.wait(10)
        return real_add(self, *args, **kwargs)

    monkeypatch.setattr(ClientRepository, "add", slow_add)
    wizard.next()
    assert entered.wait(10)
    qtbot.waitUntil(lambda: page.progress_bar.value() >= ROWS + 2)  # checked every row, writing
    assert page.progress_bar.isVisible() and page.progress_bar.maximum() == 2 * ROWS
    assert page.cancel_button.isVisible() and page.cancel_button.isEnabled()
    with qtbot.waitSignal(wizard.failed, timeout=15_000) as failed:
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
        gate.set()
    wait_idle(qtbot, wizard.shell)
    assert failed.args == ["Import cancelled: no client was imported."]
    assert page.message.text() == "Import cancelled: no client was imported."
    assert _count(wizard, "SELECT count(*) FROM clients") == 0
    assert _count(wizard, "SELECT count(*) FROM audit_log WHERE action = 'client.create'") == 0
    assert (
        _count(
            wizard,
            "SELECT count(*) FROM audit_log WHERE action = 'client.import' "
            "AND outcome = 'failure' AND reason = 'cancelled'",
        )
        == 1
    )
    assert not page.progress_bar.isVisible() and not page.cancel_button.isVisible()
