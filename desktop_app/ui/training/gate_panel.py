"""What the client areas show while the member's privacy training is overdue and the gate is on.

Rule: the services refuse every client-data action of a gated member (services/training_gate.py);
the GUI shows this panel in the Clients, Requests, Consent and Exports areas instead of pages that
would only meet that refusal, with why and a button to the quiz. Once the quiz is passed the main
window puts the pages back. Nothing here touches the database. Reason: PIPL Art. 51(4).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.navigation import Area
from desktop_app.ui.retranslate import Retranslating


class TrainingGatePanel(Retranslating, QWidget):
    take_training_requested = Signal()

    def __init__(self, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = area
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(self.take_training_requested)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setMaximumWidth(760)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.body)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        inner.addLayout(row)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(box, 4)
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("This quarter's privacy training quiz is not done yet"))
        self.body.setText(
            self.tr(
                "The grace period for this quarter's privacy training has ended. Client data stays "
                "closed until you pass the quiz (or your manager records that you attended a classroom "
                "session). Training, the privacy programme area and signing out stay open."
            )
        )
        self.button.setText(self.tr("Take the quiz"))
