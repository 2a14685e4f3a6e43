"""Adding a staff member: username, display name, role. The account's key slot is made in the
background; on success ``added(username, temporary_password)`` is emitted and the dialog closes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.roles import Role
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.staff_member import StaffMember

ROLE_ORDER = (Role.AGENT, Role.MANAGER, Role.AUDITOR, Role.IT_ADMIN)


class AddStaffDialog(JobDialog):
    added = Signal(str, str)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.setMinimumWidth(420)
        self.username = QLineEdit()
        self.username.setMaxLength(32)
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(40)
        self.role = QComboBox()
        for role in ROLE_ORDER:
            self.role.addItem(role.label(shell.lang), role.value)
        self.labels = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.username, self.display_name, self.role), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add staff member"))
        self.labels[0].setText(self.tr("&Username:"))
        self.labels[1].setText(self.tr("&Display name:"))
        self.labels[2].setText(self.tr("&Role:"))
        self.username.setPlaceholderText(self.tr("lower-case letters and digits, e.g. zhang.wei"))
        self.note.setText(
            self.tr("A one-time password is created and shown once. It must be changed at first sign-in.")
        )
        self.ok_button.setText(self.tr("&Add"))
        for index, role in enumerate(ROLE_ORDER):
            self.role.setItemText(index, role.label(self.shell.lang))

    def set_role(self, role: Role) -> None:
        self.role.setCurrentIndex(self.role.findData(role.value))

    def submit(self) -> None:
        from desktop_app.services.staff_accounts import add_staff

        username = self.username.text().strip()
        display_name = self.display_name.text().strip()
        self.run_job(add_staff, username, display_name, Role(str(self.role.currentData())))

    def inputs(self) -> Sequence[QWidget]:
        return (self.username, self.display_name, self.role)

    def succeeded(self, result: object) -> None:
        member, password = cast("tuple[StaffMember, str]", result)
        self.accept()
        self.added.emit(member.username, password)
