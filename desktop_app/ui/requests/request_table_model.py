"""A read-only table model over the client requests (``client_requests.list_requests``).

Rows are the services' request views: the client's name is masked, the phone never shown. An open
request past its due date is highlighted in the due-date column.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.client_requests import ClientState, RequestKind, RequestStatus, RequestView
from desktop_app.ui.clients.client_labels import choice_label
from desktop_app.ui.shell import Shell

NUMBER, KIND, CLIENT, RECEIVED, DUE, VERIFIED, STATUS = range(7)
COLUMNS = 7
REQUEST_ID_ROLE = Qt.ItemDataRole.UserRole
OVERDUE_BACKGROUND = QColor("#f9dedc")
OVERDUE_FOREGROUND = QColor("#b3261e")
AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class RequestTableModel(QAbstractTableModel):
    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.requests: list[RequestView] = []

    def set_requests(self, requests: list[RequestView]) -> None:
        self.beginResetModel()
        self.requests = list(requests)
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        if self.requests:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.requests) - 1, COLUMNS - 1))

    def request(self, row: int) -> RequestView | None:
        return self.requests[row] if 0 <= row < len(self.requests) else None

    def row_of(self, request_id: int) -> int:
        return next((row for row, r in enumerate(self.requests) if r.id == request_id), -1)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.requests)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else COLUMNS

    def _client(self, request: RequestView) -> str:
        if request.client_state == ClientState.DESTROYED:
            return self.tr("(data destroyed)")
        if request.client_state == ClientState.STORAGE_ONLY:
            return self.tr("(storage only)")
        return request.client_name

    def _text(self, request: RequestView, column: int) -> str:
        lang = self.shell.lang
        if column == NUMBER:
            return request.reference
        if column == KIND:
            return choice_label(RequestKind, request.kind, lang)
        if column == CLIENT:
            return self._client(request)
        if column == RECEIVED:
            return request.received_on.isoformat()
        if column == DUE:
            due = request.due_on.isoformat()
            if request.overdue:
                return self.tr("%1 (overdue)").replace("%1", due)
            if not request.identity_verified and request.status == RequestStatus.OPEN:
                return self.tr("%1 (provisional)").replace("%1", due)
            return due
        if column == VERIFIED:
            return self.tr("Yes") if request.identity_verified else self.tr("No")
        return choice_label(RequestStatus, request.status, lang)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        request = self.request(index.row()) if index.isValid() else None
        if request is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(request, index.column())
        if role == REQUEST_ID_ROLE:
            return request.id
        if request.overdue and index.column() == DUE:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(OVERDUE_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(OVERDUE_FOREGROUND)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Request No."),
            self.tr("Type"),
            self.tr("Client"),
            self.tr("Received"),
            self.tr("Due date"),
            self.tr("Identity verified"),
            self.tr("Status"),
        )
        return headers[section] if 0 <= section < len(headers) else None
