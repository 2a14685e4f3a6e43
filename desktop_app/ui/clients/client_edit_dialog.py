"""Editing a client on the intake form, without ever showing a stored personal value.

The masked detail (``get_client``, audited as ``client.view``) is loaded on the worker. Choices
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

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop_app.domain.field_errors import InvalidField
from desktop_app.services.client_directory import ClientDetail
from desktop_app.ui import dialogs
from desktop_app.ui.clients.client_form import DIALOG_MIN_WIDTH, ClientForm
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell


def _get(shell: Shell, client_id: int) -> ClientDetail:
    from desktop_app.services.client_directory import get_client

    return get_client(shell.signed_in(), client_id)


def _update(shell: Shell, client_id: int, changes: dict[str, Any]) -> ClientDetail:
    from desktop_app.services.client_intake import update_client

    return update_client(shell.signed_in(), client_id, changes)


class ClientEditDialog(Retranslating, QDialog):
    saved = Signal(int)
    loaded = Signal()
    failed = Signal(str)  # a refusal (loading or saving), as shown

    def __init__(self, shell: Shell, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.client_id = client_id
        self.detail: ClientDetail | None = None
        self.busy = False
        self.setMinimumWidth(DIALOG_MIN_WIDTH)
        self.form = ClientForm(shell, editing=True)
        self.error = MessageLabel()
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
        self._set_busy(True)
        self.save_button.setEnabled(False)
        shell.jobs.run(lambda: _get(shell, client_id), self._loaded, self._load_failed, owner=self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit client"))
        self.save_button.setText(self.tr("&Save"))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self.buttons.setEnabled(not busy)
        self.form.setEnabled(not busy)

    def _loaded(self, result: object) -> None:
        assert isinstance(result, ClientDetail)
        self.detail = result
        self.form.load_detail(result)
        self._set_busy(False)
        self.save_button.setEnabled(True)
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.busy_bar.setVisible(False)
        self.buttons.setEnabled(True)  # Cancel closes; the form stays disabled
        text = self.shell.error_text(exc)
        self.error.show_error(text)
        self.failed.emit(text)

    def submit(self) -> None:
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
        self._set_busy(True)
        shell, client_id = self.shell, self.client_id  # the worker gets the shell, never a widget
        shell.jobs.run(lambda: _update(shell, client_id, changes), self._saved, self._save_failed, owner=self)

    def _confirm_deleting_sensitive(self) -> bool:
        because = self.tr("the client is now before the subscription stage")
        question = self.tr(
            "The ID number and income band will be deleted because %1. This cannot be undone. Save?"
        ).replace("%1", because)
        return dialogs.confirm(self, self.tr("Delete sensitive data"), question)

    def _saved(self, result: object) -> None:
        assert isinstance(result, ClientDetail)
        self._set_busy(False)
        self.accept()
        self.saved.emit(self.client_id)

    def _save_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        text = self.shell.error_text(exc)
        if not (self.form.show_error(exc) and isinstance(exc, InvalidField)):
            self.error.show_error(text)  # a field's own problem is shown at that field only
        self.failed.emit(text)

    def reject(self) -> None:
        if not self.busy or self.detail is None:
            super().reject()
