"""The follow-up timeline on the client detail page: newest first, one row per visit or call with
its date (the Chinese way), kind, note and who recorded it. Notes may hold personal data: this
widget is used on the detail page only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop_app.services.client_history import TimelineEntry
from desktop_app.ui.retranslate import Retranslating

WHEN, KIND, NOTE, STAFF = range(4)


def timeline_time(ts: str, language: str) -> str:
    """A stored UTC timestamp in this PC's local time: 2027年1月9日 10:00, or 2027-01-09 10:00."""
    try:
        moment = datetime.fromisoformat(ts).astimezone()
    except ValueError:
        return ts
    if language.startswith("zh"):
        return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"
    return moment.strftime("%Y-%m-%d %H:%M")


class FollowupTimeline(Retranslating, QTreeWidget):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.entries: list[TimelineEntry] = []
        self.setColumnCount(4)
        self.setRootIsDecorated(False)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        header = self.header()
        header.setSectionResizeMode(WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STAFF, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Date"), self.tr("Type"), self.tr("Note"), self.tr("Staff")])

    def set_language(self, language: str) -> None:
        self.language = language
        self.set_entries(self.entries)

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        self.entries = list(entries)
        self.clear()
        for entry in self.entries:
            item = QTreeWidgetItem(
                [
                    timeline_time(entry.at, self.language),
                    entry.kind.label(self.language),
                    entry.note,
                    entry.staff_name,
                ]
            )
            self.addTopLevelItem(item)

    def row_texts(self) -> list[tuple[str, str, str, str]]:
        """What each row shows, top to bottom."""
        rows = []
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            assert item is not None
            rows.append((item.text(WHEN), item.text(KIND), item.text(NOTE), item.text(STAFF)))
        return rows
