"""The "Requests and retention" area (managers): individuals' requests (PIPL Art. 44–50) on one tab,
the retention queue of records due for destruction on the other. Each tab loads when first shown."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop_app.ui.requests.requests_page import RequestsPage
from desktop_app.ui.requests.retention_page import RetentionQueuePage
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell


class RequestsArea(Retranslating, QWidget):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.requests = RequestsPage(shell)
        self.retention = RetentionQueuePage(shell)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.requests, "")
        self.tabs.addTab(self.retention, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Client requests"))
        self.tabs.setTabText(1, self.tr("Due for destruction"))
