"""One revealable field on the client detail page: the masked value, a "Reveal" button and, while
the full value shows, a "Copy" button.

The full value is held only while it is shown: ``remask()`` (the timer, the window losing focus,
the dialog closing) puts the masked text back and forgets it. It never reaches a log or a title.
The value wraps onto more lines when long; it is not selectable (Copy is the audited way out).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.ui.retranslate import Retranslating

REVEALED_STYLE = "color: #8a4b00; font-weight: bold;"


class RevealRow(Retranslating, QWidget):
    reveal_clicked = Signal(str)
    copy_clicked = Signal(str)
    remasked = Signal(str)

    def __init__(self, key: str, *, may_reveal: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.may_reveal = may_reveal
        self.masked = ""
        self._value: str | None = None
        self.value_label = QLabel()
        self.value_label.setWordWrap(True)  # a long address wraps instead of being cut off
        self.reveal_button = QPushButton()
        self.reveal_button.setAutoDefault(False)
        self.copy_button = QPushButton()
        self.copy_button.setAutoDefault(False)
        self.copy_button.setVisible(False)
        self.reveal_button.setVisible(False)
        self.reveal_button.clicked.connect(lambda: self.reveal_clicked.emit(self.key))
        self.copy_button.clicked.connect(lambda: self.copy_clicked.emit(self.key))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.remask)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.value_label, 1)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.copy_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.reveal_button.setText(self.tr("Reveal"))
        self.reveal_button.setToolTip(self.tr("Show the full value for a short time (asks why; audited)"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy; the clipboard is cleared again shortly"))

    @property
    def revealed(self) -> bool:
        return self._value is not None

    def value(self) -> str | None:
        """The full value while it is shown, else None."""
        return self._value

    def set_masked(self, masked: str) -> None:
        self.masked = masked
        self.remask()

    def show_revealed(self, value: str, seconds: float) -> None:
        self._value = value
        self.value_label.setText(value)
        self.value_label.setStyleSheet(REVEALED_STYLE)
        self.copy_button.setVisible(True)
        self.reveal_button.setVisible(False)
        self.timer.start(max(1, int(seconds * 1000)))

    def remask(self) -> None:
        was_revealed = self._value is not None
        self.timer.stop()
        self._value = None
        self.value_label.setText(self.masked)
        self.value_label.setStyleSheet("")
        self.copy_button.setVisible(False)
        self.reveal_button.setVisible(self.may_reveal and bool(self.masked))
        if was_revealed:
            self.remasked.emit(self.key)
