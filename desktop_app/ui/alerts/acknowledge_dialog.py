"""Acknowledging one anomaly alert: the note (what was checked, what was found) is required and
goes into the audit log with the acknowledgement (services/security_alerts.acknowledge).
Emits ``acknowledged(AlertView)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.security_alerts import AlertView


class AcknowledgeDialog(JobDialog):
    acknowledged = Signal(object)

    def __init__(self, shell: Shell, alert: AlertView, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.alert = alert
        self.setMinimumWidth(480)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.note_label = QLabel()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note_label.setBuddy(self.note)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def inputs(self) -> list[QWidget]:
        return [self.note]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Acknowledge alert %1").replace("%1", str(self.alert.id)))
        title = self.alert.title_zh if self.shell.lang.startswith("zh") else self.alert.title_en
        self.summary.setText(f"{title} — {self.alert.subject or '-'}")
        self.note_label.setText(self.tr("&Note (what you checked and what you found):"))
        self.hint.setText(
            self.tr(
                "The note is kept in the audit log. Do not write client names, ID numbers or phone numbers."
            )
        )
        self.ok_button.setText(self.tr("&Acknowledge"))

    def submit(self) -> None:
        from desktop_app.services.security_alerts import acknowledge

        self.run_job(acknowledge, self.alert.id, self.note.toPlainText())

    def succeeded(self, result: object) -> None:
        self.acknowledged.emit(result)
        self.accept()
