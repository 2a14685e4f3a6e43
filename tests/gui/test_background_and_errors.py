"""The job runner reports on the GUI thread; errors are shown as messages, never tracebacks."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from desktop_app.domain.errors import AccountLocked, WrongCredentials
from desktop_app.ui import dialogs
from desktop_app.ui.background import JobRunner
from desktop_app.ui.error_text import GENERIC_EN, GENERIC_ZH, error_text


@pytest.fixture
def runner(qapp):
    jobs = JobRunner()
    yield jobs
    jobs.shutdown()


def test_work_runs_off_the_gui_thread_and_callbacks_on_it(qtbot, runner: JobRunner) -> None:
    gui_thread = QApplication.instance().thread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread() is threading.main_thread()
        return 42

    def done(result: object) -> None:
        seen["result"] = result
        seen["callback_on_gui"] = QThread.currentThread() is gui_thread

    with qtbot.waitSignal(runner.busy_changed, timeout=5_000):
        runner.run(work, done)
    qtbot.waitUntil(lambda: not runner.busy)
    assert seen == {"worker": False, "result": 42, "callback_on_gui": True}


def test_errors_go_to_the_error_callback_in_order(qtbot, runner: JobRunner) -> None:
    order: list[object] = []

    def fail() -> None:
        raise WrongCredentials()

    runner.run(lambda: "first", order.append)
    runner.run(fail, order.append, order.append)
    runner.run(lambda: "third", order.append)
    qtbot.waitUntil(lambda: not runner.busy)
    assert order[0] == "first" and isinstance(order[1], WrongCredentials) and order[2] == "third"


def test_callbacks_are_skipped_when_the_owner_is_gone(qtbot, runner: JobRunner) -> None:
    owner = QObject()
    called: list[object] = []
    release = threading.Event()
    runner.run(lambda: release.wait(5), called.append, called.append, owner=owner)
    owner.deleteLater()
    QApplication.processEvents()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert called == []


def test_error_texts() -> None:
    assert error_text(WrongCredentials(), "en") == "Wrong username or password."
    assert error_text(WrongCredentials(), "zh_CN") == "用户名或密码错误。"
    assert "3 分钟" in error_text(AccountLocked(3), "zh_CN")
    generic = error_text(KeyError("internal detail"), "en")
    assert generic == f"{GENERIC_ZH}\n{GENERIC_EN}"
    assert "internal detail" not in generic and "Traceback" not in generic


def test_dialog_seam_records_and_answers(qapp) -> None:
    dialogs.information(None, "Title", "Some text")
    dialogs.set_next_answer(dialogs.Button.Yes)
    assert dialogs.confirm(None, "Q", "Really?") is True
    assert dialogs.history()[0] == dialogs.ShownDialog("information", "Title", "Some text")
    with pytest.raises(dialogs.UnansweredDialog):
        dialogs.confirm(None, "Q", "Nobody answered this")
    dialogs.set_next_path(None)
    assert dialogs.save_file(None, "Save") is None
    with pytest.raises(dialogs.UnansweredDialog):
        dialogs.open_file(None, "Open")
