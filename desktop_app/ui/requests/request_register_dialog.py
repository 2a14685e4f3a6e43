"""Registering a client's request: find the client (search as you type, masked results), the type,
the date received, an optional description and whether the requester's identity is verified.

The search and the registration run on the database lane; a refusal is shown under the form. On success
``registered(request_id)`` is emitted and the dialog closes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.branch_time import branch_day
from desktop_app.domain.client_requests import DESCRIPTION_MAX, RequestKind, RequestView
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 30
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole


def today_of(shell: Shell) -> date:
    """Today by the app's clock (tests inject it), as the services count it."""
    return branch_day(shell.signed_in().clock())


class RegisterRequestDialog(JobDialog):
    registered = Signal(int)
    searched = Signal()

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self._search_serial = 0
        self.setMinimumWidth(480)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMaximumHeight(140)
        self.kind = QComboBox()
        for kind in RequestKind:
            self.kind.addItem("", kind.value)
        today = today_of(shell)
        self.received = QDateEdit(QDate(today.year, today.month, today.day))
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.received.setCalendarPopup(True)
        self.received.setMaximumDate(QDate(today.year, today.month, today.day))
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(80)
        self.verified = QCheckBox()
        self.labels = [QLabel() for _ in range(5)]
        form = QFormLayout()
        for label, field in zip(
            self.labels, (self.search, self.kind, self.received, self.description, self.verified), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.insertRow(1, QLabel(), self.results)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_timer.timeout.connect(self.run_search)
        self.results.currentItemChanged.connect(lambda *_: self._update_ok())
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Register a client request"))
        texts = (
            self.tr("&Find the client:"),
            self.tr("&Type:"),
            self.tr("Received o&n:"),
            self.tr("&Description:"),
            self.tr("Identity:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.search.setPlaceholderText(self.tr("Name, pinyin or last 4 digits of the phone"))
        self.description.setPlaceholderText(
            self.tr("optional: what the client asked for (at most %1 characters)").replace(
                "%1", str(DESCRIPTION_MAX)
            )
        )
        self.verified.setText(self.tr("The requester's &identity is verified"))
        for index, kind in enumerate(RequestKind):
            self.kind.setItemText(index, kind.label(self.shell.lang))
        self.ok_button.setText(self.tr("&Register"))

    # ------------------------------------------------------------------------------------ search

    def run_search(self) -> None:
        self.search_timer.stop()
        text = self.search.text()
        self._search_serial += 1
        serial = self._search_serial
        from desktop_app.services.client_search import search_clients

        self.shell.call(
            search_clients,
            text,
            SEARCH_LIMIT,
            on_ok=lambda found: self._found(serial, found),
            on_error=self._job_failed,
            owner=self,
        )

    def _found(self, serial: int, found: object) -> None:
        if serial != self._search_serial:
            return  # an older search
        self.results.clear()
        for summary in found:  # type: ignore[attr-defined]
            item = QListWidgetItem(f"{summary.name}    {summary.phone}")
            item.setData(CLIENT_ID_ROLE, summary.id)
            self.results.addItem(item)
        if self.results.count() == 1:
            self.results.setCurrentRow(0)
        self._update_ok()
        self.searched.emit()

    def selected_client_id(self) -> int | None:
        item = self.results.currentItem()
        return None if item is None else int(item.data(CLIENT_ID_ROLE))

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(not self.busy and self.selected_client_id() is not None)

    # ---------------------------------------------------------------------------------- register

    def submit(self) -> None:
        from desktop_app.services.client_requests import register_request

        client_id = self.selected_client_id()
        if self.busy or client_id is None:
            return
        qdate = self.received.date()
        self.run_job(
            register_request,
            client_id,
            str(self.kind.currentData()),
            date(qdate.year(), qdate.month(), qdate.day()),
            self.description.toPlainText(),
            self.verified.isChecked(),
        )

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self._update_ok()

    def succeeded(self, result: object) -> None:
        assert isinstance(result, RequestView)
        self.accept()
        self.registered.emit(result.id)
