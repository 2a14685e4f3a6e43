"""The bulk-reveal guard has stopped reveals for this user: a branch manager signs in on the same
screen (username and password) to allow more, through ``client_reveal.allow_bulk_reveals`` on the
worker. The manager's session is never opened here; the signed-in user stays signed in. Emits
``allowed`` when the override is granted (audited with the manager as actor)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.form_parts import BusyBar, MessageLabel, password_field
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell


def _allow(shell: Shell, manager: str, password: str, for_username: str) -> float:
    from desktop_app.services.client_reveal import allow_bulk_reveals

    return allow_bulk_reveals(shell.signed_in(), manager, password, for_username)


class ManagerOverrideDialog(Retranslating, QDialog):
    allowed = Signal()

    def __init__(
        self, shell: Shell, for_username: str, blocked_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.shell = shell
        self.for_username = for_username
        self.busy = False
        self.setMinimumWidth(420)
        self.blocked = QLabel(blocked_text)
        self.blocked.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.password = password_field()
        self.labels = [QLabel(), QLabel()]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.username, self.password), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.error = MessageLabel()
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for field in (self.username, self.password):
            field.textChanged.connect(self._inputs_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.blocked)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Manager approval"))
        self.intro.setText(
            self.tr("A branch manager can allow more reveals by signing in here. You stay signed in.")
        )
        self.labels[0].setText(self.tr("Manager &username:"))
        self.labels[1].setText(self.tr("Manager &password:"))
        self.ok_button.setText(self.tr("&Allow"))

    def _inputs_changed(self) -> None:
        self.ok_button.setEnabled(
            bool(self.username.text().strip() and self.password.text()) and not self.busy
        )

    def submit(self) -> None:
        manager, password = self.username.text().strip(), self.password.text()
        if self.busy or not manager or not password:
            return
        self._set_busy(True)
        self.error.clear_message()
        shell, for_username = self.shell, self.for_username
        shell.jobs.run(
            lambda: _allow(shell, manager, password, for_username), self._succeeded, self._failed, owner=self
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        for widget in (self.username, self.password, self.buttons):
            widget.setEnabled(not busy)

    def _succeeded(self, _result: object) -> None:
        self._set_busy(False)
        self.password.clear()
        self.accept()
        self.allowed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        self.password.setFocus()
        self.error.show_error(self.shell.error_text(exc))

    def reject(self) -> None:
        if not self.busy:
            self.password.clear()
            super().reject()
