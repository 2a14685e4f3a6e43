"""Setting up two-factor sign-in (services/second_factor.py): a QR code and the secret as text for
the authenticator app, the code it then shows to confirm, then the ten recovery codes, shown once,
closed only after "I have written them down".

Forced (the policy requires TOTP of this member and none is enrolled) it comes right after sign-in,
as the forced password change does, and the only other way out is signing out. From the Session
menu it shows the member's state and sets up a new authenticator (the old one stops working).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.qr_widget import QrCodeView
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.second_factor import PendingEnrolment, SecondFactorStatus


def _begin(ctx: object) -> tuple[SecondFactorStatus, PendingEnrolment]:
    from desktop_app.services import second_factor

    return second_factor.status(ctx), second_factor.start_enrolment(ctx)  # type: ignore[arg-type]


def _confirm(ctx: object, pending: PendingEnrolment, code: str) -> list[str]:
    from desktop_app.services import second_factor

    return second_factor.confirm_enrolment(ctx, pending, code)  # type: ignore[arg-type]


class SecondFactorDialog(JobDialog):
    """Emits ``enrolled`` once the recovery codes were acknowledged. ``forced``: Cancel = Sign out."""

    enrolled = Signal()

    def __init__(self, shell: Shell, *, forced: bool, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.forced = forced
        self.pending: PendingEnrolment | None = None
        self.status: SecondFactorStatus | None = None
        self.recovery_codes: list[str] = []
        self.setMinimumWidth(520)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.qr = QrCodeView()
        self.secret_label = QLabel()
        self.secret_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.secret_label.setFont(mono)
        self.secret_caption = QLabel()
        self.code = QLineEdit()
        self.code.setMaxLength(7)
        self.code.setInputMask("")
        self.code_label = QLabel()
        self.code_label.setBuddy(self.code)
        form = QFormLayout()
        form.addRow(self.secret_caption, self.secret_label)
        form.addRow(self.code_label, self.code)
        setup = QWidget()
        setup_layout = QVBoxLayout(setup)
        setup_layout.setContentsMargins(0, 0, 0, 0)
        setup_layout.addWidget(self.state_label)
        setup_layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        setup_layout.addLayout(form)

        self.codes_intro = QLabel()
        self.codes_intro.setWordWrap(True)
        self.codes_view = QPlainTextEdit()
        self.codes_view.setReadOnly(True)
        self.codes_view.setFont(mono)
        self.written_down = QCheckBox()
        self.written_down.toggled.connect(self._update_buttons)
        codes_page = QWidget()
        codes_layout = QVBoxLayout(codes_page)
        codes_layout.setContentsMargins(0, 0, 0, 0)
        codes_layout.addWidget(self.codes_intro)
        codes_layout.addWidget(self.codes_view)
        codes_layout.addWidget(self.written_down)

        self.pages = QStackedWidget()
        self.pages.addWidget(setup)
        self.pages.addWidget(codes_page)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.code.textChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.pages)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.run_job(_begin, then=self._begun)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Two-factor authentication"))
        if self.forced:
            self.intro.setText(
                self.tr(
                    "This branch requires you to sign in with a code from an authenticator app as well as "
                    "your password. Set it up now to continue."
                )
            )
        else:
            self.intro.setText(
                self.tr(
                    "Sign in with your password and a code from an authenticator app. Setting up a new "
                    "authenticator replaces the old one and its recovery codes."
                )
            )
        self.secret_caption.setText(self.tr("Secret:"))
        self.code_label.setText(self.tr("&Code shown by the app:"))
        self.codes_intro.setText(
            self.tr(
                "Your recovery codes. Each one signs you in once instead of a code, if your phone is lost. "
                "They are shown only now: write them down and keep them safe."
            )
        )
        self.written_down.setText(self.tr("I have &written them down"))
        self._show_state()
        self._update_buttons()

    def _show_state(self) -> None:
        status = self.status
        if status is None:
            self.state_label.clear()
            return
        if status.enrolled:
            text = self.tr("Set up on %1; %2 recovery codes left. Scan this to replace it:")
            text = text.replace("%1", status.enrolled_at[:10]).replace("%2", str(status.recovery_codes_left))
        else:
            text = self.tr("Scan this QR code with your authenticator app, or type the secret:")
        self.state_label.setText(text)

    def _update_buttons(self) -> None:
        on_codes = self.pages.currentIndex() == 1
        if on_codes:
            self.ok_button.setText(self.tr("&Done"))
            self.ok_button.setEnabled(not self.busy and self.written_down.isChecked())
            self.cancel_button.setVisible(False)
            return
        self.ok_button.setText(self.tr("&Confirm"))
        digits = "".join(self.code.text().split())
        self.ok_button.setEnabled(
            not self.busy and self.pending is not None and len(digits) == 6 and digits.isdigit()
        )
        self.cancel_button.setText(self.tr("Sign &out") if self.forced else self.tr("Cancel"))

    def _begun(self, result: object) -> None:
        from desktop_app.domain.second_factor_rules import group_secret

        assert isinstance(result, tuple)
        status: SecondFactorStatus = result[0]
        pending: PendingEnrolment = result[1]
        self.status, self.pending = status, pending
        self.qr.set_data(pending.uri)
        self.secret_label.setText(group_secret(pending.secret))
        self._show_state()
        self._update_buttons()
        self.code.setFocus()

    def submit(self) -> None:
        if self.busy or not self.ok_button.isEnabled():
            return
        if self.pages.currentIndex() == 1:
            self.recovery_codes = []
            self.codes_view.clear()
            self.enrolled.emit()
            self.accept()
            return
        assert self.pending is not None
        self.run_job(_confirm, self.pending, self.code.text())

    def inputs(self) -> Sequence[QWidget]:
        return (self.code,)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self._update_buttons()

    def succeeded(self, result: object) -> None:
        self.recovery_codes = list(result)  # type: ignore[call-overload]
        self.codes_view.setPlainText("\n".join(self.recovery_codes))
        self.pages.setCurrentIndex(1)
        self.intro.setText(self.tr("Two-factor sign-in is on."))
        self._update_buttons()

    def reject(self) -> None:
        if self.pages.currentIndex() == 1:  # enrolled: the codes must be acknowledged, not dismissed
            return
        super().reject()

    def show_failure(self, exc: BaseException, text: str) -> None:
        self.code.clear()
        self.error.show_error(text)
        self.code.setFocus()
