"""The idle timer: an app-wide event filter restarting a single-shot timer (as KeePassXC does).

Key presses, mouse clicks and wheel turns anywhere in the application count as activity. When
the timer runs out, ``inactive`` is emitted once; the owner locks and later calls ``activate``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class InactivityTimer(QObject):
    inactive = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self._active = False

    @property
    def active(self) -> bool:
        return self._active

    def activate(self, interval_ms: int) -> None:
        app = QCoreApplication.instance()
        if not self._active and app is not None:
            app.installEventFilter(self)
        self._active = True
        self._timer.start(max(1, interval_ms))

    def deactivate(self) -> None:
        app = QCoreApplication.instance()
        if self._active and app is not None:
            app.removeEventFilter(self)
        self._active = False
        self._timer.stop()

    def remaining_ms(self) -> int:
        return self._timer.remainingTime()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._active and event.type() in ACTIVITY_EVENTS:
            self._timer.start()
        return False

    def _timed_out(self) -> None:
        if self._active:
            self.deactivate()
            self.inactive.emit()
