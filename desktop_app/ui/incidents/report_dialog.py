"""Reporting an incident (every role): kind, when it happened and was discovered (Beijing time), and
what happened — with the visible hint not to type clients' personal details (the register is in
branch.db, which IT and auditors read). On success ``reported(incident)`` is emitted and it closes.
"""

from __future__ import annotations

from datetime import datetime

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

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.incident_codes import NO_PERSONAL_DATA_HINT_EN, NO_PERSONAL_DATA_HINT_ZH, IncidentKind
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


def branch_now(shell: Shell) -> datetime:
    """Now by the app's clock (tests inject it), in Beijing time, without seconds."""
    return datetime.fromtimestamp(shell.signed_in().clock(), BRANCH_TIME).replace(second=0, microsecond=0)


def to_qt(moment: datetime) -> QDateTime:
    return QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)


def from_qt(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=BRANCH_TIME)


def personal_data_hint(language: str) -> str:
    return NO_PERSONAL_DATA_HINT_ZH if language.startswith("zh") else NO_PERSONAL_DATA_HINT_EN


class ReportIncidentDialog(JobDialog):
    reported = Signal(object)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.setMinimumWidth(520)
        now = to_qt(branch_now(shell))
        self.kind = QComboBox()
        for kind in IncidentKind:
            self.kind.addItem("", kind.value)
        self.occurred = QDateTimeEdit(now)
        self.discovered = QDateTimeEdit(now)
        for edit in (self.occurred, self.discovered):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
            edit.setMaximumDateTime(now)
        self.description = QPlainTextEdit()
        self.description.setMinimumHeight(100)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #a05a00;")
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(
            self.labels, (self.kind, self.occurred, self.discovered, self.description), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(QLabel(), self.hint)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def inputs(self) -> list[QWidget]:
        return [self.kind, self.occurred, self.discovered, self.description]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Report an incident"))
        texts = (
            self.tr("&Kind:"),
            self.tr("&Occurred at:"),
            self.tr("&Discovered at:"),
            self.tr("&What happened:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        for index, kind in enumerate(IncidentKind):
            self.kind.setItemText(index, kind.label(self.shell.lang))
        self.hint.setText(personal_data_hint(self.shell.lang))
        self.description.setPlaceholderText(
            self.tr("e.g. the work phone was left in a taxi; it has a screen lock and is encrypted")
        )
        self.ok_button.setText(self.tr("&Report"))

    def submit(self) -> None:
        from desktop_app.services.incidents import report_incident

        self.run_job(
            report_incident,
            kind=str(self.kind.currentData()),
            occurred_at=from_qt(self.occurred.dateTime()),
            discovered_at=from_qt(self.discovered.dateTime()),
            description=self.description.toPlainText(),
        )

    def succeeded(self, result: object) -> None:
        self.reported.emit(result)
        self.accept()
