"""Showing a one-time temporary password, once, with a copy button whose copy is cleared again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.form_parts import monospace_font
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell


class TempPasswordDialog(Retranslating, QDialog):
    def __init__(self, shell: Shell, username: str, password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.username = username
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(440)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.password_label = QLabel(password)
        self.password_label.setFont(monospace_font(6))
        self.password_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password_label.setStyleSheet("padding: 10px; border: 1px solid palette(mid);")
        self.copied = QLabel()
        self.copied.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton()
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.password_label)
        layout.addWidget(self.copied)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("One-time password"))
        self.intro.setText(
            self.tr(
                "The one-time password for %1 is below. It is shown only this once: give it to the "
                "person directly. They must choose their own password when they first sign in."
            ).replace("%1", self.username)
        )
        self.copy_button.setText(self.tr("&Copy"))
        seconds = self.shell.signed_in().policy.reveal_seconds
        self.copied.setText(self.tr("Copied. The clipboard is cleared in %n second(s).", "", seconds))

    def password_text(self) -> str:
        return self.password_label.text()

    def copy(self) -> None:
        self.shell.clipboard.copy(self.password_text(), self.shell.signed_in().policy.reveal_seconds)
        self.copied.setVisible(True)
