"""The manager's "Confirm staff access" screen (services/client_access.pending_members / confirm_member).

Rule: a manager seals the client-data key to a member only after the member, signed in on their own
screen, reads their 20-digit confirmation code to the manager in person and the manager types it
here. A code that differs means the member's key in the branch files is not the one their password
opened (for example replaced by someone who can write the data folder): the service refuses, audits
the attempt and the reason is shown at the field. Members still on IT's temporary password are
listed but cannot be confirmed until they set their own (IT knew the temporary one).

Reached from the main window's "Client data" menu and from the banner shown at sign-in when members
are waiting. Every service call runs on the background worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.client_access.code_dialog import grow_to_fit
from desktop_app.ui.form_parts import BusyBar, MessageLabel, monospace_font
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.client_access import PendingMember


class ConfirmMemberDialog(JobDialog):
    """Type the code one member reads out; ``confirmed`` once the service accepted it."""

    confirmed = Signal(str)

    def __init__(self, shell: Shell, member: PendingMember, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.member = member
        self.setMinimumWidth(520)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        heading_font = self.heading.font()
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.field_label = QLabel()
        self.code_field = QLineEdit()
        self.code_field.setFont(monospace_font(6))
        self.code_field.setMaxLength(40)
        self.code_field.setPlaceholderText("00000-00000-00000-00000")
        self.code_field.textEdited.connect(lambda _text: self.error.clear_message())
        self.field_label.setBuddy(self.code_field)
        self.busy_bar = BusyBar()
        self.confirm_button = QPushButton()
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        self.buttons = self.confirm_button  # Cancel stays usable; closing waits for the job
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        for widget in (
            self.heading,
            self.explanation,
            self.field_label,
            self.code_field,
            self.error,
            self.busy_bar,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Confirm access to client data"))
        self.heading.setText(
            self.tr("Confirm %1 (%2), %3")
            .replace("%1", self.member.display_name)
            .replace("%2", self.member.username)
            .replace("%3", self.member.role.label(self.shell.lang))
        )
        self.explanation.setText(
            self.tr(
                "Ask them to sign in on their own and read you the confirmation code on their screen, "
                "in person — never by phone or chat. Type the 20 digits exactly as they read them."
            )
        )
        self.field_label.setText(self.tr("Their &confirmation code:"))
        self.confirm_button.setText(self.tr("&Confirm"))
        self.cancel_button.setText(self.tr("Cancel"))

    def confirm(self) -> None:
        from desktop_app.services.client_access import confirm_member

        self.run_job(confirm_member, self.member.username, self.code_field.text())

    def inputs(self) -> Sequence[QWidget]:
        return (self.code_field,)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        grow_to_fit(self)

    def succeeded(self, result: object) -> None:
        self.confirmed.emit(self.member.username)
        self.accept()

    def show_failure(self, exc: BaseException, text: str) -> None:
        self.error.show_error(text)
        grow_to_fit(self)
        self.code_field.setFocus()
        self.code_field.selectAll()


COLUMNS = 4


class ConfirmAccessDialog(Retranslating, QDialog):
    """The members waiting for confirmation; ``changed`` with how many still wait after each reload."""

    changed = Signal(int)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.members: list[PendingMember] = []
        self.member_dialog: ConfirmMemberDialog | None = None
        self.resize(760, 420)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.confirm_selected())
        self.empty = QLabel()
        self.empty.setVisible(False)
        self.info = MessageLabel()
        self.busy_bar = BusyBar()
        self.confirm_button = QPushButton()
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.info)
        layout.addLayout(buttons)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Confirm staff access to client data"))
        self.intro.setText(
            self.tr(
                "These agents and managers cannot open client records until you confirm them. Confirm "
                "someone only with the code they read to you from their own screen, in person."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Username"), self.tr("Name"), self.tr("Role"), self.tr("Status")]
        )
        self.empty.setText(self.tr("Nobody is waiting for confirmation."))
        self.confirm_button.setText(self.tr("&Confirm…"))
        self.reload_button.setText(self.tr("&Refresh"))
        self.close_button.setText(self.tr("Close"))
        self._fill()

    def reload(self) -> None:
        from desktop_app.services.client_access import pending_members

        self.busy_bar.setVisible(True)
        self.shell.call(pending_members, on_ok=self._loaded, on_error=self._failed, owner=self)

    def _loaded(self, members: object) -> None:
        self.busy_bar.setVisible(False)
        self.members = list(members)  # type: ignore[call-overload]
        self._fill()
        self.changed.emit(len(self.members))

    def _failed(self, exc: BaseException) -> None:
        self.busy_bar.setVisible(False)
        self.info.show_error(self.shell.error_text(exc))

    def _status_text(self, member: PendingMember) -> str:
        if member.waiting_for_password_change:
            return self.tr("Still on the temporary password: they sign in and set their own first")
        if member.previous_role is not None:
            return self.tr("Role changed since they last held access (was: %1): check it was meant").replace(
                "%1", member.previous_role.label(self.shell.lang)
            )
        return self.tr("Ready: ask them for their code")

    def _fill(self) -> None:
        self.table.setRowCount(len(self.members))
        for row, member in enumerate(self.members):
            values = (
                member.username,
                member.display_name,
                member.role.label(self.shell.lang),
                self._status_text(member),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(self.members))
        self.empty.setVisible(not self.members)
        self._selection_changed()

    def selected_member(self) -> PendingMember | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.members):
            return None
        return self.members[rows[0].row()]

    def select(self, username: str) -> None:
        for row, member in enumerate(self.members):
            if member.username == username:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        member = self.selected_member()
        self.confirm_button.setEnabled(member is not None and not member.waiting_for_password_change)

    def confirm_selected(self) -> ConfirmMemberDialog | None:
        member = self.selected_member()
        if member is None or member.waiting_for_password_change:
            return None
        dialog = ConfirmMemberDialog(self.shell, member, self)
        dialog.confirmed.connect(self._member_confirmed)
        dialog.finished.connect(dialog.deleteLater)
        self.member_dialog = dialog
        dialog.open()
        return dialog

    def _member_confirmed(self, username: str) -> None:
        self.info.show_ok(
            self.tr("%1 is confirmed: they sign out and in again to open client records.").replace(
                "%1", username
            )
        )
        self.reload()

    def pending_usernames(self) -> list[str]:
        return [member.username for member in self.members]
