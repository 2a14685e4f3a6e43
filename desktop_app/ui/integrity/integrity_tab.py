"""The "完整性检查 / Integrity check" tab in the Security area (IT admins, managers, auditors:
``Action.INTEGRITY_CHECK``): the latest checks (when, who ran it or that the app did, on schedule or
after an unclean shutdown, the outcome, what failed) and "Check now". The widget only shows;
services/integrity_check.py does the work on the shell's database lane.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Action, can
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.integrity_check import CheckRun, IntegrityReport
    from desktop_app.services.signed_in import SignedIn

ROWS_SHOWN = 30


def _local(ts: str) -> str:
    try:
        return datetime.fromisoformat(ts).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return ts


def _load(me: SignedIn) -> list[CheckRun]:
    from desktop_app.services.integrity_check import recent_checks

    return recent_checks(me, ROWS_SHOWN)


def _check(me: SignedIn) -> IntegrityReport:
    from desktop_app.services.integrity_check import run_integrity_check

    return run_integrity_check(me)


class IntegrityTab(Retranslating, QWidget):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.runs: list[CheckRun] = []
        self.loaded_once = False
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.check_button = QPushButton()
        self.check_button.setObjectName("integrity-check-now")
        self.check_button.clicked.connect(self.check_now)
        self.model = QStandardItemModel(0, 4, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table, fit_columns=True)
        self.table.clicked.connect(lambda _index: self._show_details())
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setObjectName("integrity-details")
        self.message = MessageLabel()
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.message)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded_once:
            self.loaded_once = True
            self.reload()

    def reload(self) -> None:
        self.shell.call(_load, on_ok=self._loaded, on_error=self._failed, owner=self)

    def check_now(self) -> None:
        self.check_button.setEnabled(False)
        self.message.show_info(self.tr("Checking every page of the branch's data…"))
        self.shell.call(_check, on_ok=self._checked, on_error=self._check_failed, owner=self)

    def _checked(self, result: object) -> None:
        report = cast("IntegrityReport", result)
        self.check_button.setEnabled(True)
        if report.ok:
            self.message.show_info(self.tr("Integrity check passed."))
        else:
            self.message.show_error(
                self.tr("Integrity check FAILED: %1. Tell IT now.").replace(
                    "%1", ", ".join(p.name for p in report.problems)
                )
            )
        self.reload()

    def _check_failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self._failed(exc)

    def _loaded(self, result: object) -> None:
        self.runs = cast("list[CheckRun]", result)
        self._fill()

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(self.shell.error_text(exc))

    def _zh(self) -> bool:
        return self.shell.lang.startswith("zh")

    def _how(self, run: CheckRun) -> str:
        if run.after_unclean_shutdown:
            return self.tr("after an unclean shutdown")
        if run.scheduled:
            return self.tr("scheduled")
        return self.tr("on request")

    def _fill(self) -> None:
        self.model.setRowCount(0)
        for run in self.runs:
            failed = ", ".join(f.name for f in run.findings if not f.ok)
            cells = [
                _local(run.at),
                self._how(run),
                self.tr("passed") if run.ok else self.tr("FAILED"),
                failed,
            ]
            self.model.appendRow([QStandardItem(text) for text in cells])
        self._show_details()

    def _show_details(self) -> None:
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else 0
        if not self.runs or row >= len(self.runs):
            self.details.setPlainText("")
            return
        run = self.runs[row]
        lines = []
        for finding in run.findings:
            text = finding.zh if self._zh() else finding.en
            mark = "–" if finding.skipped else ("✓" if finding.ok else "✗")
            lines.append(f"{mark} {finding.name}: {text}")
            if finding.detail and not finding.ok:
                lines.append(f"    {finding.detail}")
        self.details.setPlainText("\n".join(lines))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Integrity check"))
        self.intro.setText(
            self.tr(
                "Reads every page of branch.db (and clients.db when you hold the client-data key), checks "
                "tables, indexes, foreign keys, the audit chain and the key slots. The app also runs it "
                "on a schedule and after an unclean shutdown."
            )
        )
        self.check_button.setText(self.tr("Check now"))
        self.model.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("How"), self.tr("Result"), self.tr("Failed checks")]
        )
        self._fill()


def make_tab(shell: Shell) -> QWidget | None:
    """IT admins, managers and auditors (``Action.INTEGRITY_CHECK``); None for everyone else."""
    me = shell.existing_signed_in()
    if me is None or not can(me.session.role, Action.INTEGRITY_CHECK):
        return None
    return IntegrityTab(shell)
