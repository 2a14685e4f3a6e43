"""Withdrawing one consent (``withdraw_consent``, audited ``consent.withdraw``; PIPL Art. 15).

The dialog names the purpose, says in the UI language what withdrawing it stops (the registry's
``withdrawal_stops`` text) and that it takes effect at once, and takes an optional note (e.g. how
the client asked). "Withdraw" runs on the worker; on success ``withdrawn(overview)`` is emitted
and the dialog closes. A refusal is shown in the dialog, the note kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.consent_purposes import ConsentPurpose
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

NOTE_HEIGHT = 60


class WithdrawConsentDialog(JobDialog):
    withdrawn = Signal(object)  # the ConsentOverview after the withdrawal

    def __init__(
        self, shell: Shell, client_id: int, purpose: ConsentPurpose, parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.client_id = client_id
        self.purpose = purpose
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.note_label = QLabel()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(NOTE_HEIGHT)
        self.note_label.setBuddy(self.note)
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
        from desktop_app.services.client_consents import withdraw_consent

        self.run_job(withdraw_consent, self.client_id, self.purpose.id.value, note=self.note_text())

    def inputs(self) -> Sequence[QWidget]:
        return (self.note,)

    def succeeded(self, result: object) -> None:
        self.accept()
        self.withdrawn.emit(result)
