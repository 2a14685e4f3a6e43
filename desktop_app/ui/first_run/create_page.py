"""Last wizard page: calibrate the KDF and create the branch off the GUI thread, then show the
recovery code once. Finish stays disabled until "I have stored it" is ticked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget, QWizardPage

from desktop_app.ui.form_parts import BusyBar, MessageLabel, monospace_font
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.kdf_params import KdfParams
    from desktop_app.services.branch_setup import BranchDetails, InitResult
    from desktop_app.services.context import AppContext


@dataclass(frozen=True)
class SetupRequest:
    details: BranchDetails
    admin_username: str
    admin_display_name: str
    admin_password: str = ""
    use_keyring: bool = True
    kdf: KdfParams | None = None


def create_branch(ctx: AppContext, request: SetupRequest) -> InitResult:
    """On the database lane: init_branch calibrates Argon2id first when no parameters are given."""
    from desktop_app.services.branch_setup import init_branch

    return init_branch(
        ctx,
        request.details,
        admin_username=request.admin_username,
        admin_display_name=request.admin_display_name,
        admin_password=request.admin_password,
        use_keyring=request.use_keyring,
        kdf=request.kdf,
    )


class CreatePage(Retranslating, QWizardPage):
    """``created`` is emitted when the branch exists (the admin is then signed in)."""

    created = Signal()

    def __init__(self, shell: Shell, request: Callable[[], SetupRequest]) -> None:
        super().__init__()
        self.shell = shell
        self.request = request
        self.busy = False
        self.done = False
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.busy_bar = BusyBar()
        self.error = MessageLabel()
        self.back_button = QPushButton()
        self.back_button.setVisible(False)
        self.back_button.clicked.connect(self._go_back)
        self.code_intro = QLabel()
        self.code_intro.setWordWrap(True)
        self.code_label = QLabel()
        self.code_label.setFont(monospace_font(6))
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setStyleSheet("padding: 12px; border: 1px solid palette(mid);")
        self.stored = QCheckBox()
        self.stored.toggled.connect(self.completeChanged)
        for widget in (self.code_intro, self.code_label, self.stored):
            widget.setVisible(False)
        layout = QVBoxLayout(self)
        parts: tuple[QWidget, ...] = (
            self.status,
            self.busy_bar,
            self.error,
            self.back_button,
            self.code_intro,
            self.code_label,
            self.stored,
        )
        for part in parts:
            layout.addWidget(part)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Creating the branch"))
        if self.done:
            self.status.setText(self.tr("The branch is ready."))
        elif self.busy:
            self.status.setText(self._busy_text())
        self.back_button.setText(self.tr("Go &back and correct"))
        self.code_intro.setText(
            self.tr(
                "This is the branch recovery code. It restores access if every IT administrator "
                "password or this PC's keyring is lost. Write it down or print it and lock it in the "
                "branch safe. It is shown only this once."
            )
        )
        self.stored.setText(self.tr("I have stored it safely"))

    def _busy_text(self) -> str:
        return self.tr(
            "Measuring this PC's speed for the key derivation and creating the encrypted database. "
            "This takes a few seconds…"
        )

    def initializePage(self) -> None:
        if self.busy or self.done:
            return
        self.busy = True
        self.error.clear_message()
        self.back_button.setVisible(False)
        self.status.setText(self._busy_text())
        self.busy_bar.setVisible(True)
        self.shell.call(
            create_branch, self.request(), on_ok=self._succeeded, on_error=self._failed, owner=self
        )

    def _succeeded(self, result: object) -> None:
        from desktop_app.domain.recovery_code import format_code
        from desktop_app.services.branch_setup import InitResult

        if isinstance(result, InitResult):
            self.shell.set_signed_in(result.signed_in)

        self.busy = False
        self.done = True
        self.busy_bar.setVisible(False)
        self.status.setText(self.tr("The branch is ready."))
        self.code_label.setText(format_code(getattr(result, "recovery_code", "")))
        for widget in (self.code_intro, self.code_label, self.stored):
            widget.setVisible(True)
        self.completeChanged.emit()
        self.created.emit()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.busy_bar.setVisible(False)
        self.status.setText(self.tr("The branch was not created."))
        self.error.show_error(self.shell.error_text(exc))
        self.back_button.setVisible(True)

    def _go_back(self) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.back()

    def recovery_code_text(self) -> str:
        return self.code_label.text()

    def isComplete(self) -> bool:
        return self.done and self.stored.isChecked()
