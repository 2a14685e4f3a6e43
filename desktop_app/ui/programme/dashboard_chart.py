"""A small bar chart of one target over the last quarters, drawn with QPainter.

Why no chart library: the desktop bundle stays lean (QtCharts is not in pyside6-essentials); five
bars and a dashed target line are a few lines of painting. Green met, red not met, grey no data
(a short grey stub, never a bar that looks like 0 %); the target as a dashed line; quarter keys
under the bars; the value over each bar. Values are what the cards show (Decimal percentages).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

GREEN = QColor(40, 140, 70)
RED = QColor(200, 40, 40)
GREY = QColor(160, 160, 160)


def status_colour(met: bool | None) -> QColor:
    return {True: GREEN, False: RED, None: GREY}[met]


@dataclass(frozen=True)
class Bar:
    label: str  # "2026Q3"
    value: Decimal | None
    met: bool | None


class TrendChart(QWidget):
    """Bars of one target's value per quarter, with the target line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.target = 0
        self.no_data_text = "—"
        self.setMinimumSize(180, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(240, 100)

    def set_bars(self, bars: list[Bar], target: int) -> None:
        self.bars = bars
        self.target = target
        self.setToolTip(
            "\n".join(
                f"{bar.label}: {self.no_data_text if bar.value is None else f'{bar.value}%'}" for bar in bars
            )
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        text_h = metrics.height()
        values = [float(b.value) for b in self.bars if b.value is not None]
        low = min([0.0, *values])
        high = 100.0
        plot = QRectF(4, text_h + 2, self.width() - 8, self.height() - 2 * text_h - 6)

        def y_of(value: float) -> float:
            return plot.bottom() - (value - low) / (high - low) * plot.height()

        slot = plot.width() / len(self.bars)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        for index, bar in enumerate(self.bars):
            left = plot.left() + slot * index + slot * 0.18
            width = slot * 0.64
            if bar.value is None:
                top, bottom = plot.bottom() - 3, plot.bottom()
                caption = self.no_data_text
            else:
                value = float(bar.value)
                top, bottom = min(y_of(value), y_of(0)), max(y_of(value), y_of(0))
                caption = f"{bar.value}"
            painter.fillRect(QRectF(left, top, width, max(bottom - top, 1)), status_colour(bar.met))
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(left - slot * 0.18, top - text_h - 1, slot, text_h),
                Qt.AlignmentFlag.AlignCenter,
                caption,
            )
            painter.drawText(
                QRectF(plot.left() + slot * index, plot.bottom() + 2, slot, text_h),
                Qt.AlignmentFlag.AlignCenter,
                bar.label,
            )
        target_pen = QPen(QColor(50, 50, 150), 1, Qt.PenStyle.DashLine)
        painter.setPen(target_pen)
        y = y_of(float(self.target))
        painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
        painter.end()
