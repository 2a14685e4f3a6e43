"""A read-only table model over the masked client list, fetched page by page on the database lane.

Two modes: the paged list (``count_clients`` then ``list_clients`` for each page the view asks
for, in the chosen sort order) and search results (``search_clients``, one bounded query). Every
query runs on the database lane (``Shell.call``); a row whose page has not arrived yet shows empty and is filled in
when it does. Results of a superseded query (an older search, an old sort) are dropped. Rows are
the services' masked summaries only; the whole list is never loaded. The last column flags a
client who must sign the consent form again (a newer privacy notice changed purposes or
recipients), with a tooltip saying what to do.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desktop_app.domain.client_choices import IntentionLevel
from desktop_app.domain.client_list_query import NO_FILTER, ClientFilter, ClientSort
from desktop_app.domain.client_record import Stage
from desktop_app.domain.client_views import ClientSummary
from desktop_app.ui.clients.client_labels import choice_label, local_date
from desktop_app.ui.shell import Shell

PAGE_SIZE = 50
SEARCH_LIMIT = 200
MAX_CACHED_PAGES = 20
NAME, PHONE, STAGE, INTENTION, AGENT, LAST_CONTACT, CONSENT = range(7)
COLUMNS = 7
RECONSENT_COLOUR = QColor("#b3261e")
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole
AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class ClientTableModel(QAbstractTableModel):
    loaded = Signal()  # the row count (or the search results) arrived
    page_loaded = Signal(int)
    failed = Signal(str)

    def __init__(self, shell: Shell, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self.shell = shell
        self.page_size = page_size
        self.sort_order = ClientSort.LAST_CONTACT
        self.search_text = ""
        self.filters = NO_FILTER
        self.total = 0
        self.pages_fetched = 0  # how many page queries ran (tests check laziness)
        self.agent_names: dict[int, str] = {}
        self._generation = 0
        self._pages: OrderedDict[int, list[ClientSummary]] = OrderedDict()
        self._pending: set[int] = set()

    # ------------------------------------------------------------------------------------ loading

    def reload(
        self,
        *,
        sort: ClientSort | None = None,
        text: str | None = None,
        filters: ClientFilter | None = None,
    ) -> None:
        """Forget every row and query again (the search text wins over the paged list; the
        filters narrow both)."""
        if sort is not None:
            self.sort_order = sort
        if text is not None:
            self.search_text = text.strip()
        if filters is not None:
            self.filters = filters
        self._generation += 1
        generation = self._generation
        self.beginResetModel()
        self._pages.clear()
        self._pending.clear()
        self.total = 0
        self.endResetModel()
        from desktop_app.services.client_directory import count_clients
        from desktop_app.services.client_search import search_clients

        if self.search_text:
            self.shell.call(
                search_clients,
                self.search_text,
                SEARCH_LIMIT,
                self.filters,
                on_ok=lambda rows: self._searched(generation, rows),
                on_error=self._failed,
                owner=self,
            )
        else:
            self.shell.call(
                count_clients,
                self.filters,
                on_ok=lambda total: self._counted(generation, total),
                on_error=self._failed,
                owner=self,
            )

    def _counted(self, generation: int, total: object) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self.total = int(total)  # type: ignore[call-overload]
        self.endResetModel()
        self.loaded.emit()

    def _searched(self, generation: int, rows: object) -> None:
        if generation != self._generation:
            return
        found: list[ClientSummary] = list(rows)  # type: ignore[call-overload]
        self.beginResetModel()
        self.total = len(found)
        for start in range(0, len(found), self.page_size):
            self._pages[start // self.page_size] = found[start : start + self.page_size]
        self.endResetModel()
        self.loaded.emit()

    def _fetch(self, number: int) -> None:
        self._pending.add(number)
        self.pages_fetched += 1
        from desktop_app.services.client_directory import list_clients

        generation = self._generation
        self.shell.call(
            list_clients,
            number * self.page_size,
            self.page_size,
            self.sort_order,
            self.filters,
            on_ok=lambda rows: self._page_arrived(generation, number, rows),
            on_error=self._failed,
            owner=self,
        )

    def _page_arrived(self, generation: int, number: int, rows: object) -> None:
        if generation != self._generation:
            return
        self._pending.discard(number)
        self._pages[number] = list(rows)  # type: ignore[call-overload]
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        first = number * self.page_size
        last = min(self.total, first + self.page_size) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
        self.page_loaded.emit(number)

    def _failed(self, exc: BaseException) -> None:
        self._pending.clear()
        self.failed.emit(self.shell.error_text(exc))

    # ------------------------------------------------------------------------------------- access

    def summary(self, row: int) -> ClientSummary | None:
        """The row's masked summary, or None while its page is still being fetched."""
        if not 0 <= row < self.total:
            return None
        number = row // self.page_size
        page = self._pages.get(number)
        if page is None:
            if number not in self._pending and not self.search_text:
                self._fetch(number)
            return None
        self._pages.move_to_end(number)
        offset = row - number * self.page_size
        return page[offset] if offset < len(page) else None

    def client_id(self, row: int) -> int | None:
        found = self.summary(row)
        return found.id if found else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.total:
            self.dataChanged.emit(self.index(0, 0), self.index(self.total - 1, self.columnCount() - 1))

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        roles = (
            Qt.ItemDataRole.DisplayRole,
            CLIENT_ID_ROLE,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        )
        if not index.isValid() or role not in roles:
            return None
        row = self.summary(index.row())
        if row is None:
            return None
        if role == CLIENT_ID_ROLE:
            return row.id
        column = index.column()
        if column == CONSENT:
            return self._reconsent(row, role)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        language = self.shell.lang
        if column == NAME:
            return row.name
        if column == PHONE:
            return row.phone
        if column == STAGE:
            return choice_label(Stage, row.stage, language)
        if column == INTENTION:
            return choice_label(IntentionLevel, row.intention_level, language)
        if column == AGENT:
            return self.agent_names.get(row.assigned_agent_id, f"#{row.assigned_agent_id}")
        return local_date(row.last_contact_at)

    def _reconsent(self, row: ClientSummary, role: int) -> object:
        if not row.needs_reconsent:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("⚠ Sign again")
        if role == Qt.ItemDataRole.ForegroundRole:
            return RECONSENT_COLOUR
        return self.tr(
            "A newer privacy notice changed the purposes or recipients: print the current consent "
            "form on the client's page and ask the client to sign it again."
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Name"),
            self.tr("Phone"),
            self.tr("Stage"),
            self.tr("Intention"),
            self.tr("Agent"),
            self.tr("Last contact"),
            self.tr("Consent"),
        )
        return headers[section] if 0 <= section < len(headers) else None
