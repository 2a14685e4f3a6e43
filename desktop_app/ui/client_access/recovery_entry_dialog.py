"""A pending manager restores their own client-data access with the client-data recovery code.

For a branch whose only manager was reset (no one else can confirm them):
services/client_access.confirm_self_with_recovery_code checks the code, seals the key to the
manager's new slot and replaces the code; the new one is shown once (code_dialog.py). A wrong code
is reported at the field and audited by the service.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop_app.ui.client_access.code_dialog import CodeOnceDialog
from desktop_app.ui.form_parts import monospace_font
from desktop_app.ui.shell import Shell


class UseRecoveryCodeDialog(CodeOnceDialog):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.field_label = QLabel()
        self.code_field = QLineEdit()
        self.code_field.setFont(monospace_font(4))
        self.code_field.setMaxLength(64)
        self.code_field.textEdited.connect(lambda _text: self.error.clear_message())
        self.field_label.setBuddy(self.code_field)
        for widget in (self.explanation, self.field_label, self.code_field):
            self.body_layout.addWidget(widget)
        # the error belongs right under the field
        self.main_layout.removeWidget(self.error)
        self.body_layout.addWidget(self.error)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Use the client-data recovery code"))
        self.explanation.setText(
            self.tr(
                "If no other branch manager can confirm you, the client-data recovery code from the "
                "branch safe restores your access to client data. The code is then replaced by a new "
                "one, shown once: lock the new code away instead of the old one."
            )
        )
        self.field_label.setText(self.tr("Client-data &recovery code:"))
        self.code_field.setPlaceholderText("_____-_____-_____-_____-_____")
        self.action_button.setText(self.tr("&Restore my access"))

    def submit(self) -> None:
        from desktop_app.services.client_access import confirm_self_with_recovery_code

        self.run_job(confirm_self_with_recovery_code, self.code_field.text())

    def show_failure(self, exc: BaseException, text: str) -> None:
        super().show_failure(exc, text)
        self.code_field.setFocus()
        self.code_field.selectAll()
