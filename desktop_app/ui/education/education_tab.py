"""The "隐私教育 / Privacy education" tab of the programme area.

The year's campaigns (date, channel, topic, material, and — for a session holding the client-data
key — how many of the user's visible clients took part) with the count against the policy's
``education_campaigns_per_year``, and the year's participation figure against its target (key
holders only: an agent's figure is over their own clients; auditors read the dashboard's snapshot).
Managers add campaigns; agents and managers record a campaign's participants picked from the
records or matched from an attendee list file (row report: matched / not found / ambiguous; no
client is created), and print the privacy-tips leaflet blank or for a client (which records that
the client received it). IT administrators do not get the tab. Every service call runs on the
worker (``shell.call``); nothing is read before the tab is first shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.attendee_list import RowOutcome
from desktop_app.domain.education import Campaign
from desktop_app.domain.education_figures import EducationCounts
from desktop_app.domain.permissions import Action, can
from desktop_app.ui import dialogs
from desktop_app.ui.education.attendee_picker import AttendeePicker
from desktop_app.ui.education.campaign_dialog import CampaignDialog
from desktop_app.ui.education.leaflet_output import LeafletChoice, PrinterFactory, print_leaflet_for
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.education_import import AttendeeImport
    from desktop_app.services.signed_in import SignedIn

DATE, CHANNEL, TOPIC, MATERIAL, PARTICIPANTS = range(5)


@dataclass(frozen=True)
class EducationView:
    year: int
    campaigns: tuple[Campaign, ...]
    campaigns_target: int
    target_percent: int
    counts: EducationCounts | None  # None without the client-data key
    participants: dict[int, int] | None  # per campaign, key holders only


def load_view(me: SignedIn, year: int) -> EducationView:
    """On the worker: everything the tab shows for ``year``."""
    from desktop_app.services.education import campaign_participants, education_counts, list_campaigns
    from desktop_app.services.programme_settings import programme_policy

    policy = programme_policy(me)
    campaigns = tuple(list_campaigns(me, year))
    key = me.session.holds_client_key and can(me.session.role, Action.EDUCATION_RECORD)
    return EducationView(
        year,
        campaigns,
        policy.education_campaigns_per_year,
        policy.target_education,
        education_counts(me, year) if key else None,
        campaign_participants(me, [c.id for c in campaigns]) if key else None,
    )


def percent(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class EducationTab(Retranslating, QWidget):
    loaded = Signal()
    imported = Signal(object)  # AttendeeImport
    leaflet_ready = Signal(object)  # LeafletChoice

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        me = shell.signed_in()
        role = me.session.role
        self.can_manage = can(role, Action.PROGRAMME_MANAGE)
        self.can_record = can(role, Action.EDUCATION_RECORD) and me.session.holds_client_key
        self.view: EducationView | None = None
        self._started = False
        self.printer_factory: PrinterFactory = lambda: None  # tests: a PDF-file printer
        self.picker: AttendeePicker | None = None
        self.campaign_dialog: CampaignDialog | None = None
        self.last_leaflet: LeafletChoice | None = None
        self.last_import: AttendeeImport | None = None

        self.year_label = QLabel()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(me.today().year)
        self.campaign_figure = QLabel()
        self.participation_figure = QLabel()
        self.participation_figure.setWordWrap(True)
        self.add_button = QPushButton()
        self.attendees_button = QPushButton()
        self.import_button = QPushButton()
        self.leaflet_button = QPushButton()
        self.client_leaflet_button = QPushButton()
        self.message = MessageLabel()
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((DATE, 100), (CHANNEL, 150), (TOPIC, 260), (MATERIAL, 220)):
            self.table.setColumnWidth(column, width)
        self.table.setColumnHidden(PARTICIPANTS, not self.can_record)

        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(self.campaign_figure)
        top.addStretch(1)
        tools = QHBoxLayout()
        for button in (self.add_button, self.attendees_button, self.import_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.leaflet_button)
        tools.addWidget(self.client_leaflet_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.participation_figure)
        layout.addLayout(tools)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

        self.add_button.setVisible(self.can_manage)
        for button in (self.attendees_button, self.import_button, self.client_leaflet_button):
            button.setVisible(self.can_record)
        self.year.valueChanged.connect(lambda _value: self.reload())
        self.add_button.clicked.connect(self.open_add_campaign)
        self.attendees_button.clicked.connect(self.open_attendees)
        self.import_button.clicked.connect(self.import_attendee_list)
        self.leaflet_button.clicked.connect(lambda: self.print_leaflet(None))
        self.client_leaflet_button.clicked.connect(self.open_client_leaflet)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Privacy education"))
        self.year_label.setText(self.tr("Year:"))
        self.add_button.setText(self.tr("&Add campaign…"))
        self.attendees_button.setText(self.tr("Record &participants…"))
        self.import_button.setText(self.tr("&Import attendee list…"))
        self.leaflet_button.setText(self.tr("Print privacy &tips…"))
        self.client_leaflet_button.setText(self.tr("Print privacy tips for a &client…"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Channel"),
                self.tr("Topic"),
                self.tr("Material"),
                self.tr("Participants"),
            ]
        )
        self._show_view()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    # ------------------------------------------------------------------------------------- loading

    def reload(self) -> None:
        self.shell.call(load_view, self.year.value(), on_ok=self._loaded, on_error=self._failed, owner=self)

    def _loaded(self, view: object) -> None:
        assert isinstance(view, EducationView)
        self.view = view
        self._show_view()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(self.shell.error_text(exc))

    def _show_view(self) -> None:
        view = self.view
        if view is None:
            return
        lang = self.shell.lang
        selected = self.selected_campaign_id()
        self.table.setRowCount(len(view.campaigns))
        for row, campaign in enumerate(view.campaigns):
            count = "" if view.participants is None else str(view.participants.get(campaign.id, 0))
            texts = (
                campaign.day.isoformat(),
                campaign.channel.label(lang),
                campaign.topic,
                campaign.material,
                count,
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text.replace("\n", " "))
                item.setData(Qt.ItemDataRole.UserRole, campaign.id)
                self.table.setItem(row, column, item)
            if campaign.id == selected:
                self.table.selectRow(row)
        held = len(view.campaigns)
        figure = self.tr("Campaigns in %1: %2 of %3 a year").replace("%1", str(view.year))
        self.campaign_figure.setText(
            figure.replace("%2", str(held)).replace("%3", str(view.campaigns_target))
        )
        self.campaign_figure.setStyleSheet("" if held >= view.campaigns_target else "color: #8a5a00;")
        self.participation_figure.setText(self._participation_text(view))
        self._update_buttons()

    def _participation_text(self, view: EducationView) -> str:
        if view.counts is None:
            return self.tr(
                "Participation needs the client-data key (confirmed agents and managers); the programme "
                "dashboard shows the branch's figure."
            )
        counts = view.counts
        value = percent(counts.participants, counts.active_clients)
        shown = self.tr("no data") if value is None else f"{value}%"
        text = self.tr("Clients who took part: %1 of %2 active clients = %3 (target %4%)")
        return (
            text.replace("%1", str(counts.participants))
            .replace("%2", str(counts.active_clients))
            .replace("%3", shown)
            .replace("%4", str(view.target_percent))
        )

    def selected_campaign_id(self) -> int | None:
        items = self.table.selectedItems()
        return None if not items else int(items[0].data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        chosen = self.selected_campaign_id() is not None
        self.attendees_button.setEnabled(chosen)
        self.import_button.setEnabled(chosen)

    # ------------------------------------------------------------------------------------- actions

    def open_add_campaign(self) -> CampaignDialog:
        dialog = CampaignDialog(self.shell, self)
        dialog.added.connect(lambda _id: self.reload())
        self.campaign_dialog = dialog
        dialog.open()
        return dialog

    def open_attendees(self) -> AttendeePicker | None:
        campaign_id = self.selected_campaign_id()
        if campaign_id is None:
            return None
        picker = AttendeePicker(self.shell, campaign_id, self)
        picker.recorded.connect(self._attendees_recorded)
        self.picker = picker
        picker.open()
        return picker

    def _attendees_recorded(self, result: object) -> None:
        recorded, already = len(result.recorded), len(result.already)  # type: ignore[attr-defined]
        text = self.tr("Recorded: %1; already recorded before: %2")
        self.message.show_ok(text.replace("%1", str(recorded)).replace("%2", str(already)))
        self.reload()

    def import_attendee_list(self, path: Path | None = None) -> None:
        from desktop_app.services.education_import import import_attendees

        campaign_id = self.selected_campaign_id()
        if campaign_id is None:
            return
        if path is None:
            path = dialogs.open_file(
                self,
                self.tr("Attendee list"),
                self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.csv)"),
            )
        if path is None:
            return
        self.shell.call(
            import_attendees, campaign_id, path, on_ok=self._imported, on_error=self._failed, owner=self
        )

    def _imported(self, report: object) -> None:
        self.last_import = report  # type: ignore[assignment]
        rows = report.rows  # type: ignore[attr-defined]
        matched = sum(1 for r in rows if r.outcome in (RowOutcome.MATCHED, RowOutcome.ALREADY))
        lines = [
            self.tr("Rows: %1; matched: %2").replace("%1", str(len(rows))).replace("%2", str(matched)),
            *(
                self.tr("Row %1: %2")
                .replace("%1", str(r.row))
                .replace("%2", r.reason_zh if self.shell.lang.startswith("zh") else r.reason_en)
                for r in rows
                if r.outcome not in (RowOutcome.MATCHED, RowOutcome.ALREADY)
            ),
        ]
        self.message.show_ok(lines[0])
        dialogs.information(self, self.tr("Attendee list"), "\n".join(lines))
        self.imported.emit(report)
        self.reload()

    def open_client_leaflet(self) -> AttendeePicker:
        picker = AttendeePicker(self.shell, None, self)
        picker.picked.connect(self.print_leaflet)
        self.picker = picker
        picker.open()
        return picker

    def print_leaflet(self, client_id: int | None) -> None:
        def ready(choice: LeafletChoice) -> None:
            self.last_leaflet = choice
            self.leaflet_ready.emit(choice)
            if client_id is not None:
                self.reload()

        print_leaflet_for(self.shell, self, client_id, on_ready=ready, printer_factory=self.printer_factory)


def make_tab(shell: Shell) -> QWidget | None:
    """The tab for managers, agents and auditors; IT administrators have no part in it."""
    role = shell.signed_in().session.role
    if not (can(role, Action.PROGRAMME_VIEW) or can(role, Action.EDUCATION_RECORD)):
        return None
    return EducationTab(shell)
