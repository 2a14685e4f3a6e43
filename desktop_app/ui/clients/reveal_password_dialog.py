"""Entering one's password again before a reveal, when it was last entered more than
``reauth_minutes`` ago (ASVS 3.7.1). Checked on the database lane by ``sign_in.verify_password``, which
counts failures towards the lockout; on success ``confirmed`` is emitted and the reveal is retried."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.ui.form_parts import BusyBar, password_field
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


class RevealPasswordDialog(JobDialog):
    confirmed = Signal()

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.minutes = shell.signed_in().policy.reauth_minutes
        self.setMinimumWidth(380)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.password = password_field()
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(self.password_label, self.password)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.password.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text) and not self.busy)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Confirm your password"))
        self.intro.setText(
            self.tr(
                "You last entered your password more than %1 minutes ago. Enter it again before "
                "revealing personal data."
            ).replace("%1", str(self.minutes))
        )
        self.password_label.setText(self.tr("&Password:"))
        self.ok_button.setText(self.tr("&Confirm"))

    def submit(self) -> None:
        from desktop_app.services.sign_in import verify_password

        password = self.password.text()
        if password:
            self.run_job(verify_password, password)

    def inputs(self) -> Sequence[QWidget]:
        return (self.password,)

    def succeeded(self, result: object) -> None:
        self.password.clear()
        self.accept()
        self.confirmed.emit()

    def show_failure(self, exc: BaseException, text: str) -> None:
        self.password.clear()
        self.password.setFocus()
        self.error.show_error(text)

    def reject(self) -> None:
        if not self.busy:
            self.password.clear()
            super().reject()
