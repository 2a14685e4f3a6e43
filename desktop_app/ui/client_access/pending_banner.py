"""The line a manager sees under the menu bar when members wait for client-data confirmation.

Checked once after sign-in (services/client_access.pending_members on the worker) and after each
confirmation; hidden when nobody waits. Not a modal question: the manager may be busy with a client.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.ui.retranslate import Retranslating


class PendingMembersBanner(Retranslating, QFrame):
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self.setStyleSheet("PendingMembersBanner { background: #fff4ce; border: 1px solid #e0c060; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(self.open_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.setVisible(False)
        self.retranslate()

    def set_count(self, count: int) -> None:
        self.count = count
        self.retranslate()
        self.setVisible(count > 0)

    def retranslate(self) -> None:
        self.label.setText(
            self.tr(
                "%n staff member(s) are waiting for you to confirm their access to client data.",
                "",
                self.count,
            )
        )
        self.button.setText(self.tr("Confirm &access…"))
