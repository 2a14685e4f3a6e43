"""A read-only table model over the audit log that fetches pages on demand, newest first.

``rowCount`` is the filtered total (``audit_review.count``); a row's page is fetched with
``audit_review.page`` the first time the view asks for it, and only a bounded number of pages is
kept. The whole log is never loaded.

Every query runs on the database lane of the job runner, never on the GUI thread: the connection
is shared, and a read on another thread could see the uncommitted rows of a job's open
transaction (issue 12). ``reload`` fetches the count and the first page and then resets the model
(``loaded`` follows, or ``failed(exc)``); a page not cached yet shows empty cells until it
arrives (``dataChanged``). Answers for an older filter are dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop_app.domain.audit_filter import AuditFilter
from desktop_app.domain.roles import Role
from desktop_app.services import audit_review
from desktop_app.ui.audit.audit_labels import action_label, outcome_label, target_label
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.audit_chain import AuditEntry
    from desktop_app.services.signed_in import SignedIn

PAGE_SIZE = 200
MAX_CACHED_PAGES = 20
SEQ, TIME, USER, ROLE, ACTION, TARGET, OUTCOME = range(7)
AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def _count_and_first_page(ctx: SignedIn, flt: AuditFilter, size: int) -> tuple[int, list[AuditEntry]]:
    """On the database lane: the filtered total and its first page, read together."""
    return audit_review.count(ctx, flt), audit_review.page(ctx, flt, 0, size)


def local_time(ts: str) -> str:
    """An audit timestamp (UTC, ISO 8601) in this PC's local time, to the second."""
    try:
        return datetime.fromisoformat(ts).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return ts


class AuditTableModel(QAbstractTableModel):
    loaded = Signal()  # a reload's count and first page arrived
    failed = Signal(object)  # a reload failed: the exception

    def __init__(self, shell: Shell, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self.shell = shell
        self.page_size = page_size
        self.filter = AuditFilter()
        self.total = 0
        self.pages_fetched = 0  # how many page queries ran (tests check laziness)
        self._pages: OrderedDict[int, list[AuditEntry]] = OrderedDict()
        self._asked: set[int] = set()  # pages on their way
        self._generation = 0  # bumped by each reload: older answers are dropped

    def reload(self, flt: AuditFilter | None = None) -> None:
        """Fetch the count and the first page for ``flt`` (or the current filter) on the database
        lane; the model resets when they arrive."""
        if flt is not None:
            self.filter = flt
        self._generation += 1
        generation, flt, size = self._generation, self.filter, self.page_size
        self.pages_fetched += 1
        self.shell.call(
            _count_and_first_page,
            flt,
            size,
            on_ok=lambda result: self._reloaded(generation, result),
            on_error=lambda exc: self._reload_failed(generation, exc),
            owner=self,
        )

    def _reloaded(self, generation: int, result: tuple[int, list[AuditEntry]]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._pages.clear()
        self._asked.clear()
        self.total, first = result
        self._pages[0] = first
        self.endResetModel()
        self.loaded.emit()

    def _reload_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.failed.emit(exc)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.total:
            self.dataChanged.emit(self.index(0, 0), self.index(self.total - 1, self.columnCount() - 1))

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else 7

    def entry(self, row: int) -> AuditEntry | None:
        """The row's entry, or None while its page is being fetched (asked for here)."""
        if not 0 <= row < self.total:
            return None
        number = row // self.page_size
        page = self._pages.get(number)
        if page is None:
            self._fetch(number)
            return None
        self._pages.move_to_end(number)
        offset = row - number * self.page_size
        return page[offset] if offset < len(page) else None

    def _fetch(self, number: int) -> None:
        if number in self._asked:
            return
        self._asked.add(number)
        self.pages_fetched += 1
        generation = self._generation
        self.shell.call(
            audit_review.page,
            self.filter,
            number * self.page_size,
            self.page_size,
            on_ok=lambda page: self._page_arrived(generation, number, page),
            on_error=lambda _exc: self._asked.discard(number),
            owner=self,
        )

    def _page_arrived(self, generation: int, number: int, page: list[AuditEntry]) -> None:
        self._asked.discard(number)
        if generation != self._generation:
            return
        self._pages[number] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        first = number * self.page_size
        last = min(self.total, first + self.page_size) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self.entry(index.row())
        if entry is None:
            return None
        column = index.column()
        language = self.shell.lang
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.action if column == ACTION else None
        if column == SEQ:
            return str(entry.seq)
        if column == TIME:
            return local_time(entry.ts)
        if column == USER:
            return entry.actor_username
        if column == ROLE:
            try:
                return Role(entry.actor_role).label(language)
            except ValueError:
                return entry.actor_role
        if column == ACTION:
            return action_label(entry.action, language)
        if column == TARGET:
            return target_label(entry.target_type, entry.target_id, language)
        return outcome_label(entry.outcome, language)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("No."),
            self.tr("Time"),
            self.tr("User"),
            self.tr("Role"),
            self.tr("Action"),
            self.tr("Target"),
            self.tr("Outcome"),
        )
        return headers[section] if 0 <= section < len(headers) else None
