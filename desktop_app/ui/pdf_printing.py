"""Printing and saving a PDF that exists only in memory (the consent form, later other documents).

``print_pdf_bytes`` asks with the system print dialog (through the dialog seam, ui/dialogs.py, so
tests answer it), then prints exactly the given PDF: each
page is rendered by pypdfium2 straight from the bytes to an in-memory image (at the printer's
resolution, capped at ``MAX_DPI`` to bound memory) and drawn onto the whole sheet, keeping its
aspect ratio, one printed sheet per PDF page. The dialog's page range, copies, collation and page
order are honoured. The app writes no file for this: neither the PDF nor its page images touch the
disk (what a print system spools on its own is outside the app).

``render_pdf_to_printer`` is the same printing without any dialog, for tests and for "print
again". ``save_pdf_as`` asks for a file name and writes the PDF atomically (a temporary file in the
chosen folder, renamed over the target), so a failed save leaves nothing half-written. The place
is checked like every output (ui/output_files.py, store/output_paths.py): never in the branch's data
directory, never onto a device or pipe, an existing file only after "Replace?"; "print to file" in
the print dialog gets the same check.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from desktop_app.domain.errors import BranchVaultError
from desktop_app.ui import dialogs

MAX_DPI = 300  # an A4 page at 300 dpi is a 35 MB image; printer text stays sharp
MIN_DPI = 72
POINTS_PER_INCH = 72.0
_IMAGE_FORMATS = {
    "RGBX": QImage.Format.Format_RGBX8888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGB": QImage.Format.Format_RGB888,
    "L": QImage.Format.Format_Grayscale8,
}


class DamagedPdf(BranchVaultError):
    code = "damaged_pdf"

    def __init__(self) -> None:
        super().__init__(
            "该 PDF 文档已损坏或无法读取，未打印任何内容。请重新生成该文档后再打印；如仍出错，请联系 IT。",
            "The PDF document is damaged or cannot be read, so nothing was printed. Make the "
            "document again and print it; if it happens again, contact IT.",
        )


class PrinterNotReady(BranchVaultError):
    code = "printer_not_ready"

    def __init__(self) -> None:
        super().__init__(
            "打印机无法开始打印（可能已离线、缺纸、无权限，或所选文件无法写入），未打印任何内容。"
            "请检查打印机后重试，或联系 IT。",
            "The printer could not start printing (it may be offline, out of paper or not allowed, "
            "or the chosen file cannot be written), so nothing was printed. Check the printer and "
            "try again, or contact IT.",
        )


class PageRangeOutside(BranchVaultError):
    code = "page_range_outside"

    def __init__(self, first: int, last: int, count: int) -> None:
        super().__init__(
            f"所选页码范围（第 {first}–{last} 页）不在本文档内，本文档共 {count} 页，未打印任何内容。",
            f"The chosen pages ({first}–{last}) are not in this document, which has {count} "
            "page(s); nothing was printed.",
        )


class PdfNotSaved(BranchVaultError):
    code = "pdf_not_saved"

    def __init__(self) -> None:
        super().__init__(
            "无法在所选位置保存 PDF（磁盘可能已满，或没有该文件夹的写入权限），未保存任何文件。"
            "请选择其他位置后重试。",
            "The PDF could not be saved there (the disk may be full, or you may not write to that "
            "folder), so no file was saved. Choose another place and try again.",
        )


def new_printer() -> QPrinter:
    """A high-resolution printer set to A4 portrait, printing on the whole sheet at 100 %."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    return printer


@contextlib.contextmanager
def _opened(pdf: bytes) -> Iterator[pdfium.PdfDocument]:
    """The document read from memory (never from a file); DamagedPdf if it cannot be read."""
    try:
        document = pdfium.PdfDocument(pdf)
    except (pdfium.PdfiumError, TypeError, ValueError) as exc:
        raise DamagedPdf() from exc
    try:
        if len(document) == 0:
            raise DamagedPdf()
        yield document
    finally:
        document.close()


def _page_indexes(count: int, from_page: int, to_page: int) -> list[int]:
    """Zero-based indexes of the 1-based range ``from_page``–``to_page`` (0 means the end)."""
    first = from_page or 1
    last = min(to_page or count, count)
    if first < 1 or first > last:
        raise PageRangeOutside(first, to_page or count, count)
    return list(range(first - 1, last))


def _print_order(printer: QPrinter, indexes: list[int]) -> list[int]:
    """The pages in the order to send them, with the copies the print system will not make."""
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        indexes = indexes[::-1]
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    if printer.collateCopies():
        return indexes * copies
    return [index for index in indexes for _ in range(copies)]


def _fitted(target: QRectF, width: int, height: int) -> QRectF:
    """The largest rectangle of ``width``:``height`` centred in ``target``."""
    scale = min(target.width() / width, target.height() / height)
    w, h = width * scale, height * scale
    return QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2, w, h)


def _draw_page(painter: QPainter, page: pdfium.PdfPage, dpi: int, target: QRectF) -> None:
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True)
    try:
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, _IMAGE_FORMATS[bitmap.mode])
        painter.drawImage(_fitted(target, bitmap.width, bitmap.height), image)
        del image  # it borrows the bitmap's memory
    finally:
        bitmap.close()


