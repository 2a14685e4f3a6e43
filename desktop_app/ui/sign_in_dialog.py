"""The sign-in dialog: username, password, a Caps Lock hint, errors and lockouts in the UI language.

Signing in derives the key with Argon2id (about half a second), so it runs on the job runner;
the dialog only disables its inputs and shows a busy bar meanwhile. A member enrolled for
two-factor sign-in is then asked the 6-digit code of their authenticator in a second row (or a
recovery code: "Use a recovery code"); the password stays typed meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.caps_lock import CapsLockWatcher
from desktop_app.ui.form_parts import BusyBar, MessageLabel, password_field
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.language import CHINESE, ENGLISH
from desktop_app.ui.shell import Shell
from desktop_app.ui.sign_in_messages import caps_lock_hint, failure_text, missing_credentials

if TYPE_CHECKING:
    from desktop_app.services.context import AppContext
    from desktop_app.services.signed_in import SignedIn

# Language names are shown in their own language, whatever the UI language is.
LANGUAGE_NAMES = ((CHINESE, "中文"), (ENGLISH, "English"))


def _sign_in(ctx: AppContext, username: str, password: str, totp_code: str | None = None) -> SignedIn:
    """Imports the sign-in service on the worker: the window shows before the crypto libraries
    load (``Shell.warm_up``), and a quick first try must not load them on the GUI thread."""
    from desktop_app.services.sign_in import sign_in

    return sign_in(ctx, username, password, totp_code=totp_code)


class SignInDialog(JobDialog):
    """Emits ``signed_in`` once the session is open (``shell.signed_in()``)."""

    signed_in = Signal()

    def __init__(
        self, shell: Shell, *, username: str = "", message: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.setMinimumWidth(420)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.branch_label = QLabel(shell.branch_name())  # filled in once the context is loaded
        shell.context_ready.connect(self._context_ready)
        self.demo_label = QLabel()
        self.demo_label.setVisible(shell.demo)
        if shell.demo:  # a style sheet brings Qt's style-sheet machinery: only when it shows
            self.demo_label.setStyleSheet("color: #8a4b00; font-weight: bold;")

        self.username = QLineEdit(username)
        self.username.setMaxLength(32)
        self.password = password_field()
        self.caps_hint = MessageLabel()
        self.caps = CapsLockWatcher(self)
        self.caps.watch(self.password)
        self.caps.watch(self.username)
        self.caps.changed.connect(self._caps_changed)
        self.busy_bar = BusyBar()

        self.username_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        self.code = QLineEdit()
        self.code.setMaxLength(11)
        self.code_label = QLabel()
        self.code_label.setBuddy(self.code)
        self.recovery_toggle = QCheckBox()
        self.recovery_toggle.toggled.connect(self._recovery_toggled)
        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        form.addRow(self.code_label, self.code)
        form.addRow("", self.recovery_toggle)
        self._show_code_row(False)

        self.language_box = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(0 if shell.lang == CHINESE else 1)
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self.language_label = QLabel()

        # Plain buttons rather than a QDialogButtonBox: its enums cost start-up time.
        self.sign_in_button = QPushButton()
        self.quit_button = QPushButton()
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        self.buttons = self.sign_in_button  # disabled while signing in
        self.quit_button.clicked.connect(self.reject)

        bottom = QHBoxLayout()
        bottom.addWidget(self.language_label)
        bottom.addWidget(self.language_box)
        bottom.addStretch(1)
        bottom.addWidget(self.sign_in_button)
        bottom.addWidget(self.quit_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.branch_label)
        layout.addWidget(self.demo_label)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.caps_hint)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addStretch(1)
        layout.addLayout(bottom)

        self.retranslate()
        if message:
            self.error.show_error(message)
        (self.password if username else self.username).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("BranchVault — Sign in"))
        self.heading.setText(self.tr("Sign in to BranchVault"))
        self.demo_label.setText(self.tr("Demo profile — sample data only"))
        self.username_label.setText(self.tr("&Username:"))
        self.password_label.setText(self.tr("&Password:"))
        self.recovery_toggle.setText(self.tr("Use a &recovery code"))
        self._recovery_toggled(self.recovery_toggle.isChecked())
        self.language_label.setText(self.tr("Language:"))
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.quit_button.setText(self.tr("&Quit"))
        if self.caps.suspected:
            self.caps_hint.show_error(caps_lock_hint())

    def _show_code_row(self, shown: bool) -> None:
        self.asking_code = shown
        for widget in (self.code_label, self.code, self.recovery_toggle):
            widget.setVisible(shown)

    def _recovery_toggled(self, recovery: bool) -> None:
        if recovery:
            self.code_label.setText(self.tr("Recovery &code:"))
            self.code.setPlaceholderText("XXXXX-XXXXX")
        else:
            self.code_label.setText(self.tr("Authenticator &code:"))
            self.code.setPlaceholderText(self.tr("6 digits"))

    def _context_ready(self) -> None:
        self.branch_label.setText(self.shell.branch_name())

    def _caps_changed(self, on: bool) -> None:
        if on:
            self.caps_hint.show_error(caps_lock_hint())
        else:
            self.caps_hint.clear_message()

    def _language_chosen(self, index: int) -> None:
        code = self.language_box.itemData(index)
        if code and code != self.shell.lang:
            self.shell.language.switch(str(code))

    def submit(self) -> None:
        if self.busy:
            return
        username = self.username.text().strip()
        password = self.password.text()
        if not username or not password:
            self.error.show_error(missing_credentials())
            return
        code = self.code.text().strip() if self.asking_code else None
        self.run_job(_sign_in, username, password, code or None)

    def inputs(self) -> Sequence[QWidget]:
        return (self.username, self.password, self.code, self.recovery_toggle, self.language_box)

    def succeeded(self, result: object) -> None:
        from desktop_app.services.signed_in import SignedIn

        if isinstance(result, SignedIn):
            self.shell.set_signed_in(result)
        self.password.clear()
        self.code.clear()
        self.signed_in.emit()

    def show_failure(self, exc: BaseException, text: str) -> None:
        from desktop_app.services.second_factor import SecondFactorRequired, WrongSecondFactor

        self.code.clear()
        if isinstance(exc, SecondFactorRequired | WrongSecondFactor):  # the password was right: kept
            self._show_code_row(True)
            self.error.show_error(failure_text(exc, self.shell.lang))
            self.code.setFocus()
            return
        self._show_code_row(False)
        self.password.clear()
        self.error.show_error(failure_text(exc, self.shell.lang))
        self.password.setFocus()
