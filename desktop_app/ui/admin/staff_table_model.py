"""A read-only table model over the staff list (from ``staff_accounts.list_staff``)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.domain.staff_member import StaffMember

USERNAME, DISPLAY_NAME, ROLE, STATUS, PASSWORD = range(5)
AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class StaffTableModel(QAbstractTableModel):
    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.members: list[StaffMember] = []

    def set_members(self, members: list[StaffMember]) -> None:
        self.beginResetModel()
        self.members = list(members)
        self.endResetModel()

    def set_language(self, language: str) -> None:
        self.language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.members:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.members) - 1, self.columnCount() - 1))

    def member(self, row: int) -> StaffMember | None:
        return self.members[row] if 0 <= row < len(self.members) else None

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.members)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else 5

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        member = self.member(index.row()) if index.isValid() else None
        if member is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == USERNAME:
            return member.username
        if column == DISPLAY_NAME:
            return member.display_name
        if column == ROLE:
            return member.role.label(self.language)
        if column == STATUS:
            return self.tr("Active") if member.active else self.tr("Disabled")
        return self.tr("Must change at next sign-in") if member.must_change_password else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Username"),
            self.tr("Display name"),
            self.tr("Role"),
            self.tr("Status"),
            self.tr("Password"),
        )
        return headers[section] if 0 <= section < len(headers) else None
