"""A manager moves a client to another active agent or manager (e.g. when an agent leaves). The
staff list (``staff_accounts.list_staff``) and the change (``client_intake.reassign_client``, audited
``client.reassign``) run on the database lane; ``reassigned(staff id)`` is emitted and the dialog closes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.roles import Role
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.signed_in import SignedIn


def _candidates(ctx: SignedIn) -> list[tuple[int, str, str]]:
    """On the database lane: (staff id, username, display name) of active agents and managers."""
    from desktop_app.services.staff_accounts import list_staff

    members = list_staff(ctx)
    return [
        (m.id, m.username, m.display_name or m.username)
        for m in members
        if m.active and m.role in (Role.AGENT, Role.MANAGER)
    ]


class ReassignDialog(JobDialog):
    reassigned = Signal(int)
    loaded = Signal()

    def __init__(
        self, shell: Shell, client_id: int, current_agent_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.client_id = client_id
        self.current_agent_id = current_agent_id
        self.setMinimumWidth(380)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.agent = QComboBox()
        self.agent_label = QLabel()
        self.agent_label.setBuddy(self.agent)
        form = QFormLayout()
        form.addRow(self.agent_label, self.agent)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.agent.currentIndexChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.set_busy(True)  # until the staff list arrives
        shell.call(_candidates, on_ok=self._loaded, on_error=self._job_failed, owner=self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reassign client"))
        self.intro.setText(
            self.tr("Choose the agent or manager who will look after this client from now on.")
        )
        self.agent_label.setText(self.tr("&Assign to:"))
        self.ok_button.setText(self.tr("&Reassign"))

    def _loaded(self, result: object) -> None:
        assert isinstance(result, list)
        self.set_busy(False)
        self.agent.blockSignals(True)
        for staff_id, username, display_name in result:
            self.agent.addItem(f"{display_name} ({username})", (staff_id, username))
        for index in range(self.agent.count()):
            if self.agent.itemData(index)[0] == self.current_agent_id:
                self.agent.setCurrentIndex(index)
        self.agent.blockSignals(False)
        self._selection_changed()
        self.loaded.emit()

    def select(self, username: str) -> None:
        for index in range(self.agent.count()):
            if self.agent.itemData(index)[1] == username:
                self.agent.setCurrentIndex(index)
                return
        raise KeyError(username)

    def _selection_changed(self, *_args: object) -> None:
        data = self.agent.currentData()
        self.ok_button.setEnabled(not self.busy and data is not None and data[0] != self.current_agent_id)

    def submit(self) -> None:
        from desktop_app.services.client_intake import reassign_client

        data = self.agent.currentData()
        if data is not None:
            self.run_job(reassign_client, self.client_id, str(data[1]))

    def inputs(self) -> Sequence[QWidget]:
        return (self.agent,)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if not busy:
            self._selection_changed()

    def succeeded(self, result: object) -> None:
        self.accept()
        self.reassigned.emit(result.assigned_agent_id)  # type: ignore[attr-defined]

    def reject(self) -> None:
        if not self.busy or not self.agent.count():  # the staff list may still be loading
            QDialog.reject(self)