def _print_pages(document: pdfium.PdfDocument, printer: QPrinter, order: list[int]) -> None:
    """Draw the pages of ``order`` on the printer, one sheet each; PrinterNotReady if it cannot start."""
    dpi = max(MIN_DPI, min(printer.resolution(), MAX_DPI))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterNotReady()
    try:
        target = QRectF(painter.viewport())
        for position, index in enumerate(order):
            if position and not printer.newPage():
                raise PrinterNotReady()
            page = document[index]
            try:
                _draw_page(painter, page, dpi, target)
            finally:
                page.close()
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()


def _print_document(document: pdfium.PdfDocument, printer: QPrinter, from_page: int, to_page: int) -> int:
    indexes = _page_indexes(len(document), from_page, to_page)
    order = _print_order(printer, indexes)
    printer.setFullPage(True)  # the PDF already has its margins: print it at 100 % on the sheet
    try:
        _print_pages(document, printer, order)
    except pdfium.PdfiumError as exc:
        raise DamagedPdf() from exc
    return len(order)


def render_pdf_to_printer(pdf: bytes, printer: QPrinter, from_page: int = 0, to_page: int = 0) -> int:
    """Print ``pdf`` on ``printer`` without any dialog; returns the number of sheets printed.

    ``from_page``/``to_page`` are 1-based and inclusive, 0 meaning the first / last page. Raises
    DamagedPdf (before anything is printed, when the PDF cannot be opened), PrinterNotReady or
    PageRangeOutside."""
    with _opened(pdf) as document:
        return _print_document(document, printer, from_page, to_page)


def _chosen_range(printer: QPrinter) -> tuple[int, int]:
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        return printer.fromPage(), printer.toPage()
    return 0, 0


def _ask(parent: QWidget | None, printer: QPrinter, page_count: int, title: str) -> bool:
    """The system print dialog on ``printer``, through the dialog seam; True if the user chose to print."""
    window_title = QCoreApplication.translate("PdfPrinting", "Print %1").replace("%1", title)
    return dialogs.print_setup(parent, printer, window_title=window_title, page_count=page_count)


def print_pdf_bytes(
    parent: QWidget | None,
    pdf: bytes,
    title: str,
    printer: QPrinter | None = None,
    *,
    ask: bool = True,
    data_dir: Path | None = None,
) -> bool:
    """Ask with the print dialog (unless ``ask`` is False) and print exactly ``pdf``.

    ``title`` names the job in the print queue and the dialog, so it must hold no personal data
    (say "同意书 SZ001-20261129-K7QM2X", never the client's name). A new printer (A4 portrait) is
    used when ``printer`` is None; pass the same printer again to "print again" with ``ask=False``.
    Printing to a file is refused inside ``data_dir`` or onto a device (``_check_print_to_file``).
    True when the pages were sent to the printer; False when the user cancelled or printing
    failed (the bilingual reason is shown in an error box)."""
    target = printer if printer is not None else new_printer()
    target.setDocName(title)
    try:
        with _opened(pdf) as document:
            if ask and not _ask(parent, target, len(document), title):
                return False
            _check_print_to_file(target, data_dir)
            _print_document(document, target, *_chosen_range(target))
    except BranchVaultError as exc:
        heading = QCoreApplication.translate("PdfPrinting", "Printing failed")
        dialogs.error(parent, heading, exc.bilingual())
        return False
    return True


def _check_print_to_file(printer: QPrinter, data_dir: Path | None) -> None:
    """Qt's print dialog can "print to file" at a path the user types: the same rule as every save
    (store/output_paths.py) applies — never into the data directory ``data_dir``, never onto a
    device or FIFO. Qt's dialog has already asked before replacing an existing file."""
    name = printer.outputFileName() if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat else ""
    if name:
        from desktop_app.services.output_files import check_output

        check_output(Path(name), data_dir, overwrite=True)


def save_pdf_as(
    parent: QWidget | None,
    pdf: bytes,
    suggested_name: str,
    directory: Path | None = None,
    *,
    data_dir: Path | None = None,
) -> Path | None:
    """Ask where to save ``pdf`` and write it there atomically; the path, or None if cancelled,
    refused or the save failed (the bilingual reason is then shown, and no file is left
    half-written). The place is checked by ui/output_files.py: never in the branch's data directory
    (``data_dir``; the app's default data folders are always protected), never over a device, and an
    existing file only after the user agreed to replace it."""
    from desktop_app.domain.output_targets import OutputRefused
    from desktop_app.services.output_files import write_output
    from desktop_app.ui.output_files import choose_output, with_pdf_suffix

    suggested = str(directory / suggested_name) if directory is not None else suggested_name
    chosen = choose_output(
        parent,
        QCoreApplication.translate("PdfPrinting", "Save as PDF"),
        suggested,
        QCoreApplication.translate("PdfPrinting", "PDF files (*.pdf)"),
        data_dir=data_dir,
        normalise=with_pdf_suffix,
    )
    if chosen is None:
        return None
    heading = QCoreApplication.translate("PdfPrinting", "Saving failed")
    try:
        write_output(chosen.path, pdf, data_dir=data_dir, overwrite=chosen.overwrite)
    except OutputRefused as refused:  # the place changed after it was checked
        dialogs.error(parent, heading, refused.bilingual())
        return None
    except OSError:
        dialogs.error(parent, heading, PdfNotSaved().bilingual())
        return None
    return chosen.path
