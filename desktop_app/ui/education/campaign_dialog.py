"""Recording a privacy-education campaign (managers): the day it took place (not after today), the
channel, the topic and the material (title, link or description). Both texts are stored in
branch.db, which every role's key opens, so the form says plainly not to enter client details
(the service also refuses ID and bank card numbers). ``added(campaign_id)`` on success.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.education import (
    MATERIAL_MAX,
    NO_PERSONAL_DATA_HINT_EN,
    NO_PERSONAL_DATA_HINT_ZH,
    TOPIC_MAX,
    Campaign,
    Channel,
)
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


class CampaignDialog(JobDialog):
    added = Signal(int)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.setMinimumWidth(460)
        today = shell.signed_in().today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem("", channel.value)
        self.topic = QLineEdit()
        self.topic.setMaxLength(TOPIC_MAX)
        self.material = QPlainTextEdit()
        self.material.setMaximumHeight(90)
        self.hint = QLabel(f"{NO_PERSONAL_DATA_HINT_ZH}\n{NO_PERSONAL_DATA_HINT_EN}")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #8a5a00;")
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(
            self.labels, (self.day, self.channel, self.topic, self.material), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def inputs(self) -> list[QWidget]:
        return [self.day, self.channel, self.topic, self.material]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add an education campaign"))
        texts = (self.tr("&Date held:"), self.tr("&Channel:"), self.tr("&Topic:"), self.tr("&Material:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        for index, channel in enumerate(Channel):
            self.channel.setItemText(index, channel.label(self.shell.lang))
        self.topic.setPlaceholderText(self.tr("e.g. how to recognise fraud calls"))
        self.material.setPlaceholderText(
            self.tr("title, link or description (at most %1 characters)").replace("%1", str(MATERIAL_MAX))
        )
        self.ok_button.setText(self.tr("&Add"))

    def submit(self) -> None:
        from desktop_app.services.education import add_campaign

        qdate = self.day.date()
        self.run_job(
            add_campaign,
            date(qdate.year(), qdate.month(), qdate.day()),
            str(self.channel.currentData()),
            self.topic.text(),
            self.material.toPlainText(),
        )

    def succeeded(self, result: object) -> None:
        assert isinstance(result, Campaign)
        self.accept()
        self.added.emit(result.id)
