"""Preparing a summary for headquarters: choose the period (Beijing dates, both ends inclusive),
then ``hq_exports.prepare`` builds and freezes it on the database lane and the page opens its
review. Agents and managers may prepare (``export.request``); approval is another manager's.

The period defaults to yesterday, the day the daily scheduled preparation covers; a period that
ends in the future or runs backwards is refused here before anything is built (the service checks
again).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

PRESETS = ("yesterday", "last_7_days", "last_month", "this_month", "custom")


def preset_period(preset: str, today: date) -> tuple[date, date] | None:
    """The period a preset names, seen from ``today`` (Beijing); None for "custom"."""
    yesterday = today - timedelta(days=1)
    if preset == "yesterday":
        return yesterday, yesterday
    if preset == "last_7_days":
        return today - timedelta(days=7), yesterday
    if preset == "last_month":
        last_day = today.replace(day=1) - timedelta(days=1)
        return last_day.replace(day=1), last_day
    if preset == "this_month":
        return today.replace(day=1), today
    return None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PrepareSummaryDialog(JobDialog):
    prepared = Signal(object)  # the ExportSummary

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.today = shell.signed_in().today()
        self.setMinimumWidth(460)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.preset = QComboBox()
        for code in PRESETS:
            self.preset.addItem("", code)
        self.preset_label = QLabel()
        self.preset_label.setBuddy(self.preset)
        self.from_date = QDateEdit()
        self.to_date = QDateEdit()
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMaximumDate(_qdate(self.today))
        self.from_label = QLabel()
        self.from_label.setBuddy(self.from_date)
        self.to_label = QLabel()
        self.to_label.setBuddy(self.to_date)
        form = QFormLayout()
        form.addRow(self.preset_label, self.preset)
        form.addRow(self.from_label, self.from_date)
        form.addRow(self.to_label, self.to_date)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.from_date.dateChanged.connect(self._date_edited)
        self.to_date.dateChanged.connect(self._date_edited)
        self._setting = False
        self._preset_chosen()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Prepare a summary for headquarters"))
        self.intro.setText(
            self.tr(
                "The summary holds counts for the period (small counts suppressed) and, only if this "
                "branch has switched them on, masked client rows. It is frozen when prepared; nothing "
                "leaves the branch until a manager other than you has reviewed and approved it."
            )
        )
        self.preset_label.setText(self.tr("&Period:"))
        names = {
            "yesterday": self.tr("Yesterday"),
            "last_7_days": self.tr("The last 7 days"),
            "last_month": self.tr("Last calendar month"),
            "this_month": self.tr("This month so far"),
            "custom": self.tr("Other dates"),
        }
        for index, code in enumerate(PRESETS):
            self.preset.setItemText(index, names[code])
        self.from_label.setText(self.tr("&From (Beijing date):"))
        self.to_label.setText(self.tr("&To (Beijing date, included):"))
        self.ok_button.setText(self.tr("&Prepare"))

    def inputs(self) -> Sequence[QWidget]:
        return (self.preset, self.from_date, self.to_date)

    def _preset_chosen(self) -> None:
        period = preset_period(str(self.preset.currentData()), self.today)
        if period is None:
            return
        self._setting = True
        self.from_date.setDate(_qdate(period[0]))
        self.to_date.setDate(_qdate(period[1]))
        self._setting = False

    def _date_edited(self) -> None:
        if not self._setting:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(PRESETS.index("custom"))
            self.preset.blockSignals(False)

    def period(self) -> tuple[date, date]:
        start: date = self.from_date.date().toPython()  # type: ignore[assignment]
        end: date = self.to_date.date().toPython()  # type: ignore[assignment]
        return start, end

    def set_period(self, start: date, end: date) -> None:
        self.from_date.setDate(_qdate(start))
        self.to_date.setDate(_qdate(end))

    def submit(self) -> None:
        from desktop_app.services import hq_exports

        start, end = self.period()
        if end < start:
            self.error.show_error(self.tr("The period ends before it starts."))
            return
        if end > self.today:
            self.error.show_error(self.tr("The period cannot end after today."))
            return
        self.run_job(hq_exports.prepare, start, end)

    def succeeded(self, result: object) -> None:
        self.accept()
        self.prepared.emit(result)
