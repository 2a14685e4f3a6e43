"""The spreadsheet import wizard: choose a file, check the column mapping, choose the options,
import (one transaction, on the database lane, with a progress bar and a Cancel button that rolls
the whole import back), then see the result, export the rejected rows and be reminded to delete
the source file securely.

Every step calls the services in services/client_import.py on the database lane (``Shell.call``); the wizard only
collects choices and shows results. The source file is only read. ``imported(int)`` is emitted with
the number of clients imported. ``choose_file(path)`` is the seam tests use instead of the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.domain.cancellation import Cancelled
from desktop_app.domain.import_columns import IGNORE, target_fields
from desktop_app.domain.import_rows import dropped_reason_text
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.roles import Role
from desktop_app.ui import dialogs
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.job_progress import JobProgress
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.signed_in import SignedIn

FILE_PAGE, MAPPING_PAGE, OPTIONS_PAGE, RESULT_PAGE = range(4)


def _zh(shell: Shell) -> bool:
    return shell.lang.startswith("zh")


class _Page(QWizardPage):
    """A page that knows its wizard (typed) and runs jobs owned by itself."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.import_wizard = wizard
        self.shell = wizard.shell

    def run(
        self,
        fn: Callable[..., object],
        *args: object,
        on_ok: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        **kwargs: Any,
    ) -> None:
        """The service call ``fn(ctx, *args, **kwargs)`` on the database lane."""
        self.shell.call(fn, *args, on_ok=on_ok, on_error=on_error, owner=self, **kwargs)


def _assignable_staff(ctx: SignedIn) -> list[tuple[str, str]]:
    """On the database lane: (username, display name) of the active agents and managers."""
    from desktop_app.services.staff_accounts import list_staff

    return [
        (m.username, m.display_name)
        for m in list_staff(ctx)
        if m.active and m.role in (Role.AGENT, Role.MANAGER)
    ]


class FilePage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.choose_button = QPushButton()
        self.busy_bar = BusyBar()
        self.message = MessageLabel()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.choose_button.clicked.connect(lambda: self.import_wizard.choose_file())

    def isComplete(self) -> bool:
        return self.import_wizard.preview is not None


class MappingPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        setup_read_only_table(self.table, fit_columns=True)
        self.combos: list[QComboBox] = []
        self.branch_box = QCheckBox()  # managers: save the choices as the whole branch's default
        self.branch_box.setVisible(wizard.is_manager)
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.branch_box)
        layout.addWidget(self.message)

    def initializePage(self) -> None:
        preview = self.import_wizard.preview
        assert preview is not None
        self.table.setRowCount(len(preview.headers))
        self.combos = []
        for row, (header, suggested) in enumerate(zip(preview.headers, preview.suggested, strict=True)):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            combo = QComboBox()
            combo.addItem("", IGNORE)
            for field in target_fields():
                combo.addItem(field.zh if _zh(self.shell) else field.en, field.key)
            combo.setCurrentIndex(max(combo.findData(suggested), 0))
            combo.currentIndexChanged.connect(lambda _index: self._changed())
            self.table.setCellWidget(row, 1, combo)
            self.combos.append(combo)
        self.import_wizard.retranslate()
        self._changed()

    def chosen(self) -> list[str]:
        return [str(combo.currentData()) for combo in self.combos]

    def _changed(self) -> None:
        chosen = self.chosen()
        if "name" not in chosen or "phone" not in chosen:
            self.message.show_error(self.tr("Map one column to the name and one to the phone number."))
        else:
            self.message.clear_message()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        chosen = self.chosen()
        return "name" in chosen and "phone" in chosen

    def set_target(self, header_index: int, field: str) -> None:
        """Choose the target of one column (as a user would in its combo box)."""
        combo = self.combos[header_index]
        combo.setCurrentIndex(combo.findData(field))


class OptionsPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setCommitPage(True)
        self.duplicates_label = QLabel()
        self.skip_button = QRadioButton()
        self.merge_button = QRadioButton()
        self.skip_button.setChecked(True)
        self.policy = QButtonGroup(self)
        self.policy.addButton(self.skip_button)
        self.policy.addButton(self.merge_button)
        self.assign_label = QLabel()
        self.assign_combo = QComboBox()
        self.consent_box = QCheckBox()
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.duplicates_label)
        layout.addWidget(self.skip_button)
        layout.addWidget(self.merge_button)
        layout.addSpacing(8)
        layout.addWidget(self.assign_label)
        layout.addWidget(self.assign_combo)
        layout.addWidget(self.consent_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        manager = wizard.is_manager
        for widget in (self.assign_label, self.assign_combo, self.consent_box):
            widget.setVisible(manager)
        self._staff_loaded = False

    def initializePage(self) -> None:
        if not self.import_wizard.is_manager or self._staff_loaded:
            return
        self.run(
            _assignable_staff,
            on_ok=self._staff_listed,
            on_error=lambda exc: self.message.show_error(self.shell.error_text(exc)),
        )

    def _staff_listed(self, members: list[tuple[str, str]]) -> None:
        self._staff_loaded = True
        session = self.shell.signed_in().session
        self.assign_combo.clear()
        for username, display in members:
            self.assign_combo.addItem(f"{display} ({username})", username)
        self.assign_combo.setCurrentIndex(max(self.assign_combo.findData(session.username), 0))

    def on_duplicate(self) -> str:
        return "merge" if self.merge_button.isChecked() else "skip"

    def assign_to(self) -> str | None:
        if not self.import_wizard.is_manager or self.assign_combo.currentIndex() < 0:
            return None
        return str(self.assign_combo.currentData())


class ResultPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.progress = JobProgress()  # each row is checked, then written; Cancel rolls it all back
        self.progress_bar, self.cancel_button = self.progress.bar, self.progress.cancel_button
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.rejects_label = QLabel()
        self.rejects = QTableWidget(0, 2)
        setup_read_only_table(self.rejects, fit_columns=True)
        self.export_button = QPushButton()
        self.export_button.setEnabled(False)
        self.personal_data_note = QLabel()
        self.personal_data_note.setWordWrap(True)
        self.reminder = QLabel()
        self.reminder.setWordWrap(True)
        bold = self.reminder.font()
        bold.setBold(True)
        self.reminder.setFont(bold)
        self.message = MessageLabel()
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addWidget(self.personal_data_note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.counts)
        layout.addWidget(self.rejects_label)
        layout.addWidget(self.rejects, 1)
        layout.addLayout(export_row)
        layout.addWidget(self.reminder)
        layout.addWidget(self.message)
        self.export_button.clicked.connect(self.export_rejects)
        self.report: Any = None
        self.done = False

    def initializePage(self) -> None:
        from desktop_app.services.client_import import import_clients

        wizard = self.import_wizard
        self.done = False
        self.progress.begin()
        self.message.clear_message()
        path, options = wizard.path, wizard.options()
        assert path is not None
        self.progress.follow(
            self.shell.call(
                import_clients,
                path,
                options,
                on_ok=self._imported,
                on_error=self._failed,
                owner=self,
                progress=self.progress.progressed,
            )
        )

    def _imported(self, report: Any) -> None:
        self.report = report
        self.done = True
        self.progress.end()
        self.rejects.setRowCount(len(report.rejected))
        for row, rejected in enumerate(report.rejected):
            self.rejects.setItem(row, 0, QTableWidgetItem(str(rejected.row_number)))
            zh = _zh(self.shell)  # every problem of the row, one a line
            text = "\n".join(p.message_zh if zh else p.message_en for p in rejected.problems)
            self.rejects.setItem(row, 1, QTableWidgetItem(text))
        self.rejects.resizeRowsToContents()
        self.export_button.setEnabled(bool(report.rejected))
        self.retranslate()
        self.completeChanged.emit()
        self.import_wizard.imported.emit(report.imported)

    def _failed(self, exc: BaseException) -> None:
        self.done = True
        self.progress.end()
        if isinstance(exc, Cancelled):
            text = self.tr("Import cancelled: no client was imported.")
        else:
            text = self.shell.error_text(exc)
        self.message.show_error(text)
        self.retranslate()
        self.completeChanged.emit()
        self.import_wizard.failed.emit(text)

    def isComplete(self) -> bool:
        return self.done

    def retranslate(self) -> None:
        report = self.report
        if report is None:
            self.counts.setText(self.tr("Importing…") if not self.done else "")
        else:
            lines = [
                self.tr("Imported: %1").replace("%1", str(report.imported)),
                self.tr("Merged into existing clients: %1").replace("%1", str(report.merged)),
                self.tr("Duplicates skipped: %1 (repeated in the file: %2)")
                .replace("%1", str(report.duplicates_skipped))
                .replace("%2", str(report.duplicates_in_file)),
                *(  # only a manager's report has them (services/client_import.py)
                    [
                        self.tr("Duplicates of clients you may not see (ask the manager): %1").replace(
                            "%1", str(report.duplicates_for_manager)
                        )
                    ]
                    if report.duplicates_for_manager
                    else []
                ),
                self.tr("Rejected rows: %1").replace("%1", str(report.refused)),
                self.tr("Sensitive fields not imported: %1").replace("%1", str(report.dropped_fields)),
            ]
            for reason, count in sorted(report.dropped.items()):
                zh, en = dropped_reason_text(reason)
                lines.append(f"  {count}: {zh if _zh(self.shell) else en}")
            self.counts.setText("\n".join(lines))
            self.reminder.setText(report.reminder_zh if _zh(self.shell) else report.reminder_en)
        self.rejects_label.setText(self.tr("Rejected rows (fix them in the file and import them again):"))
        self.rejects.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Reason")])
        self.export_button.setText(self.tr("&Export rejects…"))
        self.cancel_button.setText(self.tr("&Cancel import"))
        self.personal_data_note.setText(
            self.tr(
                "The export holds clients' personal data: save it only where it is protected, and delete it when done."
            )
        )

    def export_rejects(self) -> None:
        report, source = self.report, self.import_wizard.path
        if report is None or not report.rejected:
            return
        from desktop_app.ui.output_files import choose_output

        chosen = choose_output(
            self,
            self.tr("Export rejected rows"),
            "rejects.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV files (*.csv)"),
            data_dir=self.shell.data_dir,
        )
        if chosen is None:
            return
        path = chosen.path
        if path.suffix.lower() not in (".xlsx", ".csv"):
            self.message.show_error(self.tr("Choose a file name ending in .xlsx or .csv."))
            return
        if source is not None and path.resolve() == source.resolve():
            self.message.show_error(self.tr("Choose another file: the source file must not be overwritten."))
            return

        from desktop_app.services.client_import import export_rejects

        self.run(
            export_rejects,
            report,
            path,
            overwrite=chosen.overwrite,
            on_ok=lambda count: self.message.show_ok(self.tr("%n rejected row(s) exported.", "", int(count))),
            on_error=lambda exc: self.message.show_error(self.shell.error_text(exc)),
        )


