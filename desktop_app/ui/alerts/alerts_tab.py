"""The Alerts tab ("异常告警 / Alerts") of the Security area: managers and auditors (``ALERT_REVIEW``).

The open alerts (or all, with their acknowledgements): when (Beijing time), the rule's title, the
staff member concerned, the evidence as audit sequence numbers (open them in the Audit area) and
the rule's figures; "Acknowledge…" asks for the note (ui/alerts/acknowledge_dialog.py). Loading
runs the periodic pass first, like ``branchvault alerts list``. Every call goes through
``shell.call`` (the database lane); the widget shows what services/security_alerts.py returns.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.alert_rules import parse_timestamp
from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.permissions import Action, can
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.security_alerts import AlertView
    from desktop_app.services.signed_in import SignedIn

(NUMBER, WHEN, RULE, WHO, EVIDENCE, STATUS) = range(6)
EVIDENCE_SHOWN = 8


def load_alerts(me: SignedIn, include_acknowledged: bool) -> list[AlertView]:
    """Database lane: the periodic pass, then the list."""
    from desktop_app.services import security_alerts

    security_alerts.scan(me)
    return security_alerts.list_alerts(me, include_acknowledged=include_acknowledged)


def beijing_time(raised_at: str) -> str:
    return datetime.fromtimestamp(parse_timestamp(raised_at), BRANCH_TIME).strftime("%Y-%m-%d %H:%M")


def evidence_text(evidence: tuple[int, ...]) -> str:
    shown = ", ".join(str(seq) for seq in evidence[:EVIDENCE_SHOWN])
    return shown + (f" … (+{len(evidence) - EVIDENCE_SHOWN})" if len(evidence) > EVIDENCE_SHOWN else "")


def make_tab(shell: Shell) -> QWidget | None:
    """The tab for managers and auditors (``TAB_FACTORIES`` in ui/security/tabs.py)."""
    if not can(shell.signed_in().session.role, Action.ALERT_REVIEW):
        return None
    return AlertsTab(shell)


class AlertsTab(Retranslating, QWidget):
    reloaded = Signal()
    counted = Signal(int)  # open alerts after a reload (the banner follows it)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.alerts: list[AlertView] = []
        self._started = False
        self.dialog: QWidget | None = None
        self.show_all = QCheckBox()
        self.acknowledge_button = QPushButton()
        self.refresh_button = QPushButton()
        bar = QHBoxLayout()
        bar.addWidget(self.acknowledge_button)
        bar.addWidget(self.show_all)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        self.table = QTableWidget(0, 6)
        setup_read_only_table(self.table)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.show_all.toggled.connect(lambda _on: self.reload())
        self.refresh_button.clicked.connect(self.reload)
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.retranslate()
        self._selection_changed()

    # ------------------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Alerts"))
        self.show_all.setText(self.tr("Show ac&knowledged alerts"))
        self.acknowledge_button.setText(self.tr("&Acknowledge…"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("When (Beijing time)"),
                self.tr("Rule"),
                self.tr("Staff member"),
                self.tr("Evidence (audit entries)"),
                self.tr("Status"),
            ]
        )
        self._fill()

    def rule_title(self, alert: AlertView) -> str:
        return alert.title_zh if self.shell.lang.startswith("zh") else alert.title_en

    def status_text(self, alert: AlertView) -> str:
        if not alert.acknowledged:
            return self.tr("Open")
        return self.tr("Acknowledged by %1").replace("%1", alert.acknowledged_by or "")

    def detail_text(self, alert: AlertView) -> str:
        lines = [
            f"{self.rule_title(alert)} ({alert.rule})",
            self.tr("Raised: %1").replace("%1", beijing_time(alert.raised_at)),
            self.tr("Staff member: %1").replace("%1", alert.subject or "-"),
            self.tr("Evidence (audit entries): %1").replace("%1", ", ".join(map(str, alert.evidence)) or "-"),
        ]
        if alert.details:
            lines.append(
                self.tr("Figures: %1").replace("%1", json.dumps(dict(alert.details), ensure_ascii=False))
            )
        if alert.acknowledged and alert.acknowledged_at:
            lines.append(
                self.tr("Acknowledged by %1 at %2: %3")
                .replace("%1", alert.acknowledged_by or "")
                .replace("%2", beijing_time(alert.acknowledged_at))
                .replace("%3", alert.note)
            )
        return "\n".join(lines)

    # ------------------------------------------------------------------------------ loading

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._started:
            self._started = True
            self.reload()

    def reload(self) -> None:
        self.shell.call(
            load_alerts, self.show_all.isChecked(), on_ok=self._loaded, on_error=self._failed, owner=self
        )

    def _loaded(self, alerts: list[AlertView]) -> None:
        self.alerts = alerts
        self.message.clear_message()
        self._fill()
        self.counted.emit(sum(1 for a in alerts if not a.acknowledged))
        self.reloaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(self.shell.error_text(exc))

    def _fill(self) -> None:
        selected = self.selected()
        self.table.setRowCount(len(self.alerts))
        for row, alert in enumerate(self.alerts):
            values = [
                str(alert.id),
                beijing_time(alert.raised_at),
                self.rule_title(alert),
                alert.subject or "-",
                evidence_text(alert.evidence),
                self.status_text(alert),
            ]
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if selected is not None and alert.id == selected.id:
                self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> AlertView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        index = rows[0].row()
        return self.alerts[index] if 0 <= index < len(self.alerts) else None

    def select(self, alert_id: int) -> None:
        for row, alert in enumerate(self.alerts):
            if alert.id == alert_id:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        alert = self.selected()
        own = alert is not None and alert.subject == self.shell.signed_in().session.username
        self.acknowledge_button.setEnabled(alert is not None and not alert.acknowledged and not own)
        self.detail.setPlainText("" if alert is None else self.detail_text(alert))

    # ------------------------------------------------------------------------------ acknowledging

    def acknowledge_selected(self) -> QWidget | None:
        alert = self.selected()
        if alert is None or alert.acknowledged:
            return None
        from desktop_app.ui.alerts.acknowledge_dialog import AcknowledgeDialog

        if self.dialog is not None:
            self.dialog.deleteLater()
        dialog = AcknowledgeDialog(self.shell, alert, self)
        dialog.acknowledged.connect(lambda _view: self.reload())
        self.dialog = dialog
        dialog.open()
        return dialog
