"""The app's own integrity checks while a GUI session is open (services/integrity_schedule.py).

At the session's start it takes the markers of GUI sessions that ended uncleanly and puts down its
own (store/run_marker.py); after an unclean end it runs the check straight away. Then every
``TICK_MS`` it asks (one small query on the database lane) whether ``integrity_check_hours`` have
passed since the last check, and runs it when they have. A failed check shows a warning to whoever is
signed in (what to do: tell IT); the ``integrity_failure`` alert reaches managers and auditors. The
controller stops it at the session's clean end (sign-out, user switch, quit), which removes the
marker.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.integrity_check import IntegrityReport
    from desktop_app.services.signed_in import SignedIn

log = logging.getLogger(__name__)
TICK_MS = 10 * 60 * 1000  # how often "is a check due?" is asked; the policy's hours decide


def _run_if_due(me: SignedIn, unclean: bool) -> IntegrityReport | None:
    from desktop_app.services.integrity_schedule import run_if_due

    return run_if_due(me, after_unclean_shutdown=unclean)


class IntegrityRunner(QObject):
    """``checked(report)`` after each run the app made by itself (tests wait on it)."""

    checked = Signal(object)

    def __init__(self, shell: Shell, window: QWidget) -> None:
        super().__init__(window)
        self.shell = shell
        self.window = window
        self.remove_marker: Callable[[], None] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        from desktop_app.services.integrity_schedule import start_gui_session

        unclean = False
        try:
            self.remove_marker, unclean = start_gui_session(self.shell.signed_in())
        except OSError:  # a read-only data folder: the session itself reports that
            log.warning("could not write the session marker", exc_info=True)
        self.timer.start()
        if unclean:
            self.run(unclean=True)

    def tick(self) -> None:
        self.run(unclean=False)

    def run(self, *, unclean: bool) -> None:
        self.shell.call(_run_if_due, unclean, on_ok=self._done, on_error=self._failed, owner=self)

    def _done(self, result: object) -> None:
        report = cast("IntegrityReport | None", result)
        if report is None:
            return
        self.checked.emit(report)
        if not report.ok:
            self._warn(report)

    def _failed(self, exc: BaseException) -> None:
        log.error("integrity check could not run", exc_info=exc)

    def _warn(self, report: IntegrityReport) -> None:
        from desktop_app.ui import dialogs

        zh = self.shell.lang.startswith("zh")
        found = "\n".join(f"• {p.zh if zh else p.en}" for p in report.problems)
        dialogs.warning(
            self.window,
            self.tr("Database integrity check failed"),
            self.tr(
                "The app's integrity check found damage in the branch's data:\n%1\n\n"
                "Tell IT now. Keep working only if IT says so: IT restores the latest verified backup."
            ).replace("%1", found),
        )

    def stop(self) -> None:
        """The session's clean end: no more checks, the marker removed."""
        self.timer.stop()
        remove, self.remove_marker = self.remove_marker, None
        if remove is not None:
            with contextlib.suppress(OSError):
                remove()


def start_integrity_runner(shell: Shell, window: QWidget) -> IntegrityRunner:
    """Called by the controller when a session's main window shows (ui/app_controller.py)."""
    runner = IntegrityRunner(shell, window)
    runner.start()
    return runner


def stop_integrity_runner(window: QWidget) -> None:
    """Called by the controller when the session's main window closes cleanly."""
    for runner in window.findChildren(IntegrityRunner):
        runner.stop()
