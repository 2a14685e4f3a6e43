"""The published privacy-notice versions as a read-only table (newest, the current one, first)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from desktop_app.services.privacy_notices import NoticeVersion

VERSION, EFFECTIVE, PUBLISHED, BY, HASH, CURRENT = range(6)
AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def local_time(ts: str) -> str:
    """A stored UTC timestamp in this PC's local time, to the minute: 2026-11-29 13:05."""
    try:
        return datetime.fromisoformat(ts).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return ts


class NoticeTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[NoticeVersion] = []
        self._headers: list[str] = []
        self.retranslate()

    def retranslate(self) -> None:
        self._headers = [
            self.tr("Version"),
            self.tr("Effective from"),
            self.tr("Published"),
            self.tr("Published by"),
            self.tr("Content hash"),
            self.tr("Status"),
        ]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, CURRENT)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, CURRENT))

    def set_rows(self, rows: list[NoticeVersion]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else CURRENT + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = 0) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == HASH:
            return row.content_hash
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == VERSION:
            return row.version
        if column == EFFECTIVE:
            return row.effective.isoformat()
        if column == PUBLISHED:
            return local_time(row.published_at)
        if column == BY:
            return row.published_by or self.tr("Bundled with the app")
        if column == HASH:
            return row.hash_prefix
        return self.tr("Current") if row.current else ""
