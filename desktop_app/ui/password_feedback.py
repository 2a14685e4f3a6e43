"""Live feedback on a new password: each broken rule (from domain.password_rules) and the repeat check."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.domain.password_rules import check_password
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.ui.form_parts import ERROR_STYLE, OK_STYLE
from desktop_app.ui.retranslate import Retranslating


class PasswordFeedback(Retranslating, QWidget):
    """Call ``update_feedback``; ``acceptable`` is True when every rule passes and both entries match."""

    acceptable_changed = Signal(bool)

    def __init__(self, policy: SecurityPolicy, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        self.language = language
        self.acceptable = False
        self._state: tuple[str, str, str] = ("", "", "")
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.match = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rules)
        layout.addWidget(self.match)
        self.retranslate()

    def retranslate(self) -> None:
        self._render()

    def set_language(self, language: str) -> None:
        self.language = language
        self._render()

    def update_feedback(self, password: str, repeat: str, username: str) -> None:
        self._state = (password, repeat, username)
        self._render()

    def _render(self) -> None:
        from desktop_app.services.context import common_passwords

        password, repeat, username = self._state
        failures = check_password(password, username, self.policy, common_passwords())
        if not password:
            self.rules.setStyleSheet("")
            self.rules.setText(
                self.tr(
                    "At least %n characters, mixing upper- and lower-case letters, digits and symbols.",
                    "",
                    self.policy.password_min_length,
                )
            )
        elif failures:
            self.rules.setStyleSheet(ERROR_STYLE)
            zh = self.language.startswith("zh")
            self.rules.setText("\n".join("✗ " + (f.zh if zh else f.en) for f in failures))
        else:
            self.rules.setStyleSheet(OK_STYLE)
            self.rules.setText("✓ " + self.tr("The password meets the rules."))
        matches = bool(password) and password == repeat
        if not repeat:
            self.match.setText("")
        elif matches:
            self.match.setStyleSheet(OK_STYLE)
            self.match.setText("✓ " + self.tr("Both entries match."))
        else:
            self.match.setStyleSheet(ERROR_STYLE)
            self.match.setText("✗ " + self.tr("The two entries do not match."))
        acceptable = bool(password) and not failures and matches
        if acceptable != self.acceptable:
            self.acceptable = acceptable
            self.acceptable_changed.emit(acceptable)
