"""The app's scheduled-backup timer and its banner: while anyone is signed in, the backup is taken
when due, in the background, and a failure is said in a banner (never a modal dialog).

Rule: every ``CHECK_SECONDS`` (and ``FIRST_CHECK_MS`` after sign-in) one pass of
``services/backup_schedule.timer_pass`` runs on the database lane through ``shell.call`` with
progress (so with the job's cancel token): it takes the backup when due and flags an overdue one.
Staff keep working — the copy holds the database's write lock only while the encrypted files are
copied (services/backups.py). A lock or a sign-out cancels the job at its next safe point (the
SessionLocker and the sign-out cancel every job); no pass starts while the session is locked. A
failed backup (USB disk unplugged, disk full) shows the banner; the next success hides it.
Reason: backups nobody has to remember (GB/T 22239-2019 8.1.4.9); staff are mid-conversation with a
client, so nothing pops up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.ui.count_banner import CountBanner
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from desktop_app.services.backup_schedule import TimerPass

CHECK_SECONDS = 60
FIRST_CHECK_MS = 5_000


class BackupFailedBanner(CountBanner):
    """Shown while the last scheduled backup failed; the button hides it."""

    STYLE = "background: #fde4e1; border: 1px solid #d98c84;"

    def __init__(self, parent: QObject | None = None) -> None:
        self.reason = ""
        super().__init__()
        self.open_requested.connect(lambda: self.set_count(0))

    def show_failure(self, reason: str) -> None:
        self.reason = reason
        self.set_count(1)

    def retranslate(self) -> None:
        self.button.setText(self.tr("Dismiss"))
        self.label.setText(
            self.tr(
                "The scheduled backup failed: %1 It will be tried again; tell IT or the manager."
            ).replace("%1", self.reason)
        )


class ScheduledBackups(QObject):
    """The timer: one pass a minute on the database lane (see the module's rules)."""

    passed = Signal(object)  # TimerPass
    progressed = Signal(int, int)

    def __init__(self, shell: Shell, banner: BackupFailedBanner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.banner = banner
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_SECONDS * 1000)
        self.timer.timeout.connect(self.check)

    def start(self, first_ms: int = FIRST_CHECK_MS) -> None:
        self.timer.start()
        QTimer.singleShot(first_ms, self, self.check)

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        me = self.shell.existing_signed_in()
        if self.running or me is None or not me.open or self.shell.lock_state.locked:
            return
        from desktop_app.services.backup_schedule import timer_pass

        self.running = True
        self.shell.call(
            timer_pass, on_ok=self._done, on_error=self._failed, owner=self, progress=self._progress
        )

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progressed.emit(done, total)

    def _done(self, result: TimerPass) -> None:
        self.running = False
        outcome = result.outcome
        if outcome is not None and not outcome.ok:
            self.banner.show_failure(
                outcome.error_zh if self.shell.lang.startswith("zh") else outcome.error_en
            )
        elif outcome is not None:
            self.banner.set_count(0)
        self.passed.emit(result)

    def _failed(self, _exc: BaseException) -> None:
        self.running = False  # cancelled by a lock or sign-out, or the session closed: next minute


def _show_progress(window: QMainWindow, runner: ScheduledBackups, done: int, total: int) -> None:
    percent = 100 * done // total if total else 0
    window.statusBar().showMessage(
        runner.tr("Scheduled backup in progress… %1%").replace("%1", str(percent)), 3000
    )


def start_backup_schedule(shell: Shell, window: QMainWindow) -> ScheduledBackups:
    """Called once the main window shows (ui/app_controller.show_main_window): the banner goes on top
    of the window's workspace, the timer lives (and dies) with the window."""
    banner = BackupFailedBanner()
    workspace = getattr(window, "workspace", None)
    layout = workspace.layout() if workspace is not None else None
    if layout is not None:
        layout.insertWidget(0, banner)
    runner = ScheduledBackups(shell, banner, window)
    runner.progressed.connect(lambda done, total: _show_progress(window, runner, done, total))
    window.scheduled_backups = runner  # type: ignore[attr-defined]
    runner.start()
    return runner
