"""Registering a new client (first visit): name or surname, phone, source channel, intention
level and optional notes. The client is created on the worker by ``create_client``; a refusal is
shown under the form in the UI language. A duplicate the user may see offers to open that client.
On success ``created(client_id)`` is emitted and the dialog closes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_choices import IntentionLevel, SourceChannel
from desktop_app.domain.client_record import ClientDraft, ClientRecord
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell


def _create(shell: Shell, draft: ClientDraft) -> int:
    from desktop_app.services.client_intake import create_client

    client: ClientRecord = create_client(shell.context(), draft)
    return client.id


def _fill(combo: QComboBox, kind: type[LabelledChoice], blank: str, language: str) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(blank, "")
    for member in kind:
        combo.addItem(member.label(language), member.value)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
    combo.blockSignals(False)


class IntakeDialog(Retranslating, QDialog):
    created = Signal(int)
    open_existing = Signal(int)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.busy = False
        self.existing_client_id: int | None = None
        self.setMinimumWidth(460)
        self.name = QLineEdit()
        self.name.setMaxLength(40)
        self.phone = QLineEdit()
        self.phone.setMaxLength(32)
        self.source = QComboBox()
        self.intention = QComboBox()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(90)
        self.labels = [QLabel() for _ in range(5)]
        form = QFormLayout()
        fields = (self.name, self.phone, self.source, self.intention, self.notes)
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
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
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.open_existing_button)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New client"))
        self.labels[0].setText(self.tr("&Name or surname:"))
        self.labels[1].setText(self.tr("&Phone:"))
        self.labels[2].setText(self.tr("&Source channel:"))
        self.labels[3].setText(self.tr("&Intention level:"))
        self.labels[4].setText(self.tr("N&otes:"))
        self.name.setPlaceholderText(self.tr("e.g. 王 or 王先生 at a first visit"))
        self.phone.setPlaceholderText(self.tr("mobile, landline or +country code"))
        self.notes.setPlaceholderText(self.tr("optional"))
        _fill(self.source, SourceChannel, self.tr("(not given)"), self.shell.lang)
        _fill(self.intention, IntentionLevel, self.tr("(not rated)"), self.shell.lang)
        self.open_existing_button.setText(self.tr("Open the existing client"))
        self.ok_button.setText(self.tr("&Register"))

    def draft(self) -> ClientDraft:
        return ClientDraft(
            name=self.name.text(),
            phone=self.phone.text(),
            source_channel=str(self.source.currentData() or ""),
            intention_level=str(self.intention.currentData() or ""),
            notes=self.notes.toPlainText(),
        )

    def submit(self) -> None:
        if self.busy:
            return
        draft = self.draft()
        self._set_busy(True)
        self.error.clear_message()
        self.existing_client_id = None
        self.open_existing_button.setVisible(False)
        shell = self.shell  # the worker gets the shell, never a widget
        shell.jobs.run(lambda: _create(shell, draft), self._succeeded, self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self.buttons.setEnabled(not busy)
        for widget in (self.name, self.phone, self.source, self.intention, self.notes):
            widget.setEnabled(not busy)

    def _succeeded(self, result: object) -> None:
        self._set_busy(False)
        self.accept()
        self.created.emit(int(result))  # type: ignore[call-overload]

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.services.client_intake import DuplicateClient

        self._set_busy(False)
        self.error.show_error(self.shell.error_text(exc))
        if isinstance(exc, DuplicateClient) and exc.existing_client_id is not None:
            self.existing_client_id = exc.existing_client_id
            self.open_existing_button.setVisible(True)

    def _open_existing(self) -> None:
        if self.existing_client_id is None:
            return
        client_id = self.existing_client_id
        self.reject()
        self.open_existing.emit(client_id)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
