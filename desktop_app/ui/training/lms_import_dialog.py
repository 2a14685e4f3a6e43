"""Importing the learning platform's results (managers): choose the file, see the row-level report
of a dry run (which rows will be imported, which not and why), then import.

services/training_import.import_lms_results does everything (reading, matching, one transaction,
one audit entry); this dialog only picks the file (through the ui/dialogs.py seam) and shows the
report the CLI prints, row by row.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import dialogs
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.signed_in import SignedIn
    from desktop_app.services.training_import import LmsImportReport


def _run(me: SignedIn, path: Path, dry_run: bool) -> LmsImportReport:
    from desktop_app.services.training_import import import_lms_results

    return import_lms_results(me, path, dry_run=dry_run)


class LmsImportDialog(Retranslating, QDialog):
    imported = Signal(int)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.path: Path | None = None
        self.report: LmsImportReport | None = None
        self.resize(760, 480)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_file)
        self.summary = QLabel()
        self.summary.setObjectName("lms-summary")
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(0, 5, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table)
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()

    def choose_file(self) -> None:
        path = dialogs.open_file(
            self, self.tr("Learning platform results"), self.tr("Spreadsheets (*.xlsx *.xls *.csv)")
        )
        if path is not None:
            self.preview(path)

    def preview(self, path: Path) -> None:
        """A dry run of ``path``: the report, nothing written."""
        self.path = path
        self.report = None
        self.import_button.setEnabled(False)
        self.message.clear_message()
        self.retranslate()
        self.shell.call(_run, path, True, on_ok=self._previewed, on_error=self._failed, owner=self)

    def _previewed(self, result: object) -> None:
        self.report = cast("LmsImportReport", result)
        self._show(self.report)
        self.import_button.setEnabled(self.report.imported > 0)

    def run_import(self) -> None:
        if self.path is None:
            return
        self.import_button.setEnabled(False)
        self.shell.call(_run, self.path, False, on_ok=self._imported, on_error=self._failed, owner=self)

    def _imported(self, result: object) -> None:
        report = cast("LmsImportReport", result)
        self.report = report
        self._show(report)
        self.message.show_ok(self.tr("%n result(s) imported.", "", report.imported))
        self.imported.emit(report.imported)

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(self.shell.error_text(exc))

    def _show(self, report: LmsImportReport) -> None:
        zh = self.shell.lang.startswith("zh")
        text = (
            (self.tr("Checked (nothing written yet)") if report.dry_run else self.tr("Imported"))
            + ": "
            + self.tr("%1 of %2 rows; %3 passed (pass mark %4); %5 not imported.")
        )
        self.summary.setText(
            text.replace("%1", str(report.imported))
            .replace("%2", str(report.rows))
            .replace("%3", str(report.passed))
            .replace("%4", str(report.pass_mark))
            .replace("%5", str(len(report.rejected)))
        )
        self.model.setRowCount(0)
        for outcome in report.outcomes:
            cells = [
                str(outcome.row),
                outcome.username or "",
                "" if outcome.score is None else str(outcome.score),
                "" if outcome.day is None else outcome.day.isoformat(),
                outcome.reason_zh if zh else outcome.reason_en,
            ]
            self.model.appendRow([QStandardItem(text) for text in cells])

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import learning platform results"))
        self.choose_button.setText(self.tr("Choose file…"))
        self.import_button.setText(self.tr("Import"))
        self.file_label.setText(
            str(self.path.name)
            if self.path
            else self.tr("Username or name, score and date columns (xlsx, xls, csv).")
        )
        self.model.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Staff member"), self.tr("Score"), self.tr("Date"), self.tr("Outcome")]
        )
        if self.report is not None:
            self._show(self.report)
