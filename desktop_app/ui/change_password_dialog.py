"""Changing one's own password, by choice (menu) or because it must be changed (temporary or expired).

When forced, the only other way out is signing out: the main window is not shown until it is done.
Re-wrapping the key slot costs two Argon2id runs, so the change runs on the job runner.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.ui.caps_lock import CapsLockWatcher
from desktop_app.ui.form_parts import BusyBar, MessageLabel, password_field
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.password_feedback import PasswordFeedback
from desktop_app.ui.shell import Shell
from desktop_app.ui.sign_in_messages import caps_lock_hint


class ChangePasswordDialog(JobDialog):
    """Emits ``changed`` after a successful change. ``forced``: Cancel becomes "Sign out"."""

    changed = Signal()

    def __init__(self, shell: Shell, *, forced: bool, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.forced = forced
        ctx = shell.signed_in()
        session = ctx.session
        self.username = session.username
        self.setMinimumWidth(460)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.old = password_field()
        self.new = password_field()
        self.repeat = password_field()
        self.labels = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.old, self.new, self.repeat), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.feedback = PasswordFeedback(ctx.policy, shell.lang)
        self.caps = CapsLockWatcher(self)
        for field in (self.old, self.new, self.repeat):
            self.caps.watch(field)
        self.caps_hint = MessageLabel()
        self.caps.changed.connect(self._caps_changed)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(self.caps_hint)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)

        for field in (self.old, self.new, self.repeat):
            field.textChanged.connect(self._inputs_changed)
        shell.language.changed.connect(self.feedback.set_language)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change password"))
        if self.forced:
            self.intro.setText(
                self.tr(
                    "You signed in with a temporary password, or your password has expired. "
                    "Choose a new password before you continue."
                )
            )
        else:
            self.intro.setText(self.tr("Enter your current password, then the new one twice."))
        self.labels[0].setText(self.tr("C&urrent password:"))
        self.labels[1].setText(self.tr("&New password:"))
        self.labels[2].setText(self.tr("&Repeat new password:"))
        self.ok_button.setText(self.tr("&Change password"))
        self.cancel_button.setText(self.tr("Sign &out") if self.forced else self.tr("Cancel"))
        if self.caps.suspected:
            self.caps_hint.show_error(caps_lock_hint())

    def _caps_changed(self, on: bool) -> None:
        if on:
            self.caps_hint.show_error(caps_lock_hint())
        else:
            self.caps_hint.clear_message()

    def _inputs_changed(self) -> None:
        self.feedback.update_feedback(self.new.text(), self.repeat.text(), self.username)
        self.ok_button.setEnabled(not self.busy and bool(self.old.text()) and self.feedback.acceptable)

    def submit(self) -> None:
        from desktop_app.services.sign_in import change_password

        if self.busy or not self.ok_button.isEnabled():
            return
        self.run_job(change_password, self.old.text(), self.new.text())

    def inputs(self) -> Sequence[QWidget]:
        return (self.old, self.new, self.repeat)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self._inputs_changed()

    def succeeded(self, result: object) -> None:
        for field in (self.old, self.new, self.repeat):
            field.clear()
        self.changed.emit()
        self.accept()

    def show_failure(self, exc: BaseException, text: str) -> None:
        self.old.clear()
        self.error.show_error(text)
        self.old.setFocus()
