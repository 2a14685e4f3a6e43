"""A line under the menu bar that shows a count and one button, and hides itself at zero.

The banners a manager sees after signing in are built on it: members waiting for client-data
confirmation (ui/client_access/pending_banner.py) and summaries for headquarters awaiting approval
(ui/exports/awaiting_banner.py). Not a modal question: the manager may be busy with a client.
A subclass gives its colours (``STYLE``) and its texts (``retranslate``, through ``tr()``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.ui.retranslate import Retranslating


class CountBanner(Retranslating, QFrame):
    open_requested = Signal()
    STYLE = "background: #e3effd; border: 1px solid #8fb3e0;"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self.setStyleSheet(f"{type(self).__name__} {{ {self.STYLE} }}")
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
        """Set the label's and the button's texts for ``self.count`` (each subclass has its own)."""
