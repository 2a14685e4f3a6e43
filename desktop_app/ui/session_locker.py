"""Locking the session: on idle timeout or "Lock now", close open dialogs and menus, clear our
clipboard copy, cancel the background jobs (they stop at their next safe point), swap the main
window's content for the lock screen, and lock the data: the database is closed and the session's
keys dropped (as KeePassXC does). Unlocking derives them again from the password
(services/sign_in.py ``unlock_session``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog

from desktop_app.ui.inactivity import InactivityTimer
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.shell import Shell


def close_transient_windows() -> int:
    """Close open popups and every visible dialog (modal or not). Returns how many dialogs closed."""
    popup = QApplication.activePopupWidget()
    while popup is not None:
        popup.close()
        next_popup = QApplication.activePopupWidget()
        if next_popup is popup:
            break
        popup = next_popup
    closed = 0
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(QDialog.DialogCode.Rejected)  # done(), not reject(): busy dialogs may refuse that
            closed += 1
    return closed


class SessionLocker(QObject):
    locked = Signal()
    unlocked = Signal()

    def __init__(self, shell: Shell, window: MainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.window = window
        self.timer = InactivityTimer(self)
        self.timer.inactive.connect(self.lock)
        window.lock_requested.connect(self.lock)
        window.lock_screen.unlocked.connect(self.unlock)

    def start(self) -> None:
        self.timer.activate(self.shell.idle_interval_ms())

    def stop(self) -> None:
        self.timer.deactivate()

    def lock(self) -> None:
        if self.window.locked:
            return
        self.timer.deactivate()
        self.shell.jobs.cancel_all()  # long work stops at its next safe point (nothing half-written)
        self.shell.lock_state.lock()
        close_transient_windows()
        self.shell.clipboard.clear_if_ours()
        self.window.lock()
        me = self.shell.existing_signed_in()
        if me is not None:
            from desktop_app.services.sign_in import lock

            # on the database lane, after the job in progress: closed on the thread that uses it
            self.shell.call(lock, owner=self)
        self.locked.emit()

    def unlock(self) -> None:
        self.window.unlock()
        self.shell.lock_state.unlock()
        self.start()
        self.unlocked.emit()
