"""Registering a new client on the full intake form (ui/clients/client_form.py).

The client is created on the worker by ``create_client``. A refusal is shown under the named field
(and under the form) in the UI language, and everything typed stays. A duplicate phone or ID number
the user may see offers to open that client (``open_existing(client_id)``); for one the user may not
see (another agent's client) the notice says to ask the manager. On success ``created(client_id)``
is emitted and the dialog closes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_record import ClientRecord
from desktop_app.domain.field_errors import InvalidField
from desktop_app.ui.clients.client_form import DIALOG_MIN_WIDTH, ClientForm
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


class IntakeDialog(JobDialog):
    created = Signal(int)
    open_existing = Signal(int)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.existing_client_id: int | None = None
        self.setMinimumWidth(DIALOG_MIN_WIDTH)
        self.form = ClientForm(shell)
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
        from desktop_app.services.client_intake import create_client

        if self.busy:
            return
        draft = self.form.draft()
        self.form.clear_errors()
        self.existing_client_id = None
        self.open_existing_button.setVisible(False)
        self.run_job(create_client, draft)

    def inputs(self) -> Sequence[QWidget]:
        return (self.form,)

    def succeeded(self, result: object) -> None:
        client: ClientRecord = result  # type: ignore[assignment]
        self.accept()
        self.created.emit(client.id)

    def show_failure(self, exc: BaseException, text: str) -> None:
        from desktop_app.services.client_intake import DuplicateClient

        if not (self.form.show_error(exc) and isinstance(exc, InvalidField)):
            self.error.show_error(text)  # a field's own problem is shown at that field only
        if isinstance(exc, DuplicateClient) and exc.existing_client_id is not None:
            self.existing_client_id = exc.existing_client_id
            self.open_existing_button.setVisible(True)

    def _open_existing(self) -> None:
        if self.existing_client_id is None:
            return
        client_id = self.existing_client_id
        self.reject()
        self.open_existing.emit(client_id)
