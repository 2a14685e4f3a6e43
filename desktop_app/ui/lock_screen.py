"""The lock screen that replaces the main window's content after the idle timeout or "Lock now".

The same user unlocks with their password (``verify_password``, off the GUI thread). Someone else
may sign in instead: that signs the first user out, then signs the new one in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.caps_lock import CapsLockWatcher
from desktop_app.ui.form_parts import BusyBar, MessageLabel, password_field
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell
from desktop_app.ui.sign_in_messages import caps_lock_hint, failure_text, missing_credentials

if TYPE_CHECKING:
    from desktop_app.services.signed_in import SignedIn


def _switch(me: SignedIn, username: str, password: str) -> SignedIn:
    """On the database lane: the first user out, then the new one in (one job, so nothing runs
    between them)."""
    from desktop_app.services.sign_in import sign_in, sign_out

    sign_out(me)
    return sign_in(me.context, username, password)


class LockScreen(Retranslating, QWidget):
    """``unlocked``: same user back. ``user_switched``: another user is signed in.
    ``switch_failed(username, message)``: the first user is signed out but the new sign-in failed."""

    unlocked = Signal()
    user_switched = Signal()
    switch_failed = Signal(str, str)

    def __init__(self, shell: Shell, username: str, display_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.owner_username = username
        self.display_name = display_name
        self.busy = False
        self.switching = False

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.username = QLineEdit(username)
        self.username.setMaxLength(32)
        self.password = password_field()
        self.username_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        self.caps = CapsLockWatcher(self)
        self.caps.watch(self.password)
        self.caps.watch(self.username)
        self.caps_hint = MessageLabel()
        self.caps.changed.connect(self._caps_changed)
        self.error = MessageLabel()
        self.busy_bar = BusyBar()
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.switch_button = QPushButton()
        self.switch_button.setFlat(True)
        self.switch_button.clicked.connect(self.toggle_switching)

        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setMaximumWidth(460)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.who)
        inner.addLayout(form)
        inner.addWidget(self.caps_hint)
        inner.addWidget(self.error)
        inner.addWidget(self.busy_bar)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self._apply_mode()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("BranchVault is locked"))
        self.username_label.setText(self.tr("&Username:"))
        self.password_label.setText(self.tr("&Password:"))
        if self.switching:
            self.who.setText(
                self.tr("Sign in as a different user. %1 will be signed out.").replace(
                    "%1", self.display_name
                )
            )
            self.unlock_button.setText(self.tr("&Sign in"))
            self.switch_button.setText(self.tr("Back to %1").replace("%1", self.display_name))
        else:
            self.who.setText(
                self.tr("Locked to protect client data. %1, enter your password to continue.").replace(
                    "%1", self.display_name
                )
            )
            self.unlock_button.setText(self.tr("&Unlock"))
            self.switch_button.setText(self.tr("Sign in as a &different user"))
        if self.caps.suspected:
            self.caps_hint.show_error(caps_lock_hint())

    def reset(self) -> None:
        """Called each time the screen locks: empty fields, back to "same user" mode."""
        self.switching = False
        self.password.clear()
        self.username.setText(self.owner_username)
        self.error.clear_message()
        self._apply_mode()
        self.retranslate()
        self.password.setFocus()

    def toggle_switching(self) -> None:
        if self.busy:
            return
        self.switching = not self.switching
        self.username.setText("" if self.switching else self.owner_username)
        self.password.clear()
        self.error.clear_message()
        self._apply_mode()
        self.retranslate()
        (self.username if self.switching else self.password).setFocus()

    def _apply_mode(self) -> None:
        self.username.setReadOnly(not self.switching)
        self.username.setEnabled(self.switching)

    def _caps_changed(self, on: bool) -> None:
        if on:
            self.caps_hint.show_error(caps_lock_hint())
        else:
            self.caps_hint.clear_message()

    def submit(self) -> None:
        if self.busy:
            return
        password = self.password.text()
        username = self.username.text().strip()
        if not password or not username:
            self.error.show_error(missing_credentials())
            return
        from desktop_app.services.sign_in import unlock_session

        self._set_busy(True)
        self.error.clear_message()
        if self.switching and username != self.owner_username:
            self.shell.call(
                _switch,
                username,
                password,
                on_ok=self._switched,
                on_error=lambda exc: self._switch_failed(username, exc),
                owner=self,
            )
        else:
            self.shell.call(
                unlock_session, password, on_ok=self._unlocked, on_error=self._unlock_failed, owner=self
            )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        for widget in (self.password, self.unlock_button, self.switch_button):
            widget.setEnabled(not busy)
        self.username.setEnabled(self.switching and not busy)

    def _unlocked(self, _result: object) -> None:
        self._set_busy(False)
        self.password.clear()
        self.unlocked.emit()

    def _unlock_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        self.error.show_error(failure_text(exc, self.shell.lang))
        self.password.setFocus()

    def _switched(self, result: object) -> None:
        from desktop_app.services.signed_in import SignedIn

        assert isinstance(result, SignedIn)
        self.shell.set_signed_in(result)
        self._set_busy(False)
        self.password.clear()
        self.user_switched.emit()

    def _switch_failed(self, username: str, exc: BaseException) -> None:
        self.shell.set_signed_in(None)  # the first user is signed out
        self._set_busy(False)
        self.password.clear()
        self.switch_failed.emit(username, failure_text(exc, self.shell.lang))
