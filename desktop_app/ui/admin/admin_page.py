"""The Admin area (IT administrators): the staff table with add, disable and reset password,
and the audit chain check. One-time passwords are shown once, and never over the lock screen.
The staff list is read on the database lane, like every other use of the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import staff_accounts
from desktop_app.ui import dialogs
from desktop_app.ui.admin.add_staff_dialog import AddStaffDialog
from desktop_app.ui.admin.staff_table_model import StaffTableModel
from desktop_app.ui.admin.temp_password_dialog import TempPasswordDialog
from desktop_app.ui.audit.chain_verify_panel import ChainVerifyPanel
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.staff_member import StaffMember


class AdminPage(Retranslating, QWidget):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.add_dialog: AddStaffDialog | None = None
        self.password_dialog: TempPasswordDialog | None = None
        self.model = StaffTableModel(shell.lang)
        shell.language.changed.connect(self.model.set_language)
        self.heading = QLabel()
        bold = self.heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.heading.setFont(bold)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table, fit_columns=True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.add_button = QPushButton()
        self.disable_button = QPushButton()
        self.reset_button = QPushButton()
        self.add_button.clicked.connect(self.open_add_dialog)
        self.disable_button.clicked.connect(self.disable_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.error = MessageLabel()
        self.chain_heading = QLabel()
        self.chain_heading.setFont(bold)
        self.verify_panel = ChainVerifyPanel(shell)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.disable_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addSpacing(8)
        layout.addWidget(self.chain_heading)
        layout.addWidget(self.verify_panel)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Staff accounts"))
        self.add_button.setText(self.tr("&Add staff member…"))
        self.disable_button.setText(self.tr("&Disable"))
        self.reset_button.setText(self.tr("&Reset password…"))
        self.chain_heading.setText(self.tr("Audit log"))

    def refresh(self, select: str = "") -> None:
        """Reload the staff list on the database lane (never on the GUI thread: the connection is
        shared with the jobs); then select ``select`` if given."""

        def loaded(members: list[StaffMember]) -> None:
            self.model.set_members(members)
            if select:
                self.select_username(select)
            self._selection_changed()

        self.shell.call(staff_accounts.list_staff, on_ok=loaded, on_error=self._show_error, owner=self)

    def _show_error(self, exc: BaseException) -> None:
        self.error.show_error(self.shell.error_text(exc))

    def selected_username(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        member = self.model.member(rows[0].row()) if rows else None
        return member.username if member else ""

    def select_username(self, username: str) -> None:
        for row, member in enumerate(self.model.members):
            if member.username == username:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        member = self.model.member(rows[0].row()) if rows else None
        self.disable_button.setEnabled(member is not None and member.active)
        self.reset_button.setEnabled(member is not None)

    def open_add_dialog(self) -> None:
        dialog = AddStaffDialog(self.shell, self)
        dialog.added.connect(self._added)
        dialog.finished.connect(dialog.deleteLater)
        self.add_dialog = dialog
        dialog.open()

    def _added(self, username: str, password: str) -> None:
        self.refresh(select=username)
        self.shell.lock_state.run_when_unlocked(lambda: self.show_password(username, password))

    def show_password(self, username: str, password: str) -> None:
        dialog = TempPasswordDialog(self.shell, username, password, self)
        self.password_dialog = dialog
        dialog.open()

    def disable_selected(self) -> None:
        username = self.selected_username()
        if not username:
            return
        question = self.tr(
            "Disable the account %1? Its key slot is removed; it can be re-enabled by resetting the password."
        )
        if not dialogs.confirm(self, self.tr("Disable account"), question.replace("%1", username)):
            return
        self.error.clear_message()
        self.shell.call(
            staff_accounts.disable_staff,
            username,
            on_ok=lambda _result: self.refresh(),
            on_error=self._failed,
            owner=self,
        )

    def reset_selected(self) -> None:
        username = self.selected_username()
        if not username:
            return
        question = self.tr("Give %1 a new one-time password? Their current password stops working.")
        if not dialogs.confirm(self, self.tr("Reset password"), question.replace("%1", username)):
            return
        self.error.clear_message()
        self.reset_button.setEnabled(False)

        def done(password: object) -> None:
            self.refresh(select=username)
            self.shell.lock_state.run_when_unlocked(lambda: self.show_password(username, str(password)))

        self.shell.call(
            staff_accounts.reset_password, username, on_ok=done, on_error=self._failed, owner=self
        )

    def _failed(self, exc: BaseException) -> None:
        self.refresh()
        self._show_error(exc)
