"""A manager moves a client to another active agent or manager (e.g. when an agent leaves). The
staff list (``staff_accounts.list_staff``) and the change (``client_intake.reassign_client``, audited
``client.reassign``) run on the worker; ``reassigned(staff id)`` is emitted and the dialog closes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.roles import Role
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell


def _candidates(shell: Shell) -> list[tuple[int, str, str]]:
    """(staff id, username, display name) of active agents and managers."""
    from desktop_app.services.staff_accounts import list_staff

    members = list_staff(shell.signed_in())
    return [
        (m.id, m.username, m.display_name or m.username)
        for m in members
        if m.active and m.role in (Role.AGENT, Role.MANAGER)
    ]


def _reassign(shell: Shell, client_id: int, username: str) -> int:
    from desktop_app.services.client_intake import reassign_client

    return reassign_client(shell.signed_in(), client_id, username).assigned_agent_id


class ReassignDialog(Retranslating, QDialog):
    reassigned = Signal(int)
    loaded = Signal()

    def __init__(
        self, shell: Shell, client_id: int, current_agent_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.shell = shell
        self.client_id = client_id
        self.current_agent_id = current_agent_id
        self.busy = True
        self.setMinimumWidth(380)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.agent = QComboBox()
        self.agent_label = QLabel()
        self.agent_label.setBuddy(self.agent)
        form = QFormLayout()
        form.addRow(self.agent_label, self.agent)
        self.error = MessageLabel()
        self.busy_bar = BusyBar()
        self.busy_bar.setVisible(True)
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
        shell.jobs.run(lambda: _candidates(shell), self._loaded, self._failed, owner=self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reassign client"))
        self.intro.setText(
            self.tr("Choose the agent or manager who will look after this client from now on.")
        )
        self.agent_label.setText(self.tr("&Assign to:"))
        self.ok_button.setText(self.tr("&Reassign"))

    def _loaded(self, result: object) -> None:
        assert isinstance(result, list)
        self.busy = False
        self.busy_bar.setVisible(False)
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
        data = self.agent.currentData()
        if self.busy or data is None:
            return
        username = str(data[1])
        self._set_busy(True)
        self.error.clear_message()
        shell, client_id = self.shell, self.client_id
        shell.jobs.run(
            lambda: _reassign(shell, client_id, username), self._succeeded, self._failed, owner=self
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self.agent.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        if not busy:
            self._selection_changed()

    def _succeeded(self, result: object) -> None:
        self._set_busy(False)
        self.accept()
        self.reassigned.emit(int(result))  # type: ignore[call-overload]

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.show_error(self.shell.error_text(exc))

    def reject(self) -> None:
        if not self.busy or not self.agent.count():
            super().reject()
