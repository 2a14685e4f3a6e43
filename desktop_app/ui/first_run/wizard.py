"""The first-run wizard: branch details, the company and headquarters the privacy notice names,
first IT administrator, keyring consent when needed,
then the branch is created and its recovery code shown once.

Pass ``kdf`` to skip the Argon2id calibration (tests); pass ``keyring`` to override the keyring
check (tests). After ``completed`` the new administrator is signed in on the shell's context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from desktop_app.ui.first_run.admin_page import FirstAdminPage
from desktop_app.ui.first_run.branch_page import BranchPage
from desktop_app.ui.first_run.create_page import CreatePage, SetupRequest
from desktop_app.ui.first_run.keyring_page import KeyringPage
from desktop_app.ui.first_run.notice_page import NoticePage
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.kdf_params import KdfParams
    from desktop_app.domain.keyring_status import KeyringStatus
    from desktop_app.services.branch_setup import BranchDetails

BRANCH, NOTICE, ADMIN, KEYRING, CREATE = range(5)


class FirstRunWizard(Retranslating, QWizard):
    completed = Signal()

    def __init__(
        self,
        shell: Shell,
        *,
        kdf: KdfParams | None = None,
        keyring: KeyringStatus | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.shell = shell
        self.kdf = kdf
        status = keyring or shell.context().secrets.status()
        self.keyring_usable = status.usable
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(640, 480)
        self.branch_page = BranchPage(shell)
        self.notice_page = NoticePage(shell, self.branch_details)
        self.admin_page = FirstAdminPage(shell, last_before_create=self.keyring_usable)
        self.keyring_page = KeyringPage(status.backend, status.reason)
        self.create_page = CreatePage(shell, self.setup_request)
        self.setPage(BRANCH, self.branch_page)
        self.setPage(NOTICE, self.notice_page)
        self.setPage(ADMIN, self.admin_page)
        self.setPage(KEYRING, self.keyring_page)
        self.setPage(CREATE, self.create_page)
        self.setStartId(BRANCH)
        self.create_page.created.connect(self._created)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("BranchVault — First-time setup"))

    def nextId(self) -> int:
        current = self.currentId()
        if current == BRANCH:
            return NOTICE
        if current == NOTICE:
            return ADMIN
        if current == ADMIN:
            return CREATE if self.keyring_usable else KEYRING
        if current == KEYRING:
            return CREATE
        return -1

    def branch_details(self) -> BranchDetails:
        """What the branch and notice pages hold, as ``init_branch`` takes it."""
        from dataclasses import replace

        return replace(self.branch_page.details(), **self.notice_page.values())

    def setup_request(self) -> SetupRequest:
        admin = self.admin_page
        return SetupRequest(
            details=self.branch_details(),
            admin_username=admin.username.text().strip(),
            admin_display_name=admin.display_name.text().strip() or admin.username.text().strip(),
            admin_password=admin.password.text(),
            use_keyring=self.keyring_usable,
            kdf=self.kdf,
        )

    def _created(self) -> None:
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        for field in (self.admin_page.password, self.admin_page.repeat):
            field.clear()
        self.shell.language.save()  # the data directory exists now

    def reject(self) -> None:
        if self.create_page.busy or self.create_page.done:
            return  # creating, or created: the recovery code must be acknowledged
        super().reject()

    def accept(self) -> None:
        if not self.create_page.isComplete():
            return
        super().accept()
        self.completed.emit()
