"""The Security area's backups tab with pytest-qt: IT and managers get it (agents and auditors do
not); the schedule is saved from the form (folder picked through the dialog seam), "Back up now"
writes a file, the drill with the password passes and the status stops being red; the scheduled-backup
timer takes a due backup in the background and shows a banner when the USB disk is gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from desktop_app.domain.roles import Role
from desktop_app.services.backup_schedule import schedule, set_schedule
from desktop_app.store.backup_repository import BackupRepository
from desktop_app.ui import dialogs
from desktop_app.ui.backups.backups_tab import BackupsTab, make_tab
from desktop_app.ui.backups.scheduled_backups import start_backup_schedule
from desktop_app.ui.shell import Shell
from tests.conftest import Branch
from tests.gui.conftest import MakeShell, signed_in, wait_idle


def _shell(branch: Branch, make_shell: MakeShell, role: Role) -> Shell:
    return make_shell(signed_in(branch.context(), *branch.users[role]))


def _tab(qtbot, shell: Shell) -> BackupsTab:  # type: ignore[no-untyped-def]
    tab = make_tab(shell)
    assert isinstance(tab, BackupsTab)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded, timeout=20_000):
        tab.show()
    wait_idle(qtbot, shell)
    return tab


@pytest.mark.parametrize("role", [Role.AGENT, Role.AUDITOR])
def test_other_roles_get_no_tab(qtbot, branch: Branch, make_shell: MakeShell, role: Role) -> None:  # type: ignore[no-untyped-def]
    assert make_tab(_shell(branch, make_shell, role)) is None


def test_schedule_back_up_now_and_drill(qtbot, branch: Branch, make_shell: MakeShell, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shell = _shell(branch, make_shell, Role.MANAGER)
    tab = _tab(qtbot, shell)
    assert tab.windowTitle() == "Backups"
    assert "OVERDUE" in tab.verified.text() and "OVERDUE" in tab.drill.text()
    assert "b3261e" in tab.verified.styleSheet()  # red
    usb = tmp_path / "usb"
    usb.mkdir()
    dialogs.set_next_path(usb)
    tab.choose_button.click()
    assert tab.folder.text() == str(usb)
    tab.enabled.setChecked(True)
    tab.generations.setValue(4)
    with qtbot.waitSignal(tab.finished, timeout=20_000) as saved:
        tab.save_button.click()
    assert saved.args == ["saved"]
    with qtbot.waitSignal(tab.loaded, timeout=20_000):
        pass
    me = shell.signed_in()
    assert schedule(me).enabled and schedule(me).generations == 4
    with qtbot.waitSignal(tab.finished, timeout=30_000) as backed:
        tab.backup_button.click()
    assert backed.args == ["backup"] and len(list(usb.glob("*.bvbackup"))) == 1
    tab.drill_button.click()  # no password typed: said, nothing run
    assert "password" in tab.message.text()
    tab.password.setText(branch.users[Role.MANAGER][1])
    with qtbot.waitSignal(tab.finished, timeout=30_000) as drilled:
        tab.drill_button.click()
    assert drilled.args == ["drill"] and "passed" in tab.message.text() and tab.password.text() == ""
    with qtbot.waitSignal(tab.loaded, timeout=20_000):
        pass
    wait_idle(qtbot, shell)
    assert "OVERDUE" not in tab.verified.text() and "OVERDUE" not in tab.drill.text()
    kinds = [tab.history.item(row, 1).text() for row in range(tab.history.rowCount())]
    assert kinds[:3] == ["restore drill", "verify", "backup"]  # back up now opened it at once
    tab.password.setText(branch.users[Role.MANAGER][1])
    dialogs.set_next_path(next(usb.glob("*.bvbackup")))
    with qtbot.waitSignal(tab.finished, timeout=30_000) as verified:
        tab.verify_button.click()
    assert verified.args == ["verify"] and "passed every check" in tab.message.text()
    with qtbot.waitSignal(tab.loaded, timeout=20_000):
        pass
    wait_idle(qtbot, shell)
    assert tab.history.item(0, 1).text() == "verify"


def _window(qtbot) -> QMainWindow:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    window.workspace = QWidget()  # type: ignore[attr-defined]
    QVBoxLayout(window.workspace)  # type: ignore[attr-defined]
    window.setCentralWidget(window.workspace)  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    return window


def test_the_timer_takes_the_due_backup_and_shows_a_banner_when_it_fails(  # type: ignore[no-untyped-def]
    qtbot, branch: Branch, make_shell: MakeShell, tmp_path: Path
) -> None:
    shell = _shell(branch, make_shell, Role.AGENT)  # any session takes the scheduled backup
    usb = tmp_path / "usb"
    usb.mkdir()
    it = signed_in(branch.context(), *branch.users[Role.IT_ADMIN])
    try:
        set_schedule(it, enabled=True, time="00:00", folder=usb, generations=7)  # due from midnight
    finally:
        it.close()
    window = _window(qtbot)
    runner = start_backup_schedule(shell, window)
    runner.stop()
    with qtbot.waitSignal(runner.passed, timeout=30_000) as first:
        runner.check()
    assert first.args[0].outcome.ok and len(list(usb.glob("*.bvbackup"))) == 1
    assert not runner.banner.isVisibleTo(window)
    with qtbot.waitSignal(runner.passed, timeout=30_000) as second:
        runner.check()
    assert second.args[0].outcome is None  # taken today already: not due
    branch.ctx.clock.advance(86400)  # type: ignore[attr-defined]
    for path in usb.iterdir():
        path.unlink()
    usb.rmdir()  # the USB disk unplugged
    with qtbot.waitSignal(runner.passed, timeout=30_000) as third:
        runner.check()
    assert third.args[0].outcome is not None and not third.args[0].outcome.ok
    assert runner.banner.isVisibleTo(window) and "failed" in runner.banner.label.text()
    runs = BackupRepository(shell.signed_in().db).runs(kind="create")
    assert not runs[0].ok and runs[0].scheduled
