"""Wizard page 2: who the privacy notice and every consent form name — the company (the processor)
and headquarters (the recipient of client data), each with a privacy contact. All four are required.

Reason: PIPL Art. 17 requires the notice to name the processor and how to reach it, Art. 23 the
recipient and its contact; the app never prints a form with a blank in it, so a branch set up
without them could not take a single consent. IT changes them later with ``branchvault config set``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWizardPage

from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop_app.services.branch_setup import BranchDetails

NAME_MAX, CONTACT_MAX = 100, 200  # as in the provisioning file (domain/machine_config.py)


class NoticePage(Retranslating, QWizardPage):
    def __init__(self, shell: Shell, details: Callable[[], BranchDetails]) -> None:
        super().__init__()
        self.shell = shell
        self._details = details
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.company = QLineEdit()
        self.company.setMaxLength(NAME_MAX)
        self.company_contact = QLineEdit()
        self.company_contact.setMaxLength(CONTACT_MAX)
        self.hq_name = QLineEdit()
        self.hq_name.setMaxLength(NAME_MAX)
        self.hq_contact = QLineEdit()
        self.hq_contact.setMaxLength(CONTACT_MAX)
        self.fields = (self.company, self.company_contact, self.hq_name, self.hq_contact)
        self.labels = [QLabel() for _ in self.fields]
        form = QFormLayout()
        for label, field in zip(self.labels, self.fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
            field.textChanged.connect(self.completeChanged)
        self.error = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Named in the privacy notice"))
        self.setSubTitle(self.tr("Every consent form and privacy notice names these. All four are required."))
        self.explanation.setText(
            self.tr(
                "The law on personal information (PIPL Art. 17 and 23) requires the notice clients sign to "
                "name the company that handles their data and the headquarters that receives it, each with a "
                "contact for privacy requests. No consent form can be printed without them; IT can change "
                "them later."
            )
        )
        texts = (
            self.tr("Company na&me:"),
            self.tr("Company privacy &contact:"),
            self.tr("&Headquarters name:"),
            self.tr("Headquarters privacy c&ontact:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.company.setPlaceholderText(self.tr("the company that runs this branch"))
        self.company_contact.setPlaceholderText(self.tr("phone or e-mail for privacy requests"))
        self.hq_name.setPlaceholderText(self.tr("the headquarters that receives client data"))
        self.hq_contact.setPlaceholderText(self.tr("phone or e-mail of headquarters' privacy contact"))

    def isComplete(self) -> bool:
        from desktop_app.domain.privacy_notice import missing_notice_details

        return not missing_notice_details(self.values())

    def values(self) -> dict[str, str]:
        return {
            "company_name": self.company.text(),
            "company_contact": self.company_contact.text(),
            "hq_name": self.hq_name.text(),
            "hq_contact": self.hq_contact.text(),
        }

    def validatePage(self) -> bool:
        from desktop_app.domain.errors import BranchVaultError
        from desktop_app.services.branch_setup import validate_branch

        try:
            validate_branch(self._details())
        except BranchVaultError as exc:
            self.error.show_error(self.shell.error_text(exc))
            return False
        self.error.clear_message()
        return True
