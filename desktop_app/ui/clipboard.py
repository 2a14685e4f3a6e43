"""Putting secrets on the clipboard for a short time, and taking back only what we put there.

Like KeePassXC's clipboard helper: the copy carries the "do not record this" hints clipboard
managers honour (KDE, Windows, macOS), is cleared after a countdown, and ``clear_if_ours`` clears
the clipboard only when it still holds the text we copied, never something the user copied since.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication

_SECRET_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"\x01\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\x00\x00\x00\x00",
    "org.nspasteboard.ConcealedType": b"",
}


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._copied: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)

    @property
    def holds_copy(self) -> bool:
        return self._copied is not None

    def copy(self, text: str, clear_after_seconds: int) -> None:
        mime = QMimeData()
        mime.setText(text)
        for fmt, value in _SECRET_HINTS.items():
            mime.setData(fmt, QByteArray(value))
        QGuiApplication.clipboard().setMimeData(mime)
        self._copied = text
        if clear_after_seconds > 0:
            self._timer.start(clear_after_seconds * 1000)

    def clear_if_ours(self) -> bool:
        """Clear the clipboard if it still holds our copy. Returns whether it was cleared."""
        self._timer.stop()
        copied, self._copied = self._copied, None
        if copied is None:
            return False
        clipboard = QGuiApplication.clipboard()
        if clipboard.text() != copied:
            return False
        clipboard.clear()
        return True
