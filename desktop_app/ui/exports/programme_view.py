"""The summary's privacy-programme block, as the approving manager reads it before it leaves.

Rule: what is shown is what leaves: every count of ``payload["programme"]`` appears as it is in the
payload (numerator and denominator of each of the six targets, the branch's target, and the other
counts), with the percentage HQ will compute from them beside it (domain programme_block.results,
the same arithmetic as the dashboard). A summary without the block says so (an agent's
preparation, or an older summary). Counts only: no staff or client is named in the block.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.hq_summary.programme_block import KEY, check_block, results
from desktop_app.domain.programme_targets import TargetId
from desktop_app.ui.retranslate import Retranslating

# (numerator field, denominator field) of each target, as in the block
TARGET_FIELDS: dict[TargetId, tuple[str, str]] = {
    TargetId.TRAINING_COVERAGE: ("trained_staff", "active_staff"),
    TargetId.QUIZ_PASS: ("quiz_first_passed", "quiz_takers"),
    TargetId.SATISFACTION: ("survey_satisfied", "survey_responses"),
    TargetId.COMPLIANCE_REVIEW: ("review_passed", "review_applicable"),
    TargetId.EDUCATION: ("education_participants", "education_active_clients"),
    TargetId.BREACH_REDUCTION: ("breaches_this_year", "breaches_baseline"),
}
OTHER_FIELDS = (
    "review_period",
    "baseline_year",
    "campaigns_this_year",
    "open_incidents",
    "overdue_rectifications",
)


def _text(value: object) -> str:
    return "—" if value is None else str(value)


def _small_table(columns: int) -> QTableWidget:
    """A read-only table as large as its cells (the tab scrolls, not the table)."""
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return table


class ProgrammeBlockView(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.block: dict[str, Any] | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = _small_table(4)
        self.others = _small_table(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.others, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.retranslate()

    def show_payload(self, payload: Mapping[str, object]) -> None:
        block = payload.get(KEY)
        try:
            self.block = check_block(block) if isinstance(block, dict) else None
        except ValueError:
            self.block = None  # never shown as figures; the JSON tab has it as it is
        self.retranslate()

    def _target_label(self, target: TargetId) -> str:
        labels = {
            TargetId.TRAINING_COVERAGE: self.tr("Training coverage"),
            TargetId.QUIZ_PASS: self.tr("Quiz passed at the first attempt"),
            TargetId.SATISFACTION: self.tr("Client satisfaction"),
            TargetId.COMPLIANCE_REVIEW: self.tr("Compliance review items passed"),
            TargetId.EDUCATION: self.tr("Clients reached by privacy education"),
            TargetId.BREACH_REDUCTION: self.tr("Breach reduction (this year / baseline year)"),
        }
        return labels[target]

    def _other_label(self, field: str) -> str:
        labels = {
            "review_period": self.tr("Latest finished review"),
            "baseline_year": self.tr("Breach baseline year"),
            "campaigns_this_year": self.tr("Education campaigns this year"),
            "open_incidents": self.tr("Open incidents"),
            "overdue_rectifications": self.tr("Overdue rectifications"),
        }
        return labels[field]

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Counts sent"), self.tr("Value"), self.tr("Target"), self.tr("Status")]
        )
        self.others.setHorizontalHeaderLabels([self.tr("Count sent")])
        block = self.block
        self.table.setVisible(block is not None)
        self.others.setVisible(block is not None)
        if block is None:
            self.intro.setText(
                self.tr(
                    "No privacy programme figures are sent with this summary (only a summary a manager "
                    "prepares carries them)."
                )
            )
            return
        self.intro.setText(
            self.tr(
                "Privacy programme figures for %1 (the quarter so far), counts only: headquarters adds "
                "them up across branches. No staff member or client is named."
            ).replace("%1", str(block["quarter"]))
        )
        found = {result.target: result for result in results(block)}
        self.table.setRowCount(len(TARGET_FIELDS))
        for row, (target, (part, whole)) in enumerate(TARGET_FIELDS.items()):
            result = found[target]
            self.table.setVerticalHeaderItem(row, QTableWidgetItem(self._target_label(target)))
            counts = f"{_text(block[part])} / {_text(block[whole])}"
            value = f"{result.value_percent}%" if result.value_percent is not None else self.tr("no data")
            sign = "≥ " if target is not TargetId.BREACH_REDUCTION else "− "
            if result.met is None:
                status = self.tr("no data")
            else:
                status = self.tr("met") if result.met else self.tr("not met")
            for column, text in enumerate(
                (counts, value, f"{sign}{block['targets'][target.value]}%", status)
            ):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.others.setRowCount(len(OTHER_FIELDS))
        for row, field in enumerate(OTHER_FIELDS):
            self.others.setVerticalHeaderItem(row, QTableWidgetItem(self._other_label(field)))
            item = QTableWidgetItem(_text(block[field]))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.others.setItem(row, 0, item)
        for table in (self.table, self.others):
            table.resizeColumnsToContents()
            table.resizeRowsToContents()
            table.updateGeometry()
