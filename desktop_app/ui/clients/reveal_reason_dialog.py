"""Asking why a masked field is to be revealed: the short list (网签/签约, 贷款办理, 客户核对) or
"other" with a written reason. The reason is checked by the domain rule (reveal_policy) before the
dialog closes, since it goes into the permanent audit log (no phone or ID numbers in it)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.reveal_policy import REASON_TEXT_MAX, RevealableField, RevealReason, validate_reason
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell


class RevealReasonDialog(Retranslating, QDialog):
    """Emits ``chosen(reason code, reason text)`` and closes when the reason is acceptable."""

    chosen = Signal(str, str)

    def __init__(self, shell: Shell, field: RevealableField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.field = field
        self.setMinimumWidth(380)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.options: dict[RevealReason, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        for reason in RevealReason:
            button = QRadioButton()
            self.options[reason] = button
            self.group.addButton(button)
            layout.addWidget(button)
        self.other_text = QLineEdit()
        self.other_text.setMaxLength(REASON_TEXT_MAX)
        self.other_text.setEnabled(False)
        layout.addWidget(self.other_text)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.error = MessageLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.group.buttonToggled.connect(self._changed)
        self.other_text.textChanged.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reason for revealing"))
        self.intro.setText(
            self.tr("Why do you need to see the full %1?").replace("%1", self.field.label(self.language))
        )
        for reason, button in self.options.items():
            button.setText(reason.label(self.language))
        self.other_text.setPlaceholderText(self.tr("Say why (required for Other)"))
        self.hint.setText(self.tr("The reason is kept in the audit log. Do not type phone or ID numbers."))
        self.ok_button.setText(self.tr("&Reveal"))

    @property
    def language(self) -> str:
        return self.shell.lang

    def selected(self) -> RevealReason | None:
        for reason, button in self.options.items():
            if button.isChecked():
                return reason
        return None

    def choose(self, reason: RevealReason, text: str = "") -> None:
        """Select a reason (and type the text), as a user would."""
        self.options[reason].setChecked(True)
        if text:
            self.other_text.setText(text)

    def _changed(self, *_args: object) -> None:
        reason = self.selected()
        self.other_text.setEnabled(reason is RevealReason.OTHER)
        self.error.clear_message()
        ready = reason is not None and (
            reason is not RevealReason.OTHER or bool(self.other_text.text().strip())
        )
        self.ok_button.setEnabled(ready)

    def submit(self) -> None:
        reason = self.selected()
        if reason is None:
            return
        text = self.other_text.text() if reason is RevealReason.OTHER else ""
        try:
            why, cleaned = validate_reason(reason, text)
        except InvalidInput as refused:
            self.error.show_error(refused.message(self.language))
            return
        self.accept()
        self.chosen.emit(why.value, cleaned)
