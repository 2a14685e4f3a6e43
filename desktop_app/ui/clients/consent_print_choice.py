"""The small choice after a consent form was made: Print… (the system print dialog, exactly the
generated PDF, ui/pdf_printing.py) or Save as PDF… (for offices that file electronically).

The PDF bytes live only in this dialog while it is open and are dropped when it closes; the app
writes no temporary file. ``printer_factory`` is the panel's seam: tests give a PDF-file printer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.client_consents import PrintedConsentForm


class ConsentPrintChoice(Retranslating, QDialog):
    """``sent(ok)`` after each Print… (True when the pages went to the printer); ``saved(path)``."""

    sent = Signal(bool)
    saved = Signal(str)

    def __init__(
        self,
        shell: Shell,
        form: PrintedConsentForm,
        printer_factory: Callable[[], QPrinter | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.shell = shell
        self.form_number = form.form_number
        self.notice_version = form.notice_version
        self._pdf: bytes | None = form.pdf
        self.printer_factory = printer_factory
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.info = MessageLabel()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.info)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Consent form %1").replace("%1", self.form_number))
        self.text.setText(
            self.tr(
                "Consent form %1 (privacy notice %2) is ready. Print it for the client to sign, or "
                "save it as a PDF. Record the signed form with this number."
            )
            .replace("%1", self.form_number)
            .replace("%2", self.notice_version)
        )
        self.print_button.setText(self.tr("&Print…"))
        self.save_button.setText(self.tr("&Save as PDF…"))

    @property
    def has_pdf(self) -> bool:
        return self._pdf is not None

    def print_pdf(self) -> bool:
        from desktop_app.ui.pdf_printing import print_pdf_bytes

        if self._pdf is None:
            return False
        title = self.tr("Consent form %1").replace("%1", self.form_number)
        ok = print_pdf_bytes(self, self._pdf, title, self.printer_factory(), data_dir=self.shell.data_dir)
        if ok:
            self.info.show_ok(self.tr("Sent to the printer."))
        self.sent.emit(ok)
        return ok

    def save_pdf(self) -> None:
        from desktop_app.ui.pdf_printing import save_pdf_as

        if self._pdf is None:
            return
        path = save_pdf_as(
            self, self._pdf, f"consent-form-{self.form_number}.pdf", data_dir=self.shell.data_dir
        )
        if path is not None:
            self.info.show_ok(self.tr("Saved as %1").replace("%1", str(path)))
            self.saved.emit(str(path))

    def done(self, result: int) -> None:
        self._pdf = None  # the form leaves memory with the dialog
        super().done(result)
