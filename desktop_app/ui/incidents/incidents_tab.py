"""The Incidents tab ("安全事件 / Incidents") of the privacy programme area.

Everyone reports an incident here and sees their own reports; managers and auditors see the
register; managers assess, pick the affected clients, move incidents on, record the internal and
regulator reports, print or save the notification letters in one batch and log notices given by
phone or in person. The three deadlines are shown as countdowns, red when overdue, recomputed by a
timer (``REFRESH_MS``). Every call goes through ``shell.call`` (the database lane): the widget only
shows what the services return (services/incidents.py, services/incident_clients.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.branch_time import BRANCH_TIME, branch_day_of
from desktop_app.domain.incident_codes import IncidentKind, NotificationChannel, category_labels
from desktop_app.domain.incident_deadlines import DeadlineStatus, parse_utc
from desktop_app.domain.incident_record import Incident
from desktop_app.domain.incident_states import IncidentState, allowed_transitions, state_label
from desktop_app.domain.permissions import Action, can
from desktop_app.ui import dialogs
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

REFRESH_MS = 30_000
OVERDUE = QColor("#c62828")
(REFERENCE, KIND, REPORTED, STATE, BREACH, AFFECTED, INTERNAL, REGULATOR, CLIENTS) = range(9)


def make_tab(shell: Shell) -> QWidget | None:
    """The tab for every role (``TAB_FACTORIES`` in ui/programme/tabs.py)."""
    if not can(shell.signed_in().session.role, Action.INCIDENT_REPORT):
        return None
    return IncidentsTab(shell)


class IncidentsTab(Retranslating, QWidget):
    reloaded = Signal()
    detail_loaded = Signal()
    letters_done = Signal(object)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.is_manager = can(shell.signed_in().session.role, Action.INCIDENT_ASSESS)
        self.rows: list[object] = []
        self.incidents: list[Incident] = []
        self.affected: list[tuple[int, str]] = []
        self.printer_factory: Callable[[], QPrinter] | None = None  # tests: print into a PDF file
        self.report_button = QPushButton()
        self.assess_button = QPushButton()
        self.clients_button = QPushButton()
        self.advance_button = QPushButton()
        self.record_button = QPushButton()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.notify_button = QPushButton()
        self.refresh_button = QPushButton()
        self.manager_buttons = [
            self.assess_button,
            self.clients_button,
            self.advance_button,
            self.record_button,
            self.print_button,
            self.save_button,
            self.notify_button,
        ]
        bar = QHBoxLayout()
        bar.addWidget(self.report_button)
        for button in self.manager_buttons:
            bar.addWidget(button)
            button.setVisible(self.is_manager)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        self.table = QTableWidget(0, 9)
        setup_read_only_table(self.table)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.log_label = QLabel()
        self.log_table = QTableWidget(0, 5)
        setup_read_only_table(self.log_table)
        log_box = QWidget()
        log_layout = QVBoxLayout(log_box)
        log_layout.setContentsMargins(0, 0, 0, 0)
        log_layout.addWidget(self.log_label)
        log_layout.addWidget(self.log_table)
        log_box.setVisible(self.is_manager)
        lower = QSplitter()
        lower.addWidget(self.detail)
        lower.addWidget(log_box)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self.report_button.clicked.connect(self.open_report)
        self.assess_button.clicked.connect(self.open_assess)
        self.clients_button.clicked.connect(self.open_clients)
        self.advance_button.clicked.connect(self.open_advance)
        self.record_button.clicked.connect(self.open_record_report)
        self.print_button.clicked.connect(self.print_letters)
        self.save_button.clicked.connect(self.save_letters)
        self.notify_button.clicked.connect(self.open_notification)
        self.refresh_button.clicked.connect(self.reload)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.reload)
        self.timer.start()
        self.retranslate()
        self._update_buttons()
        self.reload()

    # ---------------------------------------------------------------------------------------- texts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Incidents"))
        self.report_button.setText(self.tr("&Report an incident…"))
        self.assess_button.setText(self.tr("&Assess…"))
        self.clients_button.setText(self.tr("Affected &clients…"))
        self.advance_button.setText(self.tr("&Move on…"))
        self.record_button.setText(self.tr("Record a re&port…"))
        self.print_button.setText(self.tr("&Print all letters…"))
        self.save_button.setText(self.tr("&Save all letters…"))
        self.notify_button.setText(self.tr("&Log a notification…"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Reference"),
                self.tr("Kind"),
                self.tr("Reported"),
                self.tr("State"),
                self.tr("Breach"),
                self.tr("Affected"),
                self.tr("Internal report"),
                self.tr("Regulator report"),
                self.tr("Client notice"),
            ]
        )
        self.log_label.setText(self.tr("Notification log"))
        self.log_table.setHorizontalHeaderLabels(
            [self.tr("Day"), self.tr("Client"), self.tr("Channel"), self.tr("By"), self.tr("Note")]
        )
        if self.rows:
            self._fill(self.rows)

    # ----------------------------------------------------------------------------------------- list

    def reload(self) -> None:
        from desktop_app.services.incidents import list_with_deadlines

        self.shell.call(list_with_deadlines, on_ok=self._loaded, on_error=self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(self.shell.error_text(exc))

    def _loaded(self, rows: object) -> None:
        assert isinstance(rows, list)
        selected = self.selected()
        self.rows = rows
        self._fill(rows)
        if selected is not None:
            for index, incident in enumerate(self.incidents):
                if incident.id == selected.id:
                    self.table.selectRow(index)
        self._update_buttons()
        self.reloaded.emit()

    def _breach_text(self, incident: Incident) -> str:
        if incident.is_breach is None:
            return self.tr("not assessed")
        return self.tr("yes") if incident.is_breach else self.tr("no")

    def _fill(self, rows: list[object]) -> None:
        lang = self.shell.lang
        self.incidents = [row.incident for row in rows]  # type: ignore[attr-defined]
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            incident: Incident = row.incident  # type: ignore[attr-defined]
            cells = [
                incident.reference,
                IncidentKind(incident.kind).label(lang),
                branch_day_of(incident.reported_at).isoformat(),
                state_label(incident.state, lang),
                self._breach_text(incident),
                str(incident.affected_count),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
            for offset, deadline in enumerate(row.deadlines):  # type: ignore[attr-defined]
                item = QTableWidgetItem(deadline.text(lang))
                if deadline.status is DeadlineStatus.OVERDUE:
                    item.setForeground(QBrush(OVERDUE))
                self.table.setItem(index, INTERNAL + offset, item)
        self.table.blockSignals(blocked)

    def selected(self) -> Incident | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.incidents):
            return None
        return self.incidents[rows[0].row()]

    def select_reference(self, reference: str) -> None:
        for index, incident in enumerate(self.incidents):
            if incident.reference == reference:
                self.table.selectRow(index)

    def _update_buttons(self) -> None:
        incident = self.selected()
        open_ = incident is not None and incident.state != IncidentState.CLOSED
        breach = incident is not None and bool(incident.is_breach)
        self.assess_button.setEnabled(open_)
        self.clients_button.setEnabled(open_ and breach)
        self.advance_button.setEnabled(
            incident is not None and bool(allowed_transitions(incident.state, is_breach=incident.is_breach))
        )
        self.record_button.setEnabled(incident is not None and incident.is_breach is not None)
        has_clients = breach and incident is not None and incident.affected_count > 0
        self.print_button.setEnabled(has_clients)
        self.save_button.setEnabled(has_clients)
        self.notify_button.setEnabled(has_clients)

    def _selection_changed(self) -> None:
        self._update_buttons()
        incident = self.selected()
        if incident is None:
            self.detail.clear()
            self.log_table.setRowCount(0)
            return
        from desktop_app.services.incidents import show_incident

        self.shell.call(
            show_incident, incident.id, on_ok=self._show_detail, on_error=self._failed, owner=self
        )

    # --------------------------------------------------------------------------------------- detail

    def _show_detail(self, view: object) -> None:
        lang = self.shell.lang
        incident: Incident = view.incident  # type: ignore[attr-defined]
        lines = [
            f"{incident.reference}  {IncidentKind(incident.kind).label(lang)}  {state_label(incident.state, lang)}",
            self.tr("Reported by: %1").replace("%1", view.reporter),  # type: ignore[attr-defined]
            self.tr("What happened: %1").replace("%1", incident.description),
        ]
        if incident.is_breach:
            lines.append(
                self.tr("Information affected: %1").replace(
                    "%1", "、".join(category_labels(incident.categories, lang))
                )
            )
        for label, text in (
            (self.tr("Cause: %1"), incident.cause),
            (self.tr("Measures: %1"), incident.measures),
            (self.tr("Possible harm: %1"), incident.harm),
            (self.tr("Advice to clients: %1"), incident.client_advice),
        ):
            if text:
                lines.append(label.replace("%1", text))
        lines.append("")
        lines.append(self.tr("Timeline:"))
        names = view.staff_names  # type: ignore[attr-defined]
        for event in view.events:  # type: ignore[attr-defined]
            before = state_label(event.state_from, lang) if event.state_from else "—"
            lines.append(
                f"{parse_utc(event.at).astimezone(BRANCH_TIME):%Y-%m-%d %H:%M}  {before} → "
                f"{state_label(event.state_to, lang)}  "
                f"{names.get(event.by, event.by)}  {event.note}"
            )
        self.detail.setPlainText("\n".join(lines))
        if self.is_manager and incident.is_breach and incident.affected_count:
            from desktop_app.services.incident_clients import notification_log

            self.shell.call(
                notification_log, incident.id, on_ok=self._show_log, on_error=self._failed, owner=self
            )
        else:
            self.log_table.setRowCount(0)
            self.affected = []
            self.detail_loaded.emit()

    def _show_log(self, rows: object) -> None:
        assert isinstance(rows, list)
        lang = self.shell.lang
        self.log_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = [
                row.entry.day.isoformat(),
                row.client_name,
                NotificationChannel(row.entry.channel).label(lang),
                row.by_name,
                row.entry.note,
            ]
            for column, text in enumerate(cells):
                self.log_table.setItem(index, column, QTableWidgetItem(text))
        incident = self.selected()
        if incident is None:
            self.detail_loaded.emit()
            return
        from desktop_app.services.incident_clients import affected_clients

        self.shell.call(
            affected_clients, incident.id, on_ok=self._affected, on_error=self._failed, owner=self
        )

    def _affected(self, found: object) -> None:
        assert isinstance(found, list)
        self.affected = [(s.id, f"#{s.id} {s.name} {s.phone}") for s in found]
        self.detail_loaded.emit()

    # -------------------------------------------------------------------------------------- actions

    def _after_change(self, _result: object = None) -> None:
        self.message.clear_message()
        self.reload()

    def open_report(self) -> QWidget:
        from desktop_app.ui.incidents.report_dialog import ReportIncidentDialog

        dialog = ReportIncidentDialog(self.shell, self)
        dialog.reported.connect(self._after_change)
        dialog.open()
        return dialog

    def open_assess(self) -> QWidget | None:
        from desktop_app.ui.incidents.assess_dialog import AssessDialog

        incident = self.selected()
        if incident is None:
            return None
        dialog = AssessDialog(self.shell, incident, self)
        dialog.assessed.connect(self._after_change)
        dialog.open()
        return dialog

    def open_clients(self) -> QWidget | None:
        from desktop_app.ui.incidents.client_picker_dialog import ClientPickerDialog

        incident = self.selected()
        if incident is None:
            return None
        dialog = ClientPickerDialog(self.shell, incident, self)
        dialog.saved.connect(self._after_change)
        dialog.open()
        return dialog

    def open_advance(self) -> QWidget | None:
        from desktop_app.ui.incidents.step_dialogs import AdvanceDialog

        incident = self.selected()
        if incident is None:
            return None
        dialog = AdvanceDialog(self.shell, incident, self)
        dialog.stepped.connect(self._after_change)
        dialog.open()
        return dialog

    def open_record_report(self) -> QWidget | None:
        from desktop_app.ui.incidents.step_dialogs import RecordReportDialog

        incident = self.selected()
        if incident is None:
            return None
        dialog = RecordReportDialog(self.shell, incident, self)
        dialog.stepped.connect(self._after_change)
        dialog.open()
        return dialog

    def open_notification(self) -> QWidget | None:
        from desktop_app.ui.incidents.step_dialogs import NotificationDialog

        incident = self.selected()
        if incident is None:
            return None
        dialog = NotificationDialog(self.shell, incident, self.affected, self)
        dialog.stepped.connect(self._after_change)
        dialog.open()
        return dialog

    def print_letters(self) -> None:
        from desktop_app.services.incident_clients import letter_batch

        incident = self.selected()
        if incident is None:
            return
        self.shell.call(letter_batch, incident.id, on_ok=self._print_batch, on_error=self._failed, owner=self)

    def _print_batch(self, batch: object) -> None:
        from desktop_app.services.incident_clients import record_letters_printed
        from desktop_app.ui.pdf_printing import print_pdf_bytes

        incident = self.selected()
        if incident is None:
            return
        title = self.tr("Breach letters %1").replace("%1", batch.reference)  # type: ignore[attr-defined]
        data_dir = self.shell.signed_in().paths.root
        printer = self.printer_factory() if self.printer_factory is not None else None
        if not print_pdf_bytes(self, batch.pdf, title, printer, data_dir=data_dir):  # type: ignore[attr-defined]
            return
        ids = list(batch.client_ids)  # type: ignore[attr-defined]

        def recorded(_result: object) -> None:
            self.letters_done.emit(len(ids))
            self._after_change()

        self.shell.call(
            record_letters_printed, incident.id, ids, on_ok=recorded, on_error=self._failed, owner=self
        )

    def save_letters(self) -> None:
        from desktop_app.services.incident_clients import save_letters

        incident = self.selected()
        if incident is None:
            return
        folder = dialogs.choose_folder(self, self.tr("Save the letters into a folder"))
        if folder is None:
            return

        def saved(paths: object) -> None:
            assert isinstance(paths, list)
            dialogs.information(
                self,
                self.tr("Letters saved"),
                self.tr("%1 letter(s) saved in %2").replace("%1", str(len(paths))).replace("%2", str(folder)),
            )
            self.letters_done.emit(paths)
            self._after_change()

        self.shell.call(
            save_letters, incident.id, Path(folder), on_ok=saved, on_error=self._failed, owner=self
        )
