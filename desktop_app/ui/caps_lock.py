"""Guessing that Caps Lock is on from the letters typed (Qt has no portable Caps Lock query).

A letter typed upper-case without Shift, or lower-case with Shift, means Caps Lock is on; a letter
typed the normal way means it is off; other keys (digits, symbols, IME input) say nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal


def caps_lock_suspected(text: str, shift: bool) -> bool | None:
    """True/False when ``text`` (one typed character) tells us Caps Lock's state, else None."""
    if len(text) != 1 or text.upper() == text.lower():
        return None
    return text.isupper() != shift


class CapsLockWatcher(QObject):
    """Watches key presses on the widgets given to ``watch`` and emits ``changed`` on a new guess."""

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.suspected = False

    def watch(self, widget: QObject) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            from PySide6.QtCore import Qt  # not at import: the Qt namespace costs start-up time

            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
            guess = caps_lock_suspected(event.text(), shift)  # type: ignore[attr-defined]
            if guess is not None and guess != self.suspected:
                self.suspected = guess
                self.changed.emit(guess)
        return False
