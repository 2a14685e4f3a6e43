"""The Audit area (auditors, managers): the read-only log with filters, and the chain check.

Filters: user (exact username), action (from the actions present in the log) and a date range in
local dates (both ends inclusive). Opening the area is itself audited, once per session, and
nothing is read before that entry is written. New entries appear on Refresh. Every read runs on
the database lane (ui/background.py), never on the GUI thread.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.audit_filter import AuditFilter
from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.services import audit_review
from desktop_app.ui.audit.audit_labels import action_label
from desktop_app.ui.audit.audit_table_model import AuditTableModel
from desktop_app.ui.audit.chain_verify_panel import ChainVerifyPanel
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

COLUMN_WIDTHS = (60, 150, 110, 110, 170, 130)


def local_day_start(day: date) -> str:
    """The UTC timestamp (as stored in the log) of local midnight at the start of ``day``."""
    return utc_timestamp(datetime(day.year, day.month, day.day).astimezone().timestamp())


class AuditPage(Retranslating, QWidget):
    def __init__(self, shell: Shell, page_size: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._viewed = False
        self.model = AuditTableModel(shell, page_size) if page_size else AuditTableModel(shell)
        self.user_label = QLabel()
        self.user_filter = QLineEdit()
        self.user_filter.setClearButtonEnabled(True)
        self.user_filter.setMaximumWidth(160)
        self.action_label = QLabel()
        self.action_filter = QComboBox()
        self.action_filter.setMinimumContentsLength(12)
        self.from_check = QCheckBox()
        self.from_date = QDateEdit(QDate.currentDate().addDays(-30))
        self.to_check = QCheckBox()
        self.to_date = QDateEdit(QDate.currentDate())
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.refresh_button = QPushButton()
        self.count_label = QLabel()
        self.error = MessageLabel()

        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table)  # fixed widths: sizing to contents would read every row
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.verify_panel = ChainVerifyPanel(shell)

        filters = QHBoxLayout()
        for widget in (
            self.user_label,
            self.user_filter,
            self.action_label,
            self.action_filter,
            self.from_check,
            self.from_date,
            self.to_check,
            self.to_date,
            self.refresh_button,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        bold = self.heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.heading.setFont(bold)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.verify_panel)

        self.user_filter.editingFinished.connect(self.apply_filters)
        self.action_filter.currentIndexChanged.connect(self.apply_filters)
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        for signal in (
            self.from_check.toggled,
            self.to_check.toggled,
            self.from_date.dateChanged,
            self.to_date.dateChanged,
        ):
            signal.connect(self.apply_filters)
        self.refresh_button.clicked.connect(self.refresh)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        self.verify_panel.verified.connect(lambda _report: self.refresh())  # it wrote an entry
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Audit log"))
        self.user_label.setText(self.tr("User:"))
        self.user_filter.setPlaceholderText(self.tr("any user"))
        self.action_label.setText(self.tr("Action:"))
        self.from_check.setText(self.tr("From"))
        self.to_check.setText(self.tr("To"))
        self.refresh_button.setText(self.tr("&Refresh"))
        if self.action_filter.count():
            self.action_filter.setItemText(0, self.tr("All actions"))
            for index in range(1, self.action_filter.count()):
                code = str(self.action_filter.itemData(index))
                self.action_filter.setItemText(index, action_label(code, self.shell.lang))
        self.model.retranslate()
        self._update_count()

    def current_filter(self) -> AuditFilter:
        since = until = ""
        if self.from_check.isChecked():
            since = local_day_start(self.from_date.date().toPython())  # type: ignore[arg-type]
        if self.to_check.isChecked():
            last: date = self.to_date.date().toPython()  # type: ignore[assignment]
            until = local_day_start(last + timedelta(days=1))
        action = self.action_filter.currentData()
        return AuditFilter(
            username=self.user_filter.text().strip(), action=str(action or ""), since=since, until=until
        )

    def apply_filters(self) -> None:
        flt = self.current_filter()
        if flt == self.model.filter:
            return
        self._reload(flt)

    def refresh(self) -> None:
        """Reload the action list and the rows (new entries arrive at the top), on the database
        lane."""
        self.shell.call(audit_review.actions, on_ok=self._actions_loaded, on_error=self._failed, owner=self)

    def _actions_loaded(self, codes: list[str]) -> None:
        chosen = self.action_filter.currentData()
        self.action_filter.blockSignals(True)
        self.action_filter.clear()
        self.action_filter.addItem(self.tr("All actions"), "")
        for code in codes:
            self.action_filter.addItem(action_label(code, self.shell.lang), code)
        found = self.action_filter.findData(chosen) if chosen else 0
        self.action_filter.setCurrentIndex(max(0, found))
        self.action_filter.blockSignals(False)
        self._reload(self.current_filter())

    def _reload(self, flt: AuditFilter) -> None:
        self.model.reload(flt)

    def _loaded(self) -> None:
        self.error.clear_message()
        self._update_count()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_error(self.shell.error_text(exc))

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n entries match the filter.", "", self.model.total))

    def showEvent(self, event: QShowEvent) -> None:
        """The first time the area is opened: audit the viewing, then load (so paging starts
        after that entry exists and the offsets stay right)."""
        super().showEvent(event)
        if not self._viewed:
            self._viewed = True
            self.shell.call(
                audit_review.record_view,
                on_ok=lambda _result: self.refresh(),
                on_error=self._failed,
                owner=self,
            )
