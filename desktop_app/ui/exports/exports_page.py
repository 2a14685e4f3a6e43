"""The Exports area (agents and managers): summaries for headquarters and what became of them.

The list shows every summary prepared here, newest first: period, state, the start of its content
SHA-256, who prepared and who approved or rejected it, when it was sent and when HQ's signed
receipt arrived, and for one that fails the last error and the next try. "Prepare summary…"
builds and freezes one for a period (then its review opens); "Review…" (or a double click) shows
exactly what leaves, where a manager other than the preparer approves with their password or
rejects with a reason; "What left this branch…" lists what was sent, with HQ's receipts, to show
or save as JSON or PDF for an auditor. "Send now" asks the background sync (export_sync.py, on
the network lane) for a pass; its results refresh the list.

Nothing is read before the area is first shown; every read runs on the database lane.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Action, can
from desktop_app.ui.exports.export_labels import local_time
from desktop_app.ui.exports.export_table_model import PROBLEM, ExportTableModel
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.hq_export_values import ExportSchedule, ExportSummary
    from desktop_app.services.signed_in import SignedIn
    from desktop_app.ui.exports.export_sync import ExportSync, SyncOutcome
    from desktop_app.ui.exports.left_branch_dialog import LeftBranchDialog
    from desktop_app.ui.exports.prepare_dialog import PrepareSummaryDialog
    from desktop_app.ui.exports.review_dialog import ExportReviewDialog
    from desktop_app.ui.exports.schedule_dialog import ScheduleDialog


@dataclass(frozen=True)
class ExportList:
    rows: list[ExportSummary]
    staff_names: dict[int, str]
    schedule: ExportSchedule | None


def load_exports(ctx: SignedIn) -> ExportList:
    """On the database lane: every export, the names of the staff they mention, the schedule."""
    from desktop_app.services import hq_exports
    from desktop_app.ui.exports.staff_names import staff_names

    rows = hq_exports.list_exports(ctx)
    ids = [i for row in rows for i in (row.prepared_by, row.approved_by, row.rejected_by)]
    return ExportList(rows, staff_names(ctx, ids), hq_exports.schedule(ctx))


class ExportsPage(Retranslating, QWidget):
    loaded = Signal()
    awaiting_changed = Signal(int)  # summaries awaiting approval, as the list shows them

    def __init__(self, shell: Shell, sync: ExportSync | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.sync = sync
        self._started = False
        session = shell.signed_in().session
        self.may_approve = can(session.role, Action.EXPORT_APPROVE)
        self.model = ExportTableModel()
        self.prepare_dialog: PrepareSummaryDialog | None = None
        self.review_dialog: ExportReviewDialog | None = None
        self.left_dialog: LeftBranchDialog | None = None
        self.schedule_dialog: ScheduleDialog | None = None
        self.schedule: ExportSchedule | None = None

        self.heading = QLabel()
        bold = self.heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.heading.setFont(bold)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.prepare_button = QPushButton()
        self.review_button = QPushButton()
        self.review_button.setEnabled(False)
        self.left_button = QPushButton()
        self.send_button = QPushButton()
        self.send_button.setVisible(sync is not None)
        self.refresh_button = QPushButton()
        self.error = MessageLabel()
        self.awaiting_label = MessageLabel()
        self.sync_label = QLabel()
        self.sync_label.setWordWrap(True)
        self.schedule_label = QLabel()
        self.schedule_label.setWordWrap(True)
        self.schedule_button = QPushButton()
        self.schedule_button.setVisible(self.may_approve)  # managers set it
        self.schedule_button.setEnabled(False)  # until the list (and the schedule) arrived
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table, fit_columns=True)  # a short list: sized to its cells
        # the last error takes what is left (elided; the whole text is its tooltip)
        self.table.horizontalHeader().setSectionResizeMode(PROBLEM, QHeaderView.ResizeMode.Stretch)

        tools = QHBoxLayout()
        for button in (self.prepare_button, self.review_button, self.left_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.send_button)
        tools.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(tools)
        layout.addWidget(self.awaiting_label)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.sync_label)
        schedule_row = QHBoxLayout()
        schedule_row.addWidget(self.schedule_label, 1)
        schedule_row.addWidget(self.schedule_button)
        layout.addLayout(schedule_row)

        self.prepare_button.clicked.connect(self.open_prepare)
        self.review_button.clicked.connect(self._review_selected)
        self.left_button.clicked.connect(self.open_left_branch)
        self.send_button.clicked.connect(self.send_now)
        self.refresh_button.clicked.connect(self.reload)
        self.schedule_button.clicked.connect(self.open_schedule)
        self.table.doubleClicked.connect(self._row_activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        if sync is not None:
            sync.pass_finished.connect(self._sync_finished)
            sync.state_changed.connect(self._update_sync_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Summaries for headquarters"))
        self.intro.setText(
            self.tr(
                "Headquarters receives counts for a period, with small counts suppressed — never names, "
                "phone numbers, ID numbers, addresses or notes. Each summary leaves only after a "
                "manager other than its preparer has approved it."
            )
        )
        self.prepare_button.setText(self.tr("&Prepare summary…"))
        self.review_button.setText(self.tr("&Review…"))
        self.left_button.setText(self.tr("&What left this branch…"))
        self.send_button.setText(self.tr("&Send now"))
        self.send_button.setToolTip(self.tr("Send approved summaries to headquarters now"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.schedule_button.setText(self.tr("&Daily preparation…"))
        self._update_schedule_label()
        self.model.retranslate()
        self._update_awaiting()
        self._update_sync_label()

    # ----------------------------------------------------------------------------------- list

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    def reload(self) -> None:
        self.shell.call(load_exports, on_ok=self._loaded, on_error=self._failed, owner=self)

    def _loaded(self, result: ExportList) -> None:
        selected = self.selected_export_id()
        self.model.set_rows(result.rows, result.staff_names)
        self.schedule = result.schedule
        self.schedule_button.setEnabled(True)
        self._update_schedule_label()
        if selected is not None:
            row = self.model.row_of(selected)
            if row is not None:
                self.table.selectRow(row)
        self.error.clear_message()
        self._update_awaiting()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_error(self.shell.error_text(exc))

    def awaiting_count(self) -> int:
        return sum(1 for row in self.model.rows if str(row.state) == "prepared")

    def _update_awaiting(self) -> None:
        count = self.awaiting_count()
        if self.may_approve and count:
            self.awaiting_label.show_info(
                self.tr("%n summary(ies) await approval by a manager who did not prepare them.", "", count)
            )
        else:
            self.awaiting_label.clear_message()
        if self._started:
            self.awaiting_changed.emit(count)

    def selected_export_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        summary = self.model.export(rows[0].row()) if rows else None
        return summary.id if summary is not None else None

    def _update_buttons(self) -> None:
        self.review_button.setEnabled(self.selected_export_id() is not None)

    def _row_activated(self, index: QModelIndex) -> None:
        summary = self.model.export(index.row())
        if summary is not None:
            self.open_review(summary.id)

    def _review_selected(self) -> None:
        export_id = self.selected_export_id()
        if export_id is not None:
            self.open_review(export_id)

    # -------------------------------------------------------------------------------- dialogs

    def open_prepare(self) -> PrepareSummaryDialog:
        from desktop_app.ui.exports.prepare_dialog import PrepareSummaryDialog

        dialog = PrepareSummaryDialog(self.shell, self)
        dialog.prepared.connect(self._prepared)
        dialog.finished.connect(dialog.deleteLater)
        self.prepare_dialog = dialog
        dialog.open()
        return dialog

    def _prepared(self, summary: ExportSummary) -> None:
        self.reload()
        self.open_review(summary.id)

    def open_review(self, export_id: str) -> ExportReviewDialog:
        from desktop_app.ui.exports.review_dialog import ExportReviewDialog

        if self.review_dialog is not None:
            self.review_dialog.close()
        dialog = ExportReviewDialog(self.shell, export_id, self)
        dialog.changed.connect(self._decided)
        dialog.finished.connect(dialog.deleteLater)
        self.review_dialog = dialog
        dialog.open()
        dialog.load()
        return dialog

    def _decided(self, summary: ExportSummary) -> None:
        self.reload()
        if self.sync is not None and str(summary.state) != "rejected":
            self.sync.request_pass()  # an approved summary leaves at once, not at the next tick

    def open_left_branch(self) -> LeftBranchDialog:
        from desktop_app.ui.exports.left_branch_dialog import LeftBranchDialog

        dialog = LeftBranchDialog(self.shell, self)
        dialog.finished.connect(dialog.deleteLater)
        self.left_dialog = dialog
        dialog.open()
        dialog.load()
        return dialog

    def open_schedule(self) -> ScheduleDialog:
        from desktop_app.ui.exports.schedule_dialog import ScheduleDialog

        current = self.schedule.prepare_at if self.schedule is not None else None
        dialog = ScheduleDialog(self.shell, current, self)
        dialog.changed.connect(self._schedule_changed)
        dialog.finished.connect(dialog.deleteLater)
        self.schedule_dialog = dialog
        dialog.open()
        return dialog

    def _schedule_changed(self, schedule: ExportSchedule) -> None:
        self.schedule = schedule
        self._update_schedule_label()
        if self.sync is not None:
            self.sync.request_pass()  # a time already past today prepares at once

    def _update_schedule_label(self) -> None:
        at = self.schedule.prepare_at if self.schedule is not None else None
        if at:
            text = self.tr("Daily preparation: every day at %1 (Beijing time), the previous day's summary.")
            self.schedule_label.setText(text.replace("%1", at))
        else:
            self.schedule_label.setText(self.tr("Daily preparation: off."))

    # ----------------------------------------------------------------------------------- sync

    def send_now(self) -> None:
        if self.sync is not None:
            self.sync.request_pass()
            self._update_sync_label()

    def _sync_finished(self, _outcome: SyncOutcome) -> None:
        if self._started:
            self.reload()
        self._update_sync_label()

    def _update_sync_label(self) -> None:
        sync = self.sync
        if sync is None:
            self.sync_label.setText("")
            return
        self.send_button.setEnabled(not sync.running)
        if sync.running:
            self.sync_label.setText(self.tr("Sending to headquarters…"))
            return
        outcome = sync.last_outcome
        if outcome is None:
            self.sync_label.setText(
                self.tr("Approved summaries are sent in the background while you are signed in.")
            )
            return
        if outcome.error:
            text = self.tr("Last attempt %1: %2").replace("%1", local_time(outcome.finished_at))
            self.sync_label.setText(text.replace("%2", outcome.error))
            return
        if not outcome.enrolled:
            self.sync_label.setText(
                self.tr(
                    "This branch is not enrolled with headquarters yet: approved summaries wait in the "
                    "outbox until IT enrols it."
                )
            )
            return
        text = self.tr("Last check %1: %2 sent, %3 received by headquarters, %4 failing.")
        text = text.replace("%1", local_time(outcome.finished_at)).replace("%2", str(outcome.sent))
        text = text.replace("%3", str(outcome.acknowledged)).replace("%4", str(outcome.failing))
        if outcome.next_retry_at:
            text += " " + self.tr("Next try %1.").replace("%1", local_time(outcome.next_retry_at))
        self.sync_label.setText(text)
