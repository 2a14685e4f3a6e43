"""Withdrawing one consent (``withdraw_consent``, audited ``consent.withdraw``; PIPL Art. 15).

The dialog names the purpose, says in the UI language what withdrawing it stops (the registry's
``withdrawal_stops`` text) and that it takes effect at once, and takes an optional note (e.g. how
the client asked). "Withdraw" runs on the worker; on success ``withdrawn(overview)`` is emitted
and the dialog closes. A refusal is shown in the dialog, the note kept.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.consent_purposes import ConsentPurpose
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

NOTE_HEIGHT = 60


def _withdraw(shell: Shell, client_id: int, purpose_id: str, note: str) -> object:
    from desktop_app.services.client_consents import withdraw_consent

    return withdraw_consent(shell.signed_in(), client_id, purpose_id, note=note)


class WithdrawConsentDialog(Retranslating, QDialog):
    withdrawn = Signal(object)  # the ConsentOverview after the withdrawal
    failed = Signal(str)

    def __init__(
        self, shell: Shell, client_id: int, purpose: ConsentPurpose, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.shell = shell
        self.client_id = client_id
        self.purpose = purpose
        self.busy = False
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.note_label = QLabel()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(NOTE_HEIGHT)
        self.note_label.setBuddy(self.note)
        self.error = MessageLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.effect)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()

    def retranslate(self) -> None:
        lang = self.shell.lang
        self.setWindowTitle(self.tr("Withdraw consent"))
        self.question.setText(
            self.tr("Withdraw the client's consent to “%1”? It takes effect at once.").replace(
                "%1", self.purpose.id.label(lang)
            )
        )
        self.effect.setText(self.purpose.withdrawal_stops.text(lang))
        self.note_label.setText(self.tr("&Note (optional, e.g. how the client asked):"))
        self.ok_button.setText(self.tr("&Withdraw"))

    def note_text(self) -> str:
        return self.note.toPlainText()

    def submit(self) -> None:
        if self.busy:
            return
        self.error.clear_message()
        self._set_busy(True)
        shell, client_id, purpose_id, note = (
            self.shell,
            self.client_id,
            self.purpose.id.value,
            self.note_text(),
        )
        shell.jobs.run(
            lambda: _withdraw(shell, client_id, purpose_id, note), self._done, self._failed, owner=self
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.buttons.setEnabled(not busy)
        self.note.setEnabled(not busy)

    def _done(self, result: object) -> None:
        self._set_busy(False)
        self.accept()
        self.withdrawn.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        text = self.shell.error_text(exc)
        self.error.show_error(text)
        self.failed.emit(text)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
