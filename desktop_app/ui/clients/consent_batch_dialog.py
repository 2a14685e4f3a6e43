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
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.cancellation import Cancelled
from desktop_app.ui.job_dialog import JobDialog
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
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)  # until the first report
        self.cancel_button = QPushButton()  # outside self.buttons: it stays usable while the job runs
        self.cancel_button.clicked.connect(self.cancel)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.error)
        layout.addWidget(self.cancel_button)
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

        return self.run_job(
            print_consent_forms,
            self.client_ids,
            self.output.path,
            language=self.shell.lang,
            overwrite=self.output.overwrite,
            progress=self._progressed,
        )

    def _progressed(self, done: int, total: int, _text: str) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)

    def cancel(self) -> None:
        """Stop between forms: no file, no recorded number."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)

    def succeeded(self, result: object) -> None:
        numbers = getattr(result, "form_numbers", ())
        if self.progress_bar.maximum() == 0:  # done before the first report arrived
            self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(self.progress_bar.maximum())
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
        self.progress_bar.setVisible(False)
        if isinstance(exc, Cancelled):
            self.text.setText(self.tr("Cancelled: no file was saved and no form number was recorded."))
        else:
            self.text.clear()
            self.error.show_error(text)
        self.buttons.setVisible(True)

    def reject(self) -> None:
        if self.busy:
            self.cancel()  # closing the window while it works means stop
            return
        super().reject()
