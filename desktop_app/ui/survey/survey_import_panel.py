"""Importing an online survey's export (managers): choose the file, pick the satisfaction question
(the remembered one is chosen already), preview, then import.

The preview is the service's dry run (services/satisfaction.import_survey with ``dry_run``): the
rows that would be imported, skipped or refused, per quarter, with each row's reason. Import is
possible only after a preview with no refused row, for the same file and question; the import is
all or nothing. The question picked is remembered by the import itself. The file dialog goes
through ``ui.dialogs`` (tests answer it); every call runs on the shell's worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.survey_columns import question_key
from desktop_app.services.satisfaction import SurveyImportReport
from desktop_app.ui import dialogs
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell


class SurveyImportPanel(Retranslating, QGroupBox):
    questions_loaded = Signal()
    previewed = Signal()
    imported = Signal()
    failed = Signal(str)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.path: Path | None = None
        self.report: SurveyImportReport | None = None
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.choose_button = QPushButton()
        self.file_label = QLabel()
        self.question_label = QLabel()
        self.question = QComboBox()
        self.question.setMinimumContentsLength(40)
        self.question_label.setBuddy(self.question)
        self.preview_button = QPushButton()
        self.import_button = QPushButton()
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setMinimumHeight(140)
        self.message = MessageLabel()
        self.busy_bar = BusyBar()

        file_row = QHBoxLayout()
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.file_label, 1)
        question_row = QHBoxLayout()
        question_row.addWidget(self.question_label)
        question_row.addWidget(self.question, 1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(file_row)
        layout.addLayout(question_row)
        layout.addLayout(actions)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.message)
        layout.addWidget(self.report_view)

        self.choose_button.clicked.connect(self.choose_file)
        self.preview_button.clicked.connect(self.preview)
        self.import_button.clicked.connect(self.run_import)
        self.question.currentIndexChanged.connect(self._question_changed)
        self._set_busy(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Import an online survey's export"))
        self.hint.setText(
            self.tr(
                "An export from 问卷星, 腾讯问卷 or similar (.xlsx, .xls or .csv), one row per response. Only "
                "the question you pick and the submission date are read: names, phones, IP addresses and "
                "comments are never read or kept. The question you pick is remembered for next time."
            )
        )
        self.choose_button.setText(self.tr("Choose &file…"))
        if self.path is None:
            self.file_label.setText(self.tr("No file chosen."))
        self.question_label.setText(self.tr("&Question:"))
        self.preview_button.setText(self.tr("&Preview"))
        self.import_button.setText(self.tr("&Import"))
        if self.report is not None:
            self._show_report(self.report)

    # ----------------------------------------------------------------------------------- helpers

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.choose_button.setEnabled(not busy)
        self.preview_button.setEnabled(not busy and self.chosen_question() is not None)
        self.import_button.setEnabled(not busy and self._importable())

    def _importable(self) -> bool:
        report = self.report
        return report is not None and report.dry_run and report.refused == 0 and report.imported > 0

    def chosen_question(self) -> str | None:
        value = self.question.currentData()
        return value if isinstance(value, str) and value else None

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        text = self.shell.error_text(exc)
        self.message.show_error(text)
        self.failed.emit(text)

    # -------------------------------------------------------------------------------------- file

    def choose_file(self) -> None:
        path = dialogs.open_file(self, self.tr("Survey export"), self.tr("Spreadsheets (*.xlsx *.xls *.csv)"))
        if path is None:
            return
        self.load_file(path)

    def load_file(self, path: Path) -> None:
        from desktop_app.services.satisfaction import survey_questions

        self.path = path
        self.report = None
        self.report_view.clear()
        self.message.clear_message()
        self.file_label.setText(path.name)
        self._set_busy(True)
        self.shell.call(survey_questions, path, on_ok=self._questions, on_error=self._failed, owner=self)

    def _questions(self, result: object) -> None:
        questions, remembered = cast("tuple[list[str], str]", result)
        picked = self.chosen_question()  # a question picked for the previous file is kept
        self.question.blockSignals(True)
        self.question.clear()
        self.question.addItem(self.tr("— choose the question about personal information —"), "")
        for text in questions:
            self.question.addItem(text, text)
        keys = [question_key(text) for text in questions]
        wanted = (
            question_key(picked or "")
            if picked and question_key(picked) in keys
            else question_key(remembered)
        )
        if wanted and wanted in keys:
            self.question.setCurrentIndex(keys.index(wanted) + 1)
        self.question.blockSignals(False)
        self._set_busy(False)
        self.questions_loaded.emit()
        if self.chosen_question() is not None:
            self.preview()

    def _question_changed(self, _index: int) -> None:
        self.report = None
        self.report_view.clear()
        self.message.clear_message()
        self._set_busy(False)

    # --------------------------------------------------------------------------------- import

    def preview(self) -> None:
        self._run(dry_run=True)

    def run_import(self) -> None:
        if self._importable():
            self._run(dry_run=False)

    def _run(self, *, dry_run: bool) -> None:
        from desktop_app.services.satisfaction import import_survey

        question = self.chosen_question()
        if self.path is None or question is None:
            return
        self.message.clear_message()
        self._set_busy(True)
        self.shell.call(
            import_survey,
            self.path,
            question,
            dry_run=dry_run,
            on_ok=self._done,
            on_error=self._failed,
            owner=self,
        )

    def _done(self, result: object) -> None:
        report = cast(SurveyImportReport, result)
        self.report = report
        self._show_report(report)
        self._set_busy(False)
        if report.dry_run:
            self.previewed.emit()
        elif report.written:
            self.imported.emit()

    def _show_report(self, report: SurveyImportReport) -> None:
        zh = self.shell.lang.startswith("zh")
        counts = (
            self.tr("To import: %1   skipped: %2   refused: %3")
            .replace("%1", str(report.imported))
            .replace("%2", str(report.skipped))
            .replace("%3", str(report.refused))
        )
        if report.dry_run and report.refused:
            self.message.show_error(
                self.tr("Some rows are refused: fix them in the file and choose it again.")
            )
        elif report.dry_run:
            self.message.show_info(self.tr("Preview only: nothing is saved until you click Import."))
        elif report.written:
            self.message.show_ok(self.tr("Imported %1 responses.").replace("%1", str(report.imported)))
        else:
            self.message.show_error(self.tr("Rows were refused: nothing was imported."))
        lines = [counts]
        for quarter, spread in report.by_quarter.items():
            lines.append(f"  {quarter}: " + "  ".join(f"{r}:{spread.get(r, 0)}" for r in range(5, 0, -1)))
        outcome_names = {"skipped": self.tr("skipped"), "refused": self.tr("refused")}
        for row in report.rows:
            if row.outcome == "imported":
                continue
            reason = row.reason_zh if zh else row.reason_en
            lines.append(
                self.tr("Row %1 (%2): %3")
                .replace("%1", str(row.row))
                .replace("%2", outcome_names.get(row.outcome, row.outcome))
                .replace("%3", reason)
            )
        lines.append(report.note_zh if zh else report.note_en)
        self.report_view.setPlainText("\n".join(lines))
