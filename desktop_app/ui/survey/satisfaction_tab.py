"""The "客户满意度 / Client satisfaction" tab of the privacy programme area.

Agents and managers type in paper survey forms: pick the day the form was filled in (this quarter
or the last), then one click on the rating the client ticked (5 非常满意 … 1 非常不满意); each click
records one anonymous response (services/satisfaction.add_response). Managers also see the current
quarter's responses by rating and the satisfied share, and import an online survey's export with a
preview and the question picker (ui/survey/survey_import_panel.py). IT and auditors have no tab
(auditors read the figures on the dashboard).

Every service call runs on the shell's worker; nothing names a client.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Action, can
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.satisfaction import RATING_MAX, RATING_MIN
from desktop_app.domain.satisfaction_figures import RatingDistribution
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell
from desktop_app.ui.survey.survey_import_panel import SurveyImportPanel


def make_tab(shell: Shell) -> QWidget | None:
    """The tab for agents and managers (``SATISFACTION_RECORD``); None for IT and auditors."""
    role = shell.signed_in().session.role
    if not can(role, Action.SATISFACTION_RECORD):
        return None
    return SatisfactionTab(shell, manager=can(role, Action.PROGRAMME_MANAGE))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _quarter_figures(me: object, quarter: Quarter) -> RatingDistribution:
    from desktop_app.services.satisfaction import quarter_responses
    from desktop_app.services.signed_in import SignedIn

    return quarter_responses(cast(SignedIn, me), quarter)


class SatisfactionTab(Retranslating, QWidget):
    recorded = Signal(int)  # the rating just recorded
    figures_shown = Signal()
    failed = Signal(str)

    def __init__(self, shell: Shell, *, manager: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.manager = manager
        self.today = shell.signed_in().today()
        self.quarter = Quarter.of(self.today)
        self.entered = 0
        self.distribution: RatingDistribution | None = None
        self._started = False

        self.entry_box = QGroupBox()
        self.entry_hint = QLabel()
        self.entry_hint.setWordWrap(True)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMinimumDate(_qdate(self.quarter.previous().start))
        self.day.setMaximumDate(_qdate(self.today))
        self.day.setDate(_qdate(self.today))
        self.day_label = QLabel()
        self.day_label.setBuddy(self.day)
        self.rating_buttons: dict[int, QPushButton] = {}
        buttons = QHBoxLayout()
        for rating in range(RATING_MAX, RATING_MIN - 1, -1):
            button = QPushButton()
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _checked=False, r=rating: self.record(r))
            self.rating_buttons[rating] = button
            buttons.addWidget(button)
        self.entry_message = MessageLabel()
        day_row = QHBoxLayout()
        day_row.addWidget(self.day_label)
        day_row.addWidget(self.day)
        day_row.addStretch(1)
        entry = QVBoxLayout(self.entry_box)
        entry.addWidget(self.entry_hint)
        entry.addLayout(day_row)
        entry.addLayout(buttons)
        entry.addWidget(self.entry_message)

        self.figures_box = QGroupBox()
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        QVBoxLayout(self.figures_box).addWidget(self.figures)
        self.figures_box.setVisible(manager)
        self.import_panel = SurveyImportPanel(shell) if manager else None

        layout = QVBoxLayout(self)
        layout.addWidget(self.entry_box)
        layout.addWidget(self.figures_box)
        if self.import_panel is not None:
            layout.addWidget(self.import_panel)
            self.import_panel.imported.connect(self.reload_figures)
        layout.addStretch(1)
        self.retranslate()

    # ------------------------------------------------------------------------------------- texts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Client satisfaction"))
        self.entry_box.setTitle(self.tr("Paper survey forms"))
        self.entry_hint.setText(
            self.tr(
                "For each paper form a client handed back, choose the day it was filled in and click the "
                "rating the client ticked for how we handled their personal information. Responses are "
                "anonymous: nothing about the client is recorded."
            )
        )
        self.day_label.setText(self.tr("&Day filled in:"))
        labels = {
            5: self.tr("5 Very satisfied"),
            4: self.tr("4 Satisfied"),
            3: self.tr("3 Neutral"),
            2: self.tr("2 Dissatisfied"),
            1: self.tr("1 Very dissatisfied"),
        }
        for rating, button in self.rating_buttons.items():
            button.setText(labels[rating])
        self.figures_box.setTitle(self.tr("This quarter"))
        self._show_figures()

    # ------------------------------------------------------------------------------------- entry

    def selected_day(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def record(self, rating: int) -> None:
        from desktop_app.services.satisfaction import add_response

        for button in self.rating_buttons.values():
            button.setEnabled(False)

        def recorded(_response_id: object) -> None:
            self._recorded(rating)

        self.shell.call(
            add_response,
            rating,
            self.selected_day(),
            on_ok=recorded,
            on_error=self._record_failed,
            owner=self,
        )

    def _enable_buttons(self) -> None:
        for button in self.rating_buttons.values():
            button.setEnabled(True)

    def _recorded(self, rating: int) -> None:
        self._enable_buttons()
        self.entered += 1
        self.entry_message.show_ok(
            self.tr("Recorded a rating of %1 for %2. Forms entered here this session: %3.")
            .replace("%1", str(rating))
            .replace("%2", self.selected_day().isoformat())
            .replace("%3", str(self.entered))
        )
        self.recorded.emit(rating)
        if self.manager:
            self.reload_figures()

    def _record_failed(self, exc: BaseException) -> None:
        self._enable_buttons()
        text = self.shell.error_text(exc)
        self.entry_message.show_error(text)
        self.failed.emit(text)

    # ----------------------------------------------------------------------------------- figures

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started and self.manager:
            self._started = True
            self.reload_figures()

    def reload_figures(self) -> None:
        self.shell.call(
            _quarter_figures,
            self.quarter,
            on_ok=self._figures_loaded,
            on_error=self._figures_failed,
            owner=self,
        )

    def _figures_loaded(self, result: object) -> None:
        self.distribution = cast(RatingDistribution, result)
        self._show_figures()
        self.figures_shown.emit()

    def _figures_failed(self, exc: BaseException) -> None:
        self.figures.setText(self.shell.error_text(exc))

    def _show_figures(self) -> None:
        spread = self.distribution
        if spread is None:
            self.figures.setText(self.tr("Loading…"))
            return
        share = spread.satisfied_percent()
        counts = "   ".join(
            f"{rating}: {spread.by_rating[rating]}" for rating in range(RATING_MAX, RATING_MIN - 1, -1)
        )
        if share is None:
            summary = self.tr("%1: no responses yet.").replace("%1", self.quarter.key())
        else:
            summary = (
                self.tr("%1: %2 responses, %3 satisfied or very satisfied (%4%).")
                .replace("%1", self.quarter.key())
                .replace("%2", str(spread.responses))
                .replace("%3", str(spread.satisfied))
                .replace("%4", str(share))
            )
        by_rating = self.tr("By rating:")
        self.figures.setText(f"{summary}\n{by_rating} {counts}")
