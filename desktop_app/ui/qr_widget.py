"""A QR code painted with QPainter from reportlab's encoder (documents/qr_matrix.py): the
authenticator app scans the ``otpauth://`` URI off the screen; no QR library beyond the bundled one."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.documents.qr_matrix import QUIET_ZONE, qr_matrix

MODULE_PX = 5


class QrCodeView(QWidget):
    """Black modules on white, with the quiet zone, at ``MODULE_PX`` per module."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_data(self, data: str) -> None:
        self.matrix = qr_matrix(data) if data else []
        self.setFixedSize(self.sizeHint())
        self.update()

    def sizeHint(self) -> QSize:
        side = (len(self.matrix) + 2 * QUIET_ZONE) * MODULE_PX if self.matrix else 0
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(Qt.GlobalColor.white))
        for r, row in enumerate(self.matrix):
            for c, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        QRect(
                            (c + QUIET_ZONE) * MODULE_PX, (r + QUIET_ZONE) * MODULE_PX, MODULE_PX, MODULE_PX
                        ),
                        QColor(Qt.GlobalColor.black),
                    )
        painter.end()
