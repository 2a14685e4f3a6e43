"""The bulk-reveal guard has stopped reveals for this user: a branch manager signs in on the same
screen (username and password) to allow more, through ``client_reveal.allow_bulk_reveals`` on the
database lane. The manager's session is never opened here; the signed-in user stays signed in. Emits
``allowed`` when the override is granted (audited with the manager as actor)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.form_parts import BusyBar, password_field
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


class ManagerOverrideDialog(JobDialog):
    allowed = Signal()

    def __init__(
        self, shell: Shell, for_username: str, blocked_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.for_username = for_username
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
        from desktop_app.services.client_reveal import allow_bulk_reveals

        manager, password = self.username.text().strip(), self.password.text()
        if manager and password:
            self.run_job(allow_bulk_reveals, manager, password, self.for_username)

    def inputs(self) -> Sequence[QWidget]:
        return (self.username, self.password)

    def succeeded(self, result: object) -> None:
        self.password.clear()
        self.accept()
        self.allowed.emit()

    def show_failure(self, exc: BaseException, text: str) -> None:
        self.password.clear()
        self.password.setFocus()
        self.error.show_error(text)

    def reject(self) -> None:
        if not self.busy:
            self.password.clear()
            super().reject()
