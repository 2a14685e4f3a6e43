"""Small pieces every form uses: an error line, a busy bar, a password field, a monospace font."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

ERROR_STYLE = "color: #b3261e;"
OK_STYLE = "color: #1b6e20;"
WARNING_STYLE = "color: #ffffff; background: #b3261e; padding: 2px 6px; font-weight: bold;"


class MessageLabel(QLabel):
    """A word-wrapped line that hides itself when empty; ``show_error`` / ``show_ok`` set the colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        self._show(text, ERROR_STYLE)

    def show_ok(self, text: str) -> None:
        self._show(text, OK_STYLE)

    def show_info(self, text: str) -> None:
        self._show(text, "")

    def clear_message(self) -> None:
        self.setText("")
        self.setVisible(False)

    def _show(self, text: str, style: str) -> None:
        self.setStyleSheet(style)
        self.setText(text)
        self.setVisible(bool(text))


class BusyBar(QProgressBar):
    """An indeterminate progress bar shown while a background job runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 0)
        self.setTextVisible(False)
        self.setMaximumHeight(8)
        self.setVisible(False)


def password_field(parent: QWidget | None = None) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(256)
    return field


def monospace_font(point_delta: int = 0) -> QFont:
    from PySide6.QtGui import QFontDatabase  # not at import: the sign-in window does without it

    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if point_delta and font.pointSize() > 0:
        font.setPointSize(font.pointSize() + point_delta)
    return font
