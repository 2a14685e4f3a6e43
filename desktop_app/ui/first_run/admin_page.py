"""Wizard page 2: the first IT administrator, with live feedback on the password rules."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage

from desktop_app.domain.errors import BranchVaultError
from desktop_app.ui.form_parts import MessageLabel, password_field
from desktop_app.ui.password_feedback import PasswordFeedback
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

USERNAME_SHAPE = re.compile(r"^[a-z][a-z0-9._-]{2,31}$")  # mirrors services.staff_accounts


class FirstAdminPage(Retranslating, QWizardPage):
    def __init__(self, shell: Shell, *, last_before_create: bool) -> None:
        super().__init__()
        self.shell = shell
        self.last_before_create = last_before_create
        self.username = QLineEdit()
        self.username.setMaxLength(32)
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(40)
        self.password = password_field()
        self.repeat = password_field()
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(
            self.labels, (self.username, self.display_name, self.password, self.repeat), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.feedback = PasswordFeedback(shell.context().policy, shell.lang)
        shell.language.changed.connect(self.feedback.set_language)
        self.error = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(self.error)
        layout.addStretch(1)
        for field in (self.username, self.password, self.repeat):
            field.textChanged.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("First IT administrator"))
        self.setSubTitle(
            self.tr("This account manages staff accounts and keys. It cannot read client records.")
        )
        texts = (
            self.tr("&Username:"),
            self.tr("&Display name:"),
            self.tr("&Password:"),
            self.tr("&Repeat password:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.username.setPlaceholderText(self.tr("lower-case letters and digits, e.g. it.wang"))
        if self.last_before_create:
            self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Create branch"))

    def _changed(self) -> None:
        self.feedback.update_feedback(self.password.text(), self.repeat.text(), self.username.text().strip())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(USERNAME_SHAPE.match(self.username.text().strip())) and self.feedback.acceptable

    def validatePage(self) -> bool:
        from desktop_app.services.staff_accounts import validate_display_name, validate_username

        try:
            validate_username(self.username.text().strip())
            validate_display_name(self.display_name.text() or self.username.text())
        except BranchVaultError as exc:
            self.error.show_error(self.shell.error_text(exc))
            return False
        self.error.clear_message()
        return True
