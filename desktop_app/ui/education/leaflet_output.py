"""Getting the privacy-tips leaflet to paper: make it (for a client: recorded as participation),
then Print… (the system print dialog, exactly the generated PDF, ui/pdf_printing.py) or Save as PDF….

``LeafletChoice`` holds the PDF bytes only while it is open (no temporary file). ``print_leaflet_for``
is the one entry point the education tab and the client detail page share: it runs the service on
the worker and opens the choice when the PDF arrives; a refusal is shown in an error box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui import dialogs
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

PrinterFactory = Callable[[], QPrinter | None]


class LeafletChoice(Retranslating, QDialog):
    """``sent(ok)`` after each Print…; ``saved(path)`` after Save as PDF…."""

    sent = Signal(bool)
    saved = Signal(str)

    def __init__(
        self,
        shell: Shell,
        pdf: bytes,
        *,
        for_client: bool,
        printer_factory: PrinterFactory = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.shell = shell
        self._pdf: bytes | None = pdf
        self.for_client = for_client
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
        self.setMinimumWidth(440)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Privacy tips leaflet"))
        if self.for_client:
            self.text.setText(
                self.tr(
                    "The privacy tips leaflet is ready, and it is recorded that the client received "
                    "it today. Print it, or save it as a PDF."
                )
            )
        else:
            self.text.setText(self.tr("The privacy tips leaflet is ready. Print it, or save it as a PDF."))
        self.print_button.setText(self.tr("&Print…"))
        self.save_button.setText(self.tr("&Save as PDF…"))

    @property
    def has_pdf(self) -> bool:
        return self._pdf is not None

    def print_pdf(self) -> bool:
        from desktop_app.ui.pdf_printing import print_pdf_bytes

        if self._pdf is None:
            return False
        title = self.tr("Privacy tips leaflet")
        ok = print_pdf_bytes(self, self._pdf, title, self.printer_factory(), data_dir=self.shell.data_dir)
        if ok:
            self.info.show_ok(self.tr("Sent to the printer."))
        self.sent.emit(ok)
        return ok

    def save_pdf(self) -> None:
        from desktop_app.ui.pdf_printing import save_pdf_as

        if self._pdf is None:
            return
        path = save_pdf_as(self, self._pdf, "privacy-tips.pdf", data_dir=self.shell.data_dir)
        if path is not None:
            self.info.show_ok(self.tr("Saved as %1").replace("%1", str(path)))
            self.saved.emit(str(path))

    def done(self, result: int) -> None:
        self._pdf = None
        super().done(result)


def print_leaflet_for(
    shell: Shell,
    parent: QWidget,
    client_id: int | None,
    *,
    on_ready: Callable[[LeafletChoice], None] | None = None,
    printer_factory: PrinterFactory = lambda: None,
) -> None:
    """Make the leaflet on the worker (for ``client_id``: recorded) and open the print/save choice."""
    from desktop_app.services.education import print_leaflet

    def ready(pdf: object) -> None:
        assert isinstance(pdf, bytes)
        choice = LeafletChoice(
            shell, pdf, for_client=client_id is not None, printer_factory=printer_factory, parent=parent
        )
        choice.open()
        if on_ready is not None:
            on_ready(choice)

    def failed(exc: BaseException) -> None:
        heading = QCoreApplication.translate("LeafletChoice", "Privacy tips leaflet")
        dialogs.error(parent, heading, shell.error_text(exc))

    shell.call(print_leaflet, client_id, on_ok=ready, on_error=failed, owner=parent)
