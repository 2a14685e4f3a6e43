"""Registering a new client on the full intake form (ui/clients/client_form.py).

The client is created on the worker by ``create_client``. A refusal is shown under the named field
(and under the form) in the UI language, and everything typed stays. A duplicate phone or ID number
the user may see offers to open that client (``open_existing(client_id)``); for one the user may not
see (another agent's client) the notice says to ask the manager. On success ``created(client_id)``
is emitted and the dialog closes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_record import ClientDraft, ClientRecord
from desktop_app.domain.field_errors import InvalidField
from desktop_app.ui.clients.client_form import DIALOG_MIN_WIDTH, ClientForm
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell


def _create(shell: Shell, draft: ClientDraft) -> int:
    from desktop_app.services.client_intake import create_client

    client: ClientRecord = create_client(shell.signed_in(), draft)
    return client.id


class IntakeDialog(Retranslating, QDialog):
    created = Signal(int)
    open_existing = Signal(int)
    failed = Signal(str)  # the refusal, as shown

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.busy = False
        self.existing_client_id: int | None = None
        self.setMinimumWidth(DIALOG_MIN_WIDTH)
        self.form = ClientForm(shell)
        self.error = MessageLabel()
        self.open_existing_button = QPushButton()
        self.open_existing_button.setVisible(False)
        self.open_existing_button.clicked.connect(self._open_existing)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.open_existing_button)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New client"))
        self.open_existing_button.setText(self.tr("Open the existing client"))
        self.ok_button.setText(self.tr("&Register"))

    def submit(self) -> None:
        if self.busy:
            return
        draft = self.form.draft()
        self._set_busy(True)
        self.error.clear_message()
        self.form.clear_errors()
        self.existing_client_id = None
        self.open_existing_button.setVisible(False)
        shell = self.shell  # the worker gets the shell, never a widget
        shell.jobs.run(lambda: _create(shell, draft), self._succeeded, self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self.buttons.setEnabled(not busy)
        self.form.setEnabled(not busy)

    def _succeeded(self, result: object) -> None:
        self._set_busy(False)
        self.accept()
        self.created.emit(int(result))  # type: ignore[call-overload]

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.services.client_intake import DuplicateClient

        self._set_busy(False)
        text = self.shell.error_text(exc)
        if not (self.form.show_error(exc) and isinstance(exc, InvalidField)):
            self.error.show_error(text)  # a field's own problem is shown at that field only
        if isinstance(exc, DuplicateClient) and exc.existing_client_id is not None:
            self.existing_client_id = exc.existing_client_id
            self.open_existing_button.setVisible(True)
        self.failed.emit(text)

    def _open_existing(self) -> None:
        if self.existing_client_id is None:
            return
        client_id = self.existing_client_id
        self.reject()
        self.open_existing.emit(client_id)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
