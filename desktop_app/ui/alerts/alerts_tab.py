"""The Alerts tab ("异常告警 / Alerts") of the Security area: managers and auditors (``ALERT_REVIEW``).

The open alerts (or all, with their acknowledgements): when (Beijing time), the rule's title, the
staff member concerned, the evidence as audit sequence numbers (open them in the Audit area) and
the rule's figures. The columns fit their contents (the status takes the rest); the pane below
the table explains the selected alert: the rule and what it means, who, when, the evidence, the
figures with their names, and the acknowledgement. "Acknowledge…" asks for the note (ui/alerts/acknowledge_dialog.py). Loading
runs the periodic pass first, like ``branchvault alerts list``. Every call goes through
``shell.call`` (the database lane); the widget shows what services/security_alerts.py returns.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

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
from desktop_app.ui.audit.audit_labels import action_label
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.read_only_table import fit_columns_to_contents, setup_read_only_table
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
        fit_columns_to_contents(self.table, STATUS)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
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

    def rule_meaning(self, rule: str) -> str:
        """What the rule watches for, in the reader's language (domain/alert_rules.py ``doc``)."""
        meanings = {
            "off_hours_sign_in": self.tr(
                "A successful sign-in before the business day starts or after it ends (Beijing time)."
            ),
            "failed_sign_ins": self.tr(
                "Many failed sign-ins (all accounts together) within 60 minutes: someone may be guessing "
                "passwords."
            ),
            "bulk_reveal": self.tr(
                "One staff member revealed many hidden fields (ID or phone numbers) within a short time."
            ),
            "enumeration": self.tr(
                "One staff member searched by ID number or phone number many times within 60 minutes."
            ),
            "manager_override": self.tr("A manager unlocked more reveals for another staff member."),
            "export_spike": self.tr("One staff member started an unusual number of exports in one day."),
            "audit_chain_failure": self.tr(
                "The audit log failed its verification: entries may have been changed, removed or "
                "rolled back outside the app."
            ),
            "key_or_policy_change": self.tr(
                "Keys were changed, a recovery code was used, or the settings or the privacy policy "
                "were changed."
            ),
            "keyring_off": self.tr(
                "The branch runs without the system keyring: the data is protected by staff passwords only."
            ),
            "view_spike": self.tr(
                "One staff member opened far more client records in one day than they usually do."
            ),
            "integrity_failure": self.tr("The database integrity check found a problem."),
            "backup_failed": self.tr("A scheduled backup failed."),
        }
        return meanings.get(rule, "")

    def detail_line(self, key: str, value: str) -> str:
        """One of the rule's figures as "name: value" (unknown names as they are recorded)."""
        templates = {
            "action": self.tr("Audit action: %1"),
            "local_time": self.tr("Time (Beijing): %1"),
            "for_username": self.tr("For staff member: %1"),
            "count": self.tr("Count: %1"),
            "threshold": self.tr("Threshold: %1"),
            "window_minutes": self.tr("Window (minutes): %1"),
            "day": self.tr("Day: %1"),
            "usual": self.tr("Usual per day: %1"),
            "factor": self.tr("Factor: %1"),
            "reason": self.tr("Reason: %1"),
            "folder": self.tr("Folder: %1"),
            "check_id": self.tr("Integrity check no.: %1"),
            "failed": self.tr("Failed checks: %1"),
            "message": self.tr("Message: %1"),
        }
        template = templates.get(key)
        return f"{key}: {value}" if template is None else template.replace("%1", value)

    def detail_lines(self, details: Mapping[str, Any]) -> list[str]:
        """The rule's figures, one line each; the message in the reader's language only."""
        zh = self.shell.lang.startswith("zh")
        lines = []
        for key, value in details.items():
            if key in ("message_zh", "message_en"):
                if key == ("message_zh" if zh else "message_en"):
                    lines.append("  " + self.detail_line("message", str(value)))
                continue
            if key == "action":
                value = action_label(str(value), self.shell.lang)
            elif isinstance(value, list | tuple):
                value = ", ".join(map(str, value))
            elif isinstance(value, dict):
                value = json.dumps(value, ensure_ascii=False)
            lines.append("  " + self.detail_line(key, str(value)))
        return lines

    def detail_text(self, alert: AlertView) -> str:
        lines = [self.tr("Rule: %1 (%2)").replace("%1", self.rule_title(alert)).replace("%2", alert.rule)]
        meaning = self.rule_meaning(alert.rule)
        if meaning:
            lines.append(self.tr("What it means: %1").replace("%1", meaning))
        lines += [
            self.tr("Staff member: %1").replace("%1", alert.subject or "-"),
            self.tr("Raised (Beijing time): %1").replace("%1", beijing_time(alert.raised_at)),
            self.tr("Evidence (audit entries): %1").replace("%1", ", ".join(map(str, alert.evidence)) or "-"),
        ]
        if alert.evidence:
            lines.append(self.tr("Open these entries in the Audit area by their sequence numbers."))
        if alert.details:
            lines.append(self.tr("Details:"))
            lines += self.detail_lines(alert.details)
        if alert.acknowledged and alert.acknowledged_at:
            lines.append(
                self.tr("Acknowledged by %1 at %2 (Beijing time).")
                .replace("%1", alert.acknowledged_by or "")
                .replace("%2", beijing_time(alert.acknowledged_at))
            )
            lines.append(self.tr("Note: %1").replace("%1", alert.note or "-"))
        else:
            lines.append(self.tr("Not yet acknowledged."))
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
