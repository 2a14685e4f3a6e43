"""Copying a revealed client value: on the clipboard with the "do not record" hints, and taken
back after a delay only if the clipboard still holds exactly that value.

The countdown lives on the shell's ClipboardGuard (not on the dialog), so closing the detail page
does not leave the value on the clipboard for good. Only a SHA-256 digest of the value is kept
for the comparison, never the value itself.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from desktop_app.ui.shell import Shell


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def copy_secret(shell: Shell, text: str, clear_after_seconds: float) -> None:
    """Put ``text`` on the clipboard; after ``clear_after_seconds`` clear it if it is still there."""
    guard = shell.clipboard
    guard.copy(text, 0)  # our own timer below: the guard counts whole seconds only
    digest = _digest(text)

    def clear_if_unchanged() -> None:
        if guard.holds_copy and _digest(QGuiApplication.clipboard().text()) == digest:
            guard.clear_if_ours()

    QTimer.singleShot(max(1, int(clear_after_seconds * 1000)), guard, clear_if_unchanged)
