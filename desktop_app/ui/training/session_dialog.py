"""Recording a classroom training session (managers): date, topic, trainer, attendees.

The dialog collects; services/training_records.record_session validates (today or earlier,
attendees on the staff that day), writes and audits it. Topic and trainer are free text kept in
branch.db, so the dialog shows the hint not to name clients there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.signed_in import SignedIn


def _active_staff(me: SignedIn) -> list[tuple[int, str]]:
    from desktop_app.services.training_records import attendee_choices

    return [(staff_id, f"{name} ({username})") for staff_id, username, name in attendee_choices(me)]


def _record(me: SignedIn, day: object, topic: str, trainer: str, ids: list[int]) -> int:
    from datetime import date

    from desktop_app.services.training_records import record_session

    return record_session(me, cast("date", day), topic, trainer, ids)


class SessionDialog(Retranslating, QDialog):
    recorded = Signal(int)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        today = shell.signed_in().today()
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.topic = QLineEdit()
        self.trainer = QLineEdit()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.attendees = QListWidget()
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.date_label, self.topic_label, self.trainer_label, self.attendee_label = (
            QLabel() for _ in range(4)
        )
        self.form.addRow(self.date_label, self.date_edit)
        self.form.addRow(self.topic_label, self.topic)
        self.form.addRow(self.trainer_label, self.trainer)
        self.form.addRow(self.attendee_label, self.attendees)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        shell.call(_active_staff, on_ok=self._staff_loaded, on_error=self._failed, owner=self)

    def _staff_loaded(self, result: object) -> None:
        for staff_id, label in cast("list[tuple[int, str]]", result):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, staff_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.attendees.addItem(item)

    def check_attendee(self, username: str) -> None:
        """Tests: tick the member whose label ends in ``(username)``."""
        for index in range(self.attendees.count()):
            item = self.attendees.item(index)
            if item.text().endswith(f"({username})"):
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[int]:
        return [
            int(self.attendees.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.attendees.count())
            if self.attendees.item(i).checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> None:
        day = self.date_edit.date().toPython()
        self.buttons.setEnabled(False)
        self.shell.call(
            _record,
            day,
            self.topic.text(),
            self.trainer.text(),
            self.chosen(),
            on_ok=self._done,
            on_error=self._failed,
            owner=self,
        )

    def _done(self, session_id: object) -> None:
        self.recorded.emit(int(cast("int", session_id)))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.show_error(self.shell.error_text(exc))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Record a classroom session"))
        self.date_label.setText(self.tr("Date:"))
        self.topic_label.setText(self.tr("Topic:"))
        self.trainer_label.setText(self.tr("Trainer:"))
        self.attendee_label.setText(self.tr("Attendees:"))
        self.hint.setText(self.tr("Do not enter client names, ID numbers or other personal details here."))
