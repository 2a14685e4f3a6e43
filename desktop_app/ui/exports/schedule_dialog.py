"""A manager sets (or turns off) the daily scheduled preparation: at a time of day (Beijing time)
the app prepares the previous day's summary in the background while an agent or manager is signed
in (``hq_exports.prepare_scheduled``, once per day). Approval stays a person's: a scheduled summary
waits for a manager like any other. ``hq_exports.set_schedule`` checks the role and audits it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

DEFAULT_TIME = QTime(8, 0)


class ScheduleDialog(JobDialog):
    changed = Signal(object)  # the ExportSchedule

    def __init__(self, shell: Shell, prepare_at: str | None, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.setMinimumWidth(420)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.enabled = QCheckBox()
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        chosen = QTime.fromString(prepare_at, "HH:mm") if prepare_at else DEFAULT_TIME
        self.time.setTime(chosen if chosen.isValid() else DEFAULT_TIME)
        self.enabled.setChecked(prepare_at is not None)
        self.time.setEnabled(prepare_at is not None)
        self.enabled.toggled.connect(self.time.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.enabled)
        row.addWidget(self.time)
        row.addStretch(1)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Daily preparation"))
        self.intro.setText(
            self.tr(
                "Every day at this time (Beijing time) the app prepares the previous day's summary in "
                "the background, while an agent or manager is signed in. It is never approved "
                "automatically: a manager reviews and approves it like any other."
            )
        )
        self.enabled.setText(self.tr("&Prepare yesterday's summary every day at"))

    def inputs(self) -> Sequence[QWidget]:
        return (self.enabled, self.time)

    def prepare_at(self) -> str | None:
        return self.time.time().toString("HH:mm") if self.enabled.isChecked() else None

    def submit(self) -> None:
        from desktop_app.services import hq_exports

        self.run_job(hq_exports.set_schedule, self.prepare_at())

    def succeeded(self, result: object) -> None:
        self.accept()
        self.changed.emit(result)
