"""One card per programme target: its value, the target, the status colour (green met, red not met,
grey "no data"), the counts behind it and its trend by quarter.

The card shows exactly the ``TargetResult`` it is given (services/programme_status.py), the same
value ``programme status --json`` prints: ``value`` is the Decimal percentage with one decimal.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.programme_targets import TargetId, TargetResult
from desktop_app.ui.programme.dashboard_chart import Bar, TrendChart, status_colour
from desktop_app.ui.retranslate import Retranslating


class TargetCard(Retranslating, QFrame):
    def __init__(self, target: TargetId, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.result: TargetResult | None = None
        self.bars: list[Bar] = []
        self.setObjectName(f"target-{target.value}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.value_label = QLabel()
        big = self.value_label.font()
        big.setPointSizeF(big.pointSizeF() * 1.8)
        big.setBold(True)
        self.value_label.setFont(big)
        self.target_label = QLabel()
        self.status_label = QLabel()
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.chart = TrendChart()
        layout = QVBoxLayout(self)
        for widget in (self.title, self.value_label, self.target_label, self.status_label, self.counts_label):
            layout.addWidget(widget)
        layout.addWidget(self.chart)
        self.retranslate()

    # ------------------------------------------------------------------------------- labels

    def target_name(self) -> str:
        return {
            TargetId.TRAINING_COVERAGE: self.tr("Training coverage"),
            TargetId.QUIZ_PASS: self.tr("Quiz first-attempt pass rate"),
            TargetId.SATISFACTION: self.tr("Client satisfaction"),
            TargetId.COMPLIANCE_REVIEW: self.tr("Compliance review"),
            TargetId.EDUCATION: self.tr("Privacy education"),
            TargetId.BREACH_REDUCTION: self.tr("Breach reduction"),
        }[self.target]

    def counts_text(self, result: TargetResult) -> str:
        if result.denominator is None:
            unknown = {
                TargetId.COMPLIANCE_REVIEW: self.tr("No review finished yet"),
                TargetId.EDUCATION: self.tr("Client figures are not available"),
                TargetId.BREACH_REDUCTION: self.tr(
                    "The baseline year's breaches are unknown: set them below"
                ),
            }
            if self.target in unknown:
                return unknown[self.target]
        n, d = str(result.numerator), "—" if result.denominator is None else str(result.denominator)
        texts = {
            TargetId.TRAINING_COVERAGE: self.tr("%1 of %2 active staff completed this quarter's training"),
            TargetId.QUIZ_PASS: self.tr("%1 of %2 staff who took the quiz passed at the first attempt"),
            TargetId.SATISFACTION: self.tr("%1 of %2 responses satisfied or very satisfied"),
            TargetId.COMPLIANCE_REVIEW: self.tr("%1 of %2 applicable items passed in the latest review"),
            TargetId.EDUCATION: self.tr("%1 of %2 clients active this year took part in education"),
            TargetId.BREACH_REDUCTION: self.tr("%1 breaches this year; %2 in the baseline year"),
        }
        return texts[self.target].replace("%1", n).replace("%2", d)

    def status_text(self, met: bool | None) -> str:
        return {True: self.tr("Met"), False: self.tr("Not met"), None: self.tr("No data")}[met]

    # ------------------------------------------------------------------------------- values

    def set_result(self, result: TargetResult, bars: list[Bar]) -> None:
        self.result = result
        self.bars = bars
        self.retranslate()

    def value_text(self) -> str:
        if self.result is None or self.result.value_percent is None:
            return "—"
        return f"{self.result.value_percent}%"

    def retranslate(self) -> None:
        self.title.setText(self.target_name())
        self.chart.no_data_text = self.tr("No data")
        result = self.result
        if result is None:
            self.value_label.setText("…")
            self.target_label.setText("")
            self.status_label.setText("")
            self.counts_label.setText("")
            return
        self.value_label.setText(self.value_text())
        self.target_label.setText(self.tr("Target: %1").replace("%1", f"≥ {result.target_percent}%"))
        self.status_label.setText(self.status_text(result.met))
        colour = status_colour(result.met).name()
        self.status_label.setStyleSheet(f"color: white; background: {colour}; padding: 2px 6px;")
        self.value_label.setStyleSheet(f"color: {colour};")
        self.counts_label.setText(self.counts_text(result))
        self.setToolTip(self.counts_text(result))
        self.chart.set_bars(self.bars, result.target_percent)
