"""An honest placeholder for an area whose features arrive in a later release."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.domain.navigation import Area
from desktop_app.ui.retranslate import Retranslating


class PlaceholderPage(Retranslating, QWidget):
    def __init__(self, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = area
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        titles = {
            Area.CLIENTS: self.tr("Clients"),
            Area.CONSENT: self.tr("Consent forms"),
            Area.EXPORTS: self.tr("Exports"),
        }
        bodies = {
            Area.CLIENTS: self.tr(
                "Client records (search, masked fields, reveal with a reason) arrive in a later release "
                "of BranchVault. Nothing is stored here yet."
            ),
            Area.CONSENT: self.tr(
                "Printing and recording client consent forms arrives in a later release of BranchVault."
            ),
            Area.EXPORTS: self.tr(
                "Requesting and approving data exports arrives in a later release of BranchVault."
            ),
        }
        self.title.setText(titles.get(self.area, self.area.value))
        self.body.setText(bodies.get(self.area, self.tr("This area arrives in a later release.")))

    def text(self) -> str:
        return f"{self.title.text()}\n{self.body.text()}"
