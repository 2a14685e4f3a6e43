"""The manager's small steps on an incident: move it on (contained, notified, closed — with the
reason when closing without notifying), record when the internal or regulator report was made, and
log a notice given by phone, SMS, in person or post to one affected client. Each emits ``stepped(result)``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.incident_codes import NotificationChannel
from desktop_app.domain.incident_record import Incident
from desktop_app.domain.incident_states import allowed_transitions, state_label
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.incidents.report_dialog import branch_now, from_qt, personal_data_hint, to_qt
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

HAND_CHANNELS = (
    NotificationChannel.PHONE,
    NotificationChannel.SMS,
    NotificationChannel.IN_PERSON,
    NotificationChannel.POST,
)


class _StepDialog(JobDialog):
    stepped = Signal(object)

    def __init__(self, shell: Shell, incident: Incident, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.incident = incident
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)

    def submit(self) -> None:  # each subclass
        raise NotImplementedError

    def succeeded(self, result: object) -> None:
        self.stepped.emit(result)
        self.accept()


class AdvanceDialog(_StepDialog):
    def __init__(self, shell: Shell, incident: Incident, parent: QWidget | None = None) -> None:
        super().__init__(shell, incident, parent)
        self.state = QComboBox()
        for option in allowed_transitions(incident.state, is_breach=incident.is_breach):
            self.state.addItem("", option.to.value)
        self.note = QLineEdit()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.labels = [QLabel(), QLabel()]
        self.form.addRow(self.labels[0], self.state)
        self.form.addRow(self.labels[1], self.note)
        self.form.addRow(QLabel(), self.hint)
        self.retranslate()

    def inputs(self) -> list[QWidget]:
        return [self.state, self.note]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Move incident %1 on").replace("%1", self.incident.reference))
        self.labels[0].setText(self.tr("&New state:"))
        self.labels[1].setText(self.tr("N&ote:"))
        for index in range(self.state.count()):
            self.state.setItemText(index, state_label(str(self.state.itemData(index)), self.shell.lang))
        self.hint.setText(
            self.tr("Closing without notifying the clients needs the reason (for example: no breach, or the "
                    "measures taken effectively avoid harm).")
            + "\n"
            + personal_data_hint(self.shell.lang)
        )  # fmt: skip
        self.ok_button.setText(self.tr("&Move on"))

    def submit(self) -> None:
        from desktop_app.services.incidents import advance

        self.run_job(advance, self.incident.id, str(self.state.currentData()), self.note.text())


class RecordReportDialog(_StepDialog):
    def __init__(self, shell: Shell, incident: Incident, parent: QWidget | None = None) -> None:
        super().__init__(shell, incident, parent)
        self.which = QComboBox()
        self.which.addItem("", "internal")
        self.which.addItem("", "regulator")
        now = to_qt(branch_now(shell))
        self.at = QDateTimeEdit(now)
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setMaximumDateTime(now)
        self.labels = [QLabel(), QLabel()]
        self.form.addRow(self.labels[0], self.which)
        self.form.addRow(self.labels[1], self.at)
        self.retranslate()

    def inputs(self) -> list[QWidget]:
        return [self.which, self.at]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Record a report for %1").replace("%1", self.incident.reference))
        self.labels[0].setText(self.tr("&Report:"))
        self.labels[1].setText(self.tr("&Made at:"))
        self.which.setItemText(0, self.tr("Internal report (to headquarters)"))
        self.which.setItemText(1, self.tr("Report to the regulator"))
        self.ok_button.setText(self.tr("&Record"))

    def submit(self) -> None:
        from desktop_app.services.incidents import record_report

        self.run_job(
            record_report, self.incident.id, str(self.which.currentData()), from_qt(self.at.dateTime())
        )


class NotificationDialog(_StepDialog):
    """Log a notice to one affected client; ``clients`` are (client id, masked label) pairs."""

    def __init__(
        self, shell: Shell, incident: Incident, clients: list[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, incident, parent)
        self.client = QComboBox()
        for client_id, text in clients:
            self.client.addItem(text, client_id)
        self.channel = QComboBox()
        for channel in HAND_CHANNELS:
            self.channel.addItem("", channel.value)
        self.day = QDateEdit(to_qt(branch_now(shell)).date())
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(to_qt(branch_now(shell)).date())
        self.note = QLineEdit()
        self.labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.labels, (self.client, self.channel, self.day, self.note), strict=True):
            self.form.addRow(label, field)
        self.retranslate()

    def inputs(self) -> list[QWidget]:
        return [self.client, self.channel, self.day, self.note]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log a notification for %1").replace("%1", self.incident.reference))
        texts = (self.tr("&Client:"), self.tr("C&hannel:"), self.tr("&Day:"), self.tr("N&ote:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        for index, channel in enumerate(HAND_CHANNELS):
            self.channel.setItemText(index, channel.label(self.shell.lang))
        self.ok_button.setText(self.tr("&Log"))
        self.ok_button.setEnabled(self.client.count() > 0)

    def submit(self) -> None:
        from datetime import date

        from desktop_app.services.incident_clients import record_notification

        qdate = self.day.date()
        self.run_job(
            record_notification,
            self.incident.id,
            int(self.client.currentData()),
            str(self.channel.currentData()),
            date(qdate.year(), qdate.month(), qdate.day()),
            self.note.text(),
        )
