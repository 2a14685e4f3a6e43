"""A "verify audit chain" button and its result (used by the Audit and Admin areas).

Verification walks the whole log, so it runs on the job runner; the result names the first broken
sequence number when the chain is broken, where time goes backwards, triggers that were put back,
and what the comparison with this PC's witness found (services/audit_integrity.py; those messages
are the services' bilingual texts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.audit_chain import AuditVerification

TIME_LINES_SHOWN = 5


class ChainVerifyPanel(Retranslating, QWidget):
    verified = Signal(object)  # AuditVerification

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.report: AuditVerification | None = None
        self.button = QPushButton()
        self.button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(self.verify)
        self.busy_bar = BusyBar()
        self.busy_bar.setMaximumWidth(120)
        self.result = MessageLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.result, 3)
        layout.addStretch(1)  # keeps the button on the left while there is no result yet
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(self.tr("&Verify audit chain"))
        if self.report is not None:
            self._show(self.report)

    def verify(self) -> None:
        from desktop_app.services.audit_review import verify

        self.button.setEnabled(False)
        self.busy_bar.setVisible(True)
        self.result.clear_message()
        self.shell.call(verify, on_ok=self._done, on_error=self._failed, owner=self)

    def _done(self, result: object) -> None:
        report = cast("AuditVerification", result)
        self.button.setEnabled(True)
        self.busy_bar.setVisible(False)
        self.report = report
        self._show(report)
        self.verified.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.busy_bar.setVisible(False)
        self.result.show_error(self.shell.error_text(exc))

    def _problem(self, problem: str) -> str:
        known = {
            "missing entry": self.tr("an entry is missing"),
            "previous hash does not match": self.tr("the link to the previous entry does not match"),
            "entry content altered": self.tr("the entry was altered"),
        }
        return known.get(problem, problem)

    def _show(self, report: AuditVerification) -> None:
        from desktop_app.domain.audit_chain import WitnessState
        from desktop_app.services.audit_integrity import AppendOnlyTriggersRestored, witness_message

        chain = report.chain
        if chain.ok:
            lines = ["✓ " + self.tr("The audit chain is intact (%n entries checked).", "", chain.checked)]
        else:
            text = self.tr("The audit chain is broken at entry %1: %2.")
            lines = [
                "✗ "
                + text.replace("%1", str(chain.first_broken_seq)).replace("%2", self._problem(chain.problem))
            ]
        for regression in report.time_regressions[:TIME_LINES_SHOWN]:
            text = self.tr("Time goes backwards at entry %1: %2 minutes before entry %3.")
            minutes = f"{regression.seconds_back / 60:.1f}"
            lines.append(
                "✗ "
                + text.replace("%1", str(regression.seq))
                .replace("%2", minutes)
                .replace("%3", str(regression.previous_seq))
            )
        if report.restored_triggers:
            lines.append(
                "✗ " + self.shell.error_text(AppendOnlyTriggersRestored(list(report.restored_triggers)))
            )
        message = witness_message(report.witness)
        if message is not None:
            mark = "!" if report.witness.state is WitnessState.UNAVAILABLE else "✗"
            lines.append(f"{mark} " + self.shell.error_text(message))
        if not report.ok:
            self.result.show_error("\n".join(lines))
        elif len(lines) > 1:
            self.result.show_info("\n".join(lines))
        else:
            self.result.show_ok(lines[0])
