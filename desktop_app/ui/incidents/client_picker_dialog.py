"""Picking the clients an incident affected (manager, client-data key): search the records as on the
client list (masked rows: name, pinyin, initials or the last 4 digits of the phone), add the
results, remove mistakes, save. The list is stored in clients.db; the incident keeps the count.
Emits ``saved(incident)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_views import ClientSummary
from desktop_app.domain.incident_record import Incident
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 50
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole


def _item(summary: ClientSummary) -> QListWidgetItem:
    item = QListWidgetItem(f"#{summary.id}  {summary.name}    {summary.phone}")
    item.setData(CLIENT_ID_ROLE, summary.id)
    return item


class ClientPickerDialog(JobDialog):
    saved = Signal(object)
    searched = Signal()
    loaded = Signal()

    def __init__(self, shell: Shell, incident: Incident, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.incident = incident
        self._serial = 0
        self.setMinimumSize(620, 420)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.chosen = QListWidget()
        self.chosen.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.count_label = QLabel()
        self.results_label = QLabel()
        self.chosen_label = QLabel()
        left = QVBoxLayout()
        left.addWidget(self.results_label)
        left.addWidget(self.search)
        left.addWidget(self.results)
        left.addWidget(self.add_button)
        right = QVBoxLayout()
        right.addWidget(self.chosen_label)
        right.addWidget(self.chosen)
        right.addWidget(self.remove_button)
        lists = QHBoxLayout()
        lists.addLayout(left)
        lists.addLayout(right)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(lists)
        layout.addWidget(self.count_label)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.timer.timeout.connect(self.run_search)
        self.add_button.clicked.connect(self.add_selected)
        self.results.itemDoubleClicked.connect(lambda _item: self.add_selected())
        self.remove_button.clicked.connect(self.remove_selected)
        self.retranslate()
        self._load()

    def inputs(self) -> list[QWidget]:
        return [self.search, self.results, self.chosen, self.add_button, self.remove_button]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Affected clients of %1").replace("%1", self.incident.reference))
        self.results_label.setText(self.tr("Find clients:"))
        self.chosen_label.setText(self.tr("Affected clients:"))
        self.search.setPlaceholderText(self.tr("Name, pinyin or last 4 digits of the phone"))
        self.add_button.setText(self.tr("&Add →"))
        self.remove_button.setText(self.tr("&Remove"))
        self.ok_button.setText(self.tr("&Save list"))
        self._count()

    def _count(self) -> None:
        self.count_label.setText(self.tr("%1 client(s) affected").replace("%1", str(self.chosen.count())))

    def _load(self) -> None:
        from desktop_app.services.incident_clients import affected_clients

        self.shell.call(
            affected_clients, self.incident.id, on_ok=self._loaded, on_error=self._job_failed, owner=self
        )

    def _loaded(self, found: object) -> None:
        assert isinstance(found, list)
        for summary in found:
            self.chosen.addItem(_item(summary))
        self._count()
        self.loaded.emit()

    def run_search(self) -> None:
        from desktop_app.services.client_search import search_clients

        self.timer.stop()
        self._serial += 1
        serial = self._serial
        self.shell.call(
            search_clients,
            self.search.text(),
            SEARCH_LIMIT,
            on_ok=lambda found: self._found(serial, found),
            on_error=self._job_failed,
            owner=self,
        )

    def _found(self, serial: int, found: object) -> None:
        if serial != self._serial:
            return
        self.results.clear()
        assert isinstance(found, list)
        for summary in found:
            self.results.addItem(_item(summary))
        self.searched.emit()

    def chosen_ids(self) -> list[int]:
        return [int(self.chosen.item(row).data(CLIENT_ID_ROLE)) for row in range(self.chosen.count())]

    def add_selected(self) -> None:
        present = set(self.chosen_ids())
        items = self.results.selectedItems() or (
            [self.results.currentItem()] if self.results.currentItem() else []
        )
        for item in items:
            if item is not None and int(item.data(CLIENT_ID_ROLE)) not in present:
                copy = QListWidgetItem(item.text())
                copy.setData(CLIENT_ID_ROLE, item.data(CLIENT_ID_ROLE))
                self.chosen.addItem(copy)
                present.add(int(item.data(CLIENT_ID_ROLE)))
        self._count()

    def remove_selected(self) -> None:
        for item in self.chosen.selectedItems():
            self.chosen.takeItem(self.chosen.row(item))
        self._count()

    def submit(self) -> None:
        from desktop_app.services.incident_clients import set_affected_clients

        self.run_job(set_affected_clients, self.incident.id, self.chosen_ids())

    def succeeded(self, result: object) -> None:
        self.saved.emit(result)
        self.accept()
