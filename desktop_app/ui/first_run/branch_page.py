"""Wizard page 1: the branch, and the language of the wizard itself (the company and headquarters
named in the privacy notice are on the next page, notice_page.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWizardPage

from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.language import CHINESE
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell
from desktop_app.ui.sign_in_dialog import LANGUAGE_NAMES

if TYPE_CHECKING:
    from desktop_app.services.branch_setup import BranchDetails


class BranchPage(Retranslating, QWizardPage):
    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.code = QLineEdit()
        self.code.setMaxLength(16)
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.language_box = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(0 if shell.lang == CHINESE else 1)
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.code, self.name, self.language_box), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.error = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.code.textChanged.connect(self.completeChanged)
        self.name.textChanged.connect(self.completeChanged)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Set up this branch"))
        self.setSubTitle(
            self.tr("BranchVault keeps this branch's client records in an encrypted database on this PC.")
        )
        texts = (
            self.tr("Branch &code:"),
            self.tr("Branch &name:"),
            self.tr("&Language:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.code.setPlaceholderText(self.tr("e.g. SZ001"))

    def _language_chosen(self, index: int) -> None:
        code = self.language_box.itemData(index)
        if code and code != self.shell.lang:
            self.shell.language.apply(str(code))

    def isComplete(self) -> bool:
        return bool(self.code.text().strip() and self.name.text().strip())

    def details(self) -> BranchDetails:
        from desktop_app.services.branch_setup import BranchDetails

        return BranchDetails(self.code.text(), self.name.text())

    def validatePage(self) -> bool:
        from desktop_app.domain.errors import BranchVaultError
        from desktop_app.services.branch_setup import validate_branch

        try:
            validate_branch(self.details())
        except BranchVaultError as exc:
            self.error.show_error(self.shell.error_text(exc))
            return False
        self.error.clear_message()
        return True
