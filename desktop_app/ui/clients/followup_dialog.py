"""Recording a follow-up (a visit or a call) on a client: kind, date and time (now by default, never
later than now) and a required note. Saved on the database lane by ``client_followups.add_followup``;
``added`` is emitted and the dialog closes; a refusal is shown under the form, and a refused note
(one holding an ID or bank card number) is marked and focused."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_record import FollowupKind
from desktop_app.domain.field_errors import InvalidField
from desktop_app.ui.clients.client_form import INVALID_STYLE
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


class AddFollowupDialog(JobDialog):
    added = Signal(int)

    def __init__(self, shell: Shell, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.client_id = client_id
        self.setMinimumWidth(420)
        self.kind = QComboBox()
        now = QDateTime.fromSecsSinceEpoch(int(shell.signed_in().clock()))
        self.when = QDateTimeEdit(now)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setMaximumDateTime(now)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(110)
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.kind, self.when, self.note), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.note.textChanged.connect(self._inputs_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add follow-up"))
        self.labels[0].setText(self.tr("&Type:"))
        self.labels[1].setText(self.tr("&Date and time:"))
        self.labels[2].setText(self.tr("&Note:"))
        self.note.setPlaceholderText(self.tr("What happened and what comes next (required)"))
        current = self.kind.currentData()
        self.kind.clear()
        for kind in FollowupKind:
            self.kind.addItem(kind.label(self.shell.lang), kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.ok_button.setText(self.tr("&Save"))

    def _inputs_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.note.toPlainText().strip()) and not self.busy)

    def submit(self) -> None:
        from desktop_app.services.client_followups import add_followup

        note = self.note.toPlainText()
        if self.busy or not note.strip():
            return
        kind = str(self.kind.currentData())
        at = datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC)
        self.note.setStyleSheet("")
        self.run_job(add_followup, self.client_id, kind, note, at=at)

    def inputs(self) -> Sequence[QWidget]:
        return (self.kind, self.when, self.note)

    def succeeded(self, result: object) -> None:
        self.accept()
        self.added.emit(result.id)  # type: ignore[attr-defined]

    def show_failure(self, exc: BaseException, text: str) -> None:
        self.error.show_error(text)
        if isinstance(exc, InvalidField) and exc.field == "followup_note":  # e.g. it holds an ID number
            self.note.setStyleSheet(INVALID_STYLE)
            self.note.setFocus()