class ImportWizard(Retranslating, QWizard):
    imported = Signal(int)  # the number of clients imported
    failed = Signal(str)  # the error, as shown

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        session = shell.signed_in().session
        self.is_manager = can(session.role, Action.CLIENT_REASSIGN)  # assigns to others, confirms consent
        self.path: Path | None = None
        self.preview: Any = None
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.options_page = OptionsPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in enumerate(
            (self.file_page, self.mapping_page, self.options_page, self.result_page)
        ):
            self.setPage(page_id, page)
        self.resize(720, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import clients from a spreadsheet"))
        self.file_page.setTitle(self.tr("Choose the file"))
        self.file_page.note.setText(
            self.tr(
                "Choose an Excel (.xlsx or .xls) or CSV client list. The file is only read, never copied; "
                "every row is checked like a new client before anything is saved."
            )
        )
        self.file_page.choose_button.setText(self.tr("&Choose file…"))
        self.mapping_page.setTitle(self.tr("Match the columns"))
        self.mapping_page.note.setText(
            self.tr(
                "Check what each column holds. Columns set to “Ignore” are not imported; your choices are remembered for the next file."
            )
        )
        self.mapping_page.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Imported as")]
        )
        for combo in self.mapping_page.combos:
            combo.setItemText(0, self.tr("Ignore"))
        self.mapping_page.branch_box.setText(
            self.tr(
                "&Remember these choices for the whole branch (everyone's default; a person's own choices come first)"
            )
        )
        page = self.options_page
        page.setTitle(self.tr("Options"))
        page.duplicates_label.setText(
            self.tr("When a client with the same phone or ID number already exists:")
        )
        page.skip_button.setText(self.tr("&Skip the row"))
        page.merge_button.setText(self.tr("&Fill the existing client's empty fields"))
        page.assign_label.setText(self.tr("Assign the imported clients to:"))
        page.consent_box.setText(self.tr("I confirm the whole file has signed sensitive-data consent"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.result_page.setTitle(self.tr("Result"))
        self.result_page.retranslate()

    # -------------------------------------------------------------------------------------- file step

    def choose_file(self, path: Path | None = None) -> None:
        """Use ``path`` (tests) or ask with the file dialog; then read the headers on the database
        lane."""
        from desktop_app.services.client_import import preview_import

        if path is None:
            path = dialogs.open_file(
                self, self.tr("Choose a client list"), self.tr("Spreadsheets (*.xlsx *.xls *.csv)")
            )
            if path is None:
                return
        page = self.file_page
        self.path, self.preview = path, None
        page.path_edit.setText(str(path))
        page.message.clear_message()
        page.busy_bar.setVisible(True)
        page.completeChanged.emit()
        page.run(preview_import, path, on_ok=self._previewed, on_error=self._preview_failed)

    def _previewed(self, preview: Any) -> None:
        page = self.file_page
        page.busy_bar.setVisible(False)
        self.preview = preview
        page.message.show_info(
            self.tr("Header found in row %1; %2 data row(s) to check.")
            .replace("%1", str(preview.header_row))
            .replace("%2", str(preview.data_rows))
        )
        page.completeChanged.emit()

    def _preview_failed(self, exc: BaseException) -> None:
        self.file_page.busy_bar.setVisible(False)
        self.file_page.message.show_error(self.shell.error_text(exc))
        self.file_page.completeChanged.emit()

    # ----------------------------------------------------------------------------------- choices

    def options(self) -> Any:
        from desktop_app.services.client_import import ImportOptions

        preview = self.preview
        headers = preview.headers if preview is not None else ()
        mapping = (
            dict(zip(headers, self.mapping_page.chosen(), strict=True)) if self.mapping_page.combos else {}
        )
        return ImportOptions(
            on_duplicate=self.options_page.on_duplicate(),
            assign_to=self.options_page.assign_to(),
            consent_confirmed=self.is_manager and self.options_page.consent_box.isChecked(),
            mapping={header: field for header, field in mapping.items() if header.strip()},
            mapping_for_branch=self.is_manager and self.mapping_page.branch_box.isChecked(),
        )
