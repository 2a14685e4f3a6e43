"""Consent forms for several clients as one PDF (a morning's walk-ins, a signing day).

The clients chosen on the client list are rendered on the database lane with real progress
("3 of 10 forms"); the PDF is written to a temporary file renamed at the end and the forms' numbers
are recorded in one transaction (services/consent_batch.py). Cancel (or closing the window) stops
between forms and leaves no file and no recorded number, so nothing half-written is ever printed
and signed. Where the PDF goes was chosen and checked before (ui/output_files.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.cancellation import Cancelled
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.job_progress import JobProgress
from desktop_app.ui.output_files import ChosenOutput
from desktop_app.ui.shell import Shell


class ConsentBatchDialog(JobDialog):
    saved = Signal(str)  # the PDF's path

    def __init__(
        self, shell: Shell, client_ids: Sequence[int], output: ChosenOutput, parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.client_ids = list(client_ids)
        self.output = output
        self.setMinimumWidth(460)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.progress = JobProgress()  # its Cancel is outside self.buttons: usable while the job runs
        self.progress_bar, self.cancel_button = self.progress.bar, self.progress.cancel_button
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Consent forms for the selected clients"))
        self.cancel_button.setText(self.tr("&Cancel"))
        if self.busy or not self.buttons.isVisible():
            self.text.setText(self.tr("Preparing %n consent form(s) as one PDF…", "", len(self.client_ids)))

    def start(self) -> bool:
        """Render, write and record the forms (the dialog shows the progress)."""
        from desktop_app.services.consent_batch import print_consent_forms

        self.progress.begin()
        started = self.run_job(
            print_consent_forms,
            self.client_ids,
            self.output.path,
            language=self.shell.lang,
            overwrite=self.output.overwrite,
            progress=self.progress.progressed,
        )
        if started and self.job is not None:
            self.progress.follow(self.job)
        return started

    def succeeded(self, result: object) -> None:
        numbers = getattr(result, "form_numbers", ())
        self.progress.end(keep_bar=True)
        self.text.setText(
            self.tr(
                "Saved %n consent form(s) to %1. Print it and have each client sign their form.",
                "",
                len(numbers),
            ).replace("%1", str(self.output.path))
        )
        self.buttons.setVisible(True)
        self.saved.emit(str(self.output.path))

    def show_failure(self, exc: BaseException, text: str) -> None:
        self.progress.end()
        if isinstance(exc, Cancelled):
            self.text.setText(self.tr("Cancelled: no file was saved and no form number was recorded."))
        else:
            self.text.clear()
            self.error.show_error(text)
        self.buttons.setVisible(True)

    def reject(self) -> None:
        if self.busy:
            self.progress.cancel()  # closing the window while it works means stop (no file)
            return
        super().reject()
