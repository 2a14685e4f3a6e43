"""The list of summaries prepared for headquarters, newest first, as the Exports page shows it.

A branch prepares at most a few a day, so the whole list is loaded at once (on the database lane,
by the page) and handed to ``set_rows``; ``data()`` never queries. Staff appear by display name
(read with the list; the names never leave the branch, the payload carries staff ids).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.ui.exports.export_labels import local_time, period_text, short_hash, short_time, state_label

if TYPE_CHECKING:
    from desktop_app.services.hq_export_values import ExportSummary

PERIOD, STATE, SHA, PREPARED, APPROVED, SENT, ACKNOWLEDGED, PROBLEM = range(8)
AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
STATE_COLOURS = {
    "prepared": "#8a5a00",
    "rejected": "#6b6b6b",
    "failing": "#b3261e",
    "acknowledged": "#1b6e20",
}


class ExportTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ExportSummary] = []
        self.staff_names: dict[int, str] = {}

    def set_rows(self, rows: list[ExportSummary], staff_names: Mapping[int, str]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.staff_names = dict(staff_names)
        self.endResetModel()

    def export(self, row: int) -> ExportSummary | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, export_id: str) -> int | None:
        for row, summary in enumerate(self.rows):
            if summary.id == export_id:
                return row
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else 8

    def staff(self, staff_id: int | None, username: str | None) -> str:
        if staff_id is None:
            return ""
        return self.staff_names.get(staff_id) or username or f"#{staff_id}"

    def problem(self, summary: ExportSummary) -> str:
        state = str(summary.state)
        if state == "rejected":
            return self.tr("Rejected: %1").replace("%1", summary.rejection_reason or "")
        if state == "failing" or (summary.last_error and state in ("queued", "sent")):
            text = summary.last_error or ""
            if summary.next_retry_at:
                text = (
                    self.tr("%1 — next try %2")
                    .replace("%1", text)
                    .replace("%2", local_time(summary.next_retry_at))
                )
            return text
        return ""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        summary = self.export(index.row()) if index.isValid() else None
        if summary is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            colour = STATE_COLOURS.get(str(summary.state))
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == SHA:
                return summary.content_sha256
            if column == PROBLEM:
                return self.problem(summary) or None
            if column == SENT:
                return local_time(summary.sent_at) or None
            if column == ACKNOWLEDGED:
                return local_time(summary.acknowledged_at) or None
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == PERIOD:
            text = period_text(summary.period_from, summary.period_to)
            return text + " " + self.tr("(scheduled)") if summary.scheduled else text
        if column == STATE:
            return state_label(str(summary.state))
        if column == SHA:
            return short_hash(summary.content_sha256)
        if column == PREPARED:
            return self.staff(summary.prepared_by, summary.prepared_by_username)
        if column == APPROVED:
            if summary.rejected_by is not None:
                return self.staff(summary.rejected_by, summary.rejected_by_username)
            return self.staff(summary.approved_by, summary.approved_by_username)
        if column == SENT:
            return short_time(summary.sent_at)
        if column == ACKNOWLEDGED:
            return short_time(summary.acknowledged_at)
        return self.problem(summary)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Period"),
            self.tr("State"),
            self.tr("SHA-256"),
            self.tr("Prepared by"),
            self.tr("Approved / rejected by"),
            self.tr("Sent"),
            self.tr("Received by HQ"),
            self.tr("Last error / note"),
        )
        return headers[section] if 0 <= section < len(headers) else None
