"""Editing a client on the intake form, without ever showing a stored personal value.

The masked detail (``get_client``, audited as ``client.view``) is loaded on the database lane. Choices
and notes are filled in (they are not masked); the personal fields (name, phone, ID number, email,
address) stay empty with the masked value as placeholder text: blank means unchanged, typed text
replaces the stored value. Raw values leave the services only through an audited reveal, so this
dialog never asks for them.

"Save" sends only the changed fields to ``update_client`` (audited ``client.update``); a refusal is
shown under the named field like intake, a duplicate phone or ID number too. Moving a buyer back
before subscription deletes the stored ID number and income band: the dialog says so and asks first
(``ui.dialogs.confirm``). The sensitive-data consent is not edited here: it follows the signed forms
recorded on the client's page, and is withdrawn there. On success
``saved(client_id)`` is emitted and the dialog closes. The window title never names the client.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop_app.domain.client_views import ClientDetail
from desktop_app.domain.field_errors import InvalidField
from desktop_app.ui import dialogs
from desktop_app.ui.clients.client_form import DIALOG_MIN_WIDTH, ClientForm
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


class ClientEditDialog(JobDialog):
    saved = Signal(int)
    loaded = Signal()

    def __init__(self, shell: Shell, client_id: int, parent: QWidget | None = None) -> None:
        from desktop_app.services.client_directory import get_client

        super().__init__(shell, parent)
        self.client_id = client_id
        self.detail: ClientDetail | None = None
        self.setMinimumWidth(DIALOG_MIN_WIDTH)
        self.form = ClientForm(shell, editing=True)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.save_button.setEnabled(False)
        self.run_job(get_client, client_id, then=self._loaded)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit client"))
        self.save_button.setText(self.tr("&Save"))

    def inputs(self) -> Sequence[QWidget]:
        return (self.form,)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.form.setEnabled(not busy and self.detail is not None)  # stays disabled if loading failed

    def _loaded(self, result: object) -> None:
        assert isinstance(result, ClientDetail)
        self.detail = result
        self.form.load_detail(result)
        self.set_busy(False)
        self.save_button.setEnabled(True)
        self.loaded.emit()

    def submit(self) -> None:
        from desktop_app.services.client_intake import update_client

        if self.busy or self.detail is None:
            return
        changes = self.form.changes()
        self.error.clear_message()
        self.form.clear_errors()
        if not changes:
            self.accept()
            return
        if self.form.deletes_sensitive() and not self._confirm_deleting_sensitive():
            return
        self.run_job(update_client, self.client_id, changes)

    def _confirm_deleting_sensitive(self) -> bool:
        because = self.tr("the client is now before the subscription stage")
        question = self.tr(
            "The ID number and income band will be deleted because %1. This cannot be undone. Save?"
        ).replace("%1", because)
        return dialogs.confirm(self, self.tr("Delete sensitive data"), question)

    def succeeded(self, result: object) -> None:
        assert isinstance(result, ClientDetail)
        self.accept()
        self.saved.emit(self.client_id)

    def show_failure(self, exc: BaseException, text: str) -> None:
        if not (self.form.show_error(exc) and isinstance(exc, InvalidField)):
            self.error.show_error(text)  # a field's own problem is shown at that field only

    def reject(self) -> None:
        if not self.busy or self.detail is None:  # closing while the detail loads is fine
            QDialog.reject(self)
