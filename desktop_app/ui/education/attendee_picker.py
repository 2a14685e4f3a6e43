"""Picking clients from the records: search as you type (services/client_search.py: masked rows,
only the clients the user may see — an agent their own), tick the ones who took part, and record
them for the campaign in one go (``record_attendees``: all or nothing, audited with client ids).

With ``campaign_id=None`` the dialog picks ONE client for the privacy-tips leaflet instead:
``picked(client_id)`` is emitted and the caller prints (and so records) the leaflet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 50
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole


class AttendeePicker(JobDialog):
    searched = Signal()
    recorded = Signal(object)  # services.education.Recorded
    picked = Signal(int)

    def __init__(self, shell: Shell, campaign_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.campaign_id = campaign_id
        self.chosen: dict[int, str] = {}  # client id -> masked label, kept across searches
        self._search_serial = 0
        self.setMinimumWidth(480)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.chosen_label = QLabel()
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_timer.timeout.connect(self.run_search)
        self.results.itemChanged.connect(self._ticked)
        self.results.currentItemChanged.connect(lambda *_: self._update())
        self.retranslate()

    @property
    def single(self) -> bool:
        return self.campaign_id is None

    def inputs(self) -> list[QWidget]:
        return [self.search, self.results]

    def retranslate(self) -> None:
        if self.single:
            self.setWindowTitle(self.tr("Print the privacy tips for a client"))
            self.intro.setText(
                self.tr("Find the client. Printing the leaflet records that they received it today.")
            )
            self.ok_button.setText(self.tr("&Print leaflet"))
        else:
            self.setWindowTitle(self.tr("Record campaign participants"))
            self.intro.setText(self.tr("Find the clients who took part and tick them."))
            self.ok_button.setText(self.tr("&Record"))
        self.search.setPlaceholderText(self.tr("Name, pinyin or last 4 digits of the phone"))
        self._update()

    # ------------------------------------------------------------------------------------ search

    def run_search(self) -> None:
        from desktop_app.services.client_search import search_clients

        self.search_timer.stop()
        self._search_serial += 1
        serial = self._search_serial
        self.shell.call(
            search_clients,
            self.search.text(),
            SEARCH_LIMIT,
            on_ok=lambda found: self._found(serial, found),
            on_error=self._job_failed,
            owner=self,
        )

    def _found(self, serial: int, found: object) -> None:
        if serial != self._search_serial:
            return
        self.results.blockSignals(True)
        self.results.clear()
        for summary in found:  # type: ignore[attr-defined]
            item = QListWidgetItem(f"{summary.name}    {summary.phone}")
            item.setData(CLIENT_ID_ROLE, summary.id)
            if not self.single:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = summary.id in self.chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.results.addItem(item)
        self.results.blockSignals(False)
        if self.single and self.results.count() == 1:
            self.results.setCurrentRow(0)
        self._update()
        self.searched.emit()

    def _ticked(self, item: QListWidgetItem) -> None:
        client_id = int(item.data(CLIENT_ID_ROLE))
        if item.checkState() == Qt.CheckState.Checked:
            self.chosen[client_id] = item.text()
        else:
            self.chosen.pop(client_id, None)
        self._update()

    def tick(self, row: int) -> None:
        """Tick result ``row`` (what a click on its box does)."""
        self.results.item(row).setCheckState(Qt.CheckState.Checked)

    def selected_client_id(self) -> int | None:
        item = self.results.currentItem()
        return None if item is None else int(item.data(CLIENT_ID_ROLE))

    def _update(self) -> None:
        if self.single:
            self.chosen_label.setVisible(False)
            self.ok_button.setEnabled(not self.busy and self.selected_client_id() is not None)
            return
        self.chosen_label.setText(self.tr("Clients ticked: %1").replace("%1", str(len(self.chosen))))
        self.ok_button.setEnabled(not self.busy and bool(self.chosen))

    # ------------------------------------------------------------------------------------ submit

    def submit(self) -> None:
        from desktop_app.services.education import record_attendees

        if self.busy:
            return
        if self.single:
            client_id = self.selected_client_id()
            if client_id is not None:
                self.accept()
                self.picked.emit(client_id)
            return
        if self.chosen:
            self.run_job(record_attendees, self.campaign_id, list(self.chosen))

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self._update()

    def succeeded(self, result: object) -> None:
        self.accept()
        self.recorded.emit(result)
