"""Job lanes, progress and cancel (issue 12 part 3): the network lane never holds up the database
lane, progress arrives in order on the GUI thread, cancel stops queued and running work, and the
JobDialog base keeps a dialog busy while its job runs."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from desktop_app.domain.cancellation import Cancelled
from desktop_app.domain.errors import InvalidInput
from desktop_app.ui.background import JobControl, JobRunner, Lane
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


@pytest.fixture
def runner(qapp):
    jobs = JobRunner()
    yield jobs
    jobs.cancel_all()
    jobs.shutdown(5_000)


def _slow_until_cancelled(started: threading.Event) -> object:
    def work(control: JobControl) -> object:
        started.set()
        while not control.token.wait(0.01):
            pass
        control.token.raise_if_cancelled()
        return "not reached"

    return work


def test_a_network_job_does_not_hold_up_the_database_lane(qtbot, runner: JobRunner) -> None:
    started = threading.Event()
    errors: list[BaseException] = []
    handle = runner.start(_slow_until_cancelled(started), None, errors.append, lane=Lane.NETWORK)
    assert started.wait(5)
    results: list[object] = []
    runner.run(lambda: "page 1", results.append)
    runner.run(lambda: "page 2", results.append)
    qtbot.waitUntil(lambda: results == ["page 1", "page 2"], timeout=5_000)
    assert runner.lane_busy(Lane.NETWORK) and not runner.lane_busy(Lane.DATABASE)
    handle.cancel()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)


def test_progress_arrives_in_order_on_the_gui_thread(qtbot, runner: JobRunner) -> None:
    gui_thread = QApplication.instance().thread()
    seen: list[tuple[int, int, str]] = []
    on_gui: list[bool] = []

    def work(control: JobControl) -> str:
        for done in range(6):
            control.progress(done, 5, f"row {done}")
        return "done"

    def progress(done: int, total: int, text: str) -> None:
        on_gui.append(QThread.currentThread() is gui_thread)
        seen.append((done, total, text))

    results: list[object] = []
    runner.start(work, results.append, on_progress=progress)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
    assert results == ["done"]
    steps = [done for done, _, _ in seen]
    assert steps == sorted(steps) and len(set(steps)) == len(steps) and all(on_gui)
    assert seen[-1] == (5, 5, "row 5")  # reports made while one waited were folded into it


def test_progress_reports_do_not_flood_the_gui_thread(qtbot, runner: JobRunner) -> None:
    delivered: list[int] = []
    release = threading.Event()

    def work(control: JobControl) -> None:
        release.wait(5)
        for done in range(1, 10_001):
            control.progress(done, 10_000)

    runner.start(work, on_progress=lambda done, _total, _text: delivered.append(done))
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert delivered[-1] == 10_000 and delivered == sorted(delivered)
    assert len(delivered) < 10_000  # folded while waiting for the GUI thread


def test_cancel_all_stops_the_running_job_and_never_starts_the_queued_ones(qtbot, runner: JobRunner) -> None:
    started = threading.Event()
    outcome: list[object] = []
    runner.start(_slow_until_cancelled(started), outcome.append, outcome.append)
    ran: list[str] = []
    runner.run(lambda: ran.append("queued"), outcome.append, outcome.append)
    assert started.wait(5)
    assert runner.cancel_all() == 2
    qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
    assert ran == []
    assert len(outcome) == 2 and all(isinstance(item, Cancelled) for item in outcome)
    later: list[object] = []
    runner.run(lambda: "after", later.append)  # a new job after cancel-all runs normally
    qtbot.waitUntil(lambda: later == ["after"], timeout=5_000)


def test_a_cancelled_job_without_an_error_callback_is_dropped_quietly(
    qtbot, runner: JobRunner, caplog
) -> None:
    started = threading.Event()
    runner.start(_slow_until_cancelled(started))
    assert started.wait(5)
    runner.cancel_all()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
    assert "failed" not in caplog.text


class _Echo(JobDialog):
    """The smallest JobDialog: Submit runs ``work(ctx, gate, outcome)`` on the database lane."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.field = QLineEdit()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.results: list[object] = []
        layout = QVBoxLayout(self)
        for widget in (self.field, self.error, self.buttons):
            layout.addWidget(widget)

    def inputs(self) -> list[QWidget]:
        return [self.field]

    def submit(self, gate: threading.Event, outcome: object) -> bool:
        return self.run_job(_work, gate, outcome)

    def succeeded(self, result: object) -> None:
        self.results.append(result)


def _work(ctx: object, gate: threading.Event, outcome: object) -> object:
    assert ctx == "the context"
    gate.wait(5)
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def test_the_job_dialog_is_busy_while_its_job_runs(qtbot, tmp_path) -> None:
    shell = Shell(tmp_path, ctx="the context")  # type: ignore[arg-type]
    dialog = _Echo(shell)
    qtbot.addWidget(dialog)
    dialog.show()
    gate = threading.Event()
    assert dialog.submit(gate, "done")
    assert dialog.busy and not dialog.buttons.isEnabled() and not dialog.field.isEnabled()
    assert not dialog.submit(gate, "twice")  # a second submit while busy is ignored
    dialog.reject()
    assert dialog.isVisible()  # the result must reach an open dialog
    gate.set()
    qtbot.waitUntil(lambda: dialog.results == ["done"])
    assert not dialog.busy and dialog.buttons.isEnabled() and dialog.field.isEnabled()

    with qtbot.waitSignal(dialog.failed) as failed:
        dialog.submit(gate, InvalidInput("错误。", "Wrong."))
    assert failed.args == ["错误。"] and dialog.error.text() == "错误。"  # in the UI language
    assert not dialog.busy and dialog.buttons.isEnabled()
    shell.jobs.shutdown(5_000)
    shell.language.uninstall()
