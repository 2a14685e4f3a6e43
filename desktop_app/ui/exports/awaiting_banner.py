"""The line a manager sees under the menu bar when summaries for headquarters await approval.

The count comes from ``hq_exports.awaiting_approval_count`` (after sign-in and after every
background pass) or from the Exports list when it reloads; hidden at zero. Not a modal question:
the manager may be busy with a client. The navigation entry carries the same count.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.ui.retranslate import Retranslating


class AwaitingApprovalBanner(Retranslating, QFrame):
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self.setStyleSheet("AwaitingApprovalBanner { background: #e3effd; border: 1px solid #8fb3e0; }")
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
            self.tr("%n summary(ies) for headquarters await a manager's approval.", "", self.count)
        )
        self.button.setText(self.tr("Open &Exports"))
