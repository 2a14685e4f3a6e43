"""One client's masked detail (``get_client``, audited as ``client.view``), fetched on the worker.

Every personal field is masked; the notes are the one field shown in full, and only here. The
window title never names the client.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_choices import IntentionLevel, SourceChannel
from desktop_app.domain.client_record import Stage
from desktop_app.services.client_directory import ClientDetail
from desktop_app.ui.clients.client_labels import choice_label, local_date
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

FIELDS = (
    "name",
    "phone",
    "stage",
    "intention",
    "source",
    "email",
    "address",
    "id_number",
    "created",
    "contact",
)


def _get(shell: Shell, client_id: int) -> ClientDetail:
    from desktop_app.services.client_directory import get_client

    return get_client(shell.context(), client_id)


class ClientDetailDialog(Retranslating, QDialog):
    loaded = Signal()
    failed = Signal(str)

    def __init__(self, shell: Shell, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.client_id = client_id
        self.detail: ClientDetail | None = None
        self.setMinimumWidth(440)
        self.labels = {key: QLabel() for key in (*FIELDS, "notes")}
        self.values = {key: QLabel() for key in FIELDS}
        form = QFormLayout()
        for key in FIELDS:
            form.addRow(self.labels[key], self.values[key])
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(120)
        form.addRow(self.labels["notes"], self.notes)
        self.error = MessageLabel()
        self.busy_bar = BusyBar()
        self.busy_bar.setVisible(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(buttons)
        self.retranslate()
        shell.jobs.run(lambda: _get(shell, client_id), self._loaded, self._failed, owner=self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Client details"))
        texts = {
            "name": self.tr("Name:"),
            "phone": self.tr("Phone:"),
            "stage": self.tr("Stage:"),
            "intention": self.tr("Intention level:"),
            "source": self.tr("Source channel:"),
            "email": self.tr("Email:"),
            "address": self.tr("Address:"),
            "id_number": self.tr("ID number:"),
            "created": self.tr("Registered:"),
            "contact": self.tr("Last contact:"),
            "notes": self.tr("Notes:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self._show_values()

    def _show_values(self) -> None:
        d = self.detail
        if d is None:
            return
        lang = self.shell.lang
        shown = {
            "name": d.name,
            "phone": d.phone,
            "stage": choice_label(Stage, d.stage, lang),
            "intention": choice_label(IntentionLevel, d.intention_level, lang),
            "source": choice_label(SourceChannel, d.source_channel, lang),
            "email": d.email,
            "address": d.address,
            "id_number": d.id_number,
            "created": local_date(d.created_at),
            "contact": local_date(d.last_contact_at),
        }
        for key, text in shown.items():
            self.values[key].setText(text)
        self.notes.setPlainText(d.notes)

    def _loaded(self, result: object) -> None:
        self.busy_bar.setVisible(False)
        assert isinstance(result, ClientDetail)
        self.detail = result
        self._show_values()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.busy_bar.setVisible(False)
        text = self.shell.error_text(exc)
        self.error.show_error(text)
        self.failed.emit(text)
