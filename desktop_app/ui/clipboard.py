"""Putting secrets on the clipboard for a short time, and taking back only what we put there.

Like KeePassXC's clipboard helper: the copy carries the "do not record this" hints clipboard
managers honour (KDE, Windows, macOS), is cleared after a countdown, and ``clear_if_ours`` clears
the clipboard only when it still holds the text we copied, never something the user copied since.

The guard never keeps the copied text: only an HMAC of it under a random key made for this process,
enough to recognise our copy on the clipboard. When the countdown ends the guard forgets even that,
whether or not the clipboard still held our copy.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication

_SECRET_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"\x01\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\x00\x00\x00\x00",
    "org.nspasteboard.ConcealedType": b"",
}
_DIGEST_KEY = secrets.token_bytes(32)


def clipboard_digest(text: str) -> bytes:
    """What the guard keeps instead of ``text``: HMAC-SHA-256 under this process's random key."""
    return hmac.new(_DIGEST_KEY, text.encode("utf-8"), hashlib.sha256).digest()


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._digest: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)

    @property
    def holds_copy(self) -> bool:
        """Whether a copy of ours may still be on the clipboard (its countdown has not ended)."""
        return self._digest is not None

    def copy(self, text: str, clear_after_seconds: float) -> None:
        """Put ``text`` on the clipboard; after ``clear_after_seconds`` (if > 0) clear it if it is
        still there. A new copy replaces the previous one and restarts the countdown."""
        mime = QMimeData()
        mime.setText(text)
        for fmt, value in _SECRET_HINTS.items():
            mime.setData(fmt, QByteArray(value))
        QGuiApplication.clipboard().setMimeData(mime)
        self._digest = clipboard_digest(text)
        if clear_after_seconds > 0:
            self._timer.start(max(1, int(clear_after_seconds * 1000)))
        else:
            self._timer.stop()

    def clear_if_ours(self) -> bool:
        """Clear the clipboard if it still holds our copy, and forget the copy either way.
        Returns whether the clipboard was cleared."""
        self._timer.stop()
        digest, self._digest = self._digest, None
        if digest is None:
            return False
        clipboard = QGuiApplication.clipboard()
        if not hmac.compare_digest(clipboard_digest(clipboard.text()), digest):
            return False
        clipboard.clear()
        return True
