"""The filter bar over the client list: intention level, stage, source channel, agent (managers)
and a last-contact date range, turned into a ``ClientFilter`` for the list, the count and search.

Dates are the branch's local calendar days (China Standard Time, UTC+8; mainland China has kept no
daylight saving time since 1991, so a fixed offset is exact and needs no time-zone database on
Windows). ``contact_range`` turns "from day A to day B, both included" into the half-open UTC range
``[A 00:00 local, (B + 1 day) 00:00 local)``, i.e. ``A-1 16:00Z`` to ``B 16:00Z``, formatted exactly
as stored timestamps (``utc_timestamp``) so the database compares the strings correctly. A date
edit at its minimum shows "any": no bound on that side.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.domain.branch_time import BRANCH_TIME, utc_timestamp
from desktop_app.domain.client_choices import IntentionLevel, SourceChannel
from desktop_app.domain.client_list_query import ClientFilter
from desktop_app.domain.client_record import Stage
from desktop_app.ui.clients.client_form import fill_choices
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

ANY_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "any"
DATE_FORMAT = "yyyy-MM-dd"


def local_midnight_utc(day: date) -> str:
    """The stored-timestamp form of 00:00 branch time on ``day``."""
    start = datetime.combine(day, time(0, 0), tzinfo=BRANCH_TIME)
    return utc_timestamp(start.astimezone(UTC).timestamp())


def contact_range(first: date | None, last: date | None) -> tuple[str | None, str | None]:
    """``(contact_from, contact_before)`` for last contact on local days ``first``..``last``
    inclusive; None on a side means no bound."""
    start = local_midnight_utc(first) if first is not None else None
    end = local_midnight_utc(last + timedelta(days=1)) if last is not None else None
    return start, end


class _OpenAtToday(QObject):
    """A date edit showing "any" opens its calendar at this month rather than at year 2000."""

    def __init__(self, edit: QDateEdit, shell: Shell) -> None:
        super().__init__(edit)
        self.edit = edit
        self.shell = shell

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.edit.date() == self.edit.minimumDate():
            today = datetime.fromtimestamp(self.shell.signed_in().clock(), BRANCH_TIME).date()
            self.edit.calendarWidget().setCurrentPage(today.year, today.month)
        return False


def _date_edit(shell: Shell) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMinimumDate(ANY_DATE)
    edit.setDate(ANY_DATE)
    edit.calendarWidget().installEventFilter(_OpenAtToday(edit, shell))
    return edit


def _day(edit: QDateEdit) -> date | None:
    chosen = edit.date()
    if chosen == edit.minimumDate():
        return None
    return date(chosen.year(), chosen.month(), chosen.day())


class ClientFilterBar(Retranslating, QWidget):
    """``changed`` is emitted whenever the chosen filter changes."""

    changed = Signal()

    def __init__(self, shell: Shell, *, show_agents: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.show_agents = show_agents
        self._agents: list[tuple[int, str]] = []
        self.intention = QComboBox()
        self.stage = QComboBox()
        self.source = QComboBox()
        self.agent = QComboBox()
        self.agent.addItem("", None)
        self.agent.setVisible(show_agents)
        self.contact_label = QLabel()
        self.contact_from = _date_edit(shell)
        self.dash = QLabel("–")
        self.contact_to = _date_edit(shell)
        self.clear_button = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.intention, self.stage, self.source, self.agent):
            layout.addWidget(widget)
        layout.addWidget(self.contact_label)
        layout.addWidget(self.contact_from)
        layout.addWidget(self.dash)
        layout.addWidget(self.contact_to)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.retranslate()
        for combo in (self.intention, self.stage, self.source, self.agent):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        for edit in (self.contact_from, self.contact_to):
            edit.dateChanged.connect(lambda _date: self.changed.emit())
        self.clear_button.clicked.connect(self.clear)

    def retranslate(self) -> None:
        language = self.shell.lang
        fill_choices(self.intention, IntentionLevel, self.tr("Any intention"), language)
        fill_choices(self.stage, Stage, self.tr("Any stage"), language)
        fill_choices(self.source, SourceChannel, self.tr("Any source"), language)
        self.agent.setItemText(0, self.tr("Any agent"))
        self.contact_label.setText(self.tr("Last contact:"))
        for edit in (self.contact_from, self.contact_to):
            edit.setSpecialValueText(self.tr("any"))
        self.contact_from.setToolTip(self.tr("Last contact on or after this day"))
        self.contact_to.setToolTip(self.tr("Last contact on or before this day"))
        self.clear_button.setText(self.tr("C&lear filters"))

    def set_agents(self, agents: list[tuple[int, str]]) -> None:
        """The agents a manager may filter by: (staff id, display name), keeping the choice."""
        current = self.agent.currentData()
        self.agent.blockSignals(True)
        while self.agent.count() > 1:
            self.agent.removeItem(1)
        for staff_id, name in agents:
            self.agent.addItem(name, staff_id)
        found = self.agent.findData(current) if current is not None else 0
        self.agent.setCurrentIndex(max(0, found))
        self.agent.blockSignals(False)

    def current_filter(self) -> ClientFilter:
        def chosen(combo: QComboBox) -> frozenset[str]:
            code = combo.currentData()
            return frozenset({str(code)}) if code else frozenset()

        agent = self.agent.currentData() if self.show_agents else None
        start, end = contact_range(_day(self.contact_from), _day(self.contact_to))
        return ClientFilter(
            intention_levels=chosen(self.intention),
            stages=chosen(self.stage),
            source_channels=chosen(self.source),
            agent_id=int(agent) if agent is not None else None,
            contact_from=start,
            contact_before=end,
        )

    def is_active(self) -> bool:
        return self.current_filter() != ClientFilter()

    def clear(self) -> None:
        """Back to "any" everywhere, with one ``changed``."""
        widgets = (self.intention, self.stage, self.source, self.agent, self.contact_from, self.contact_to)
        for widget in widgets:
            widget.blockSignals(True)
        for combo in (self.intention, self.stage, self.source, self.agent):
            combo.setCurrentIndex(0)
        for edit in (self.contact_from, self.contact_to):
            edit.setDate(ANY_DATE)
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()
