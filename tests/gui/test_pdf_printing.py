"""Printing and saving an in-memory PDF (ui/pdf_printing.py), checked on real output.

The printer is a real QPrinter writing a PDF file; its output is read back with pypdfium2 and
``pdfinfo`` and compared, page by page, with the input rendered the same way. The process's
temporary directory (Python's and Qt's) is redirected to an empty folder that must stay empty.
"""

from __future__ import annotations

import errno
import os
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from desktop_app.documents.pdf_engine import build_pdf, page_setup, para, qr_code, spacer, styles, table
from desktop_app.domain.errors import BranchVaultError
from desktop_app.store.branch_config import BranchConfig
from desktop_app.ui import dialogs
from desktop_app.ui.pdf_printing import (
    DamagedPdf,
    PageRangeOutside,
    PdfNotSaved,
    PrinterNotReady,
    new_printer,
    print_pdf_bytes,
    render_pdf_to_printer,
    save_pdf_as,
)
from tests.documents.pdf_tools import requires_poppler

CONFIG = BranchConfig("5f0c-branch", "SZ001", "深圳南山店", "示例地产经纪有限公司", "400-000-0000")
LOOK_SIZE = (62, 88)  # A4 downscaled: enough to tell the pages apart, blind to resampling noise
SAME_LOOK = 5.0  # mean grey difference (0–255) between two renderings of the same page
TITLE = "Consent form"

pytestmark = requires_poppler


@pytest.fixture(scope="module")
def form_pdf() -> bytes:
    """A two-page document from the project's document engine, pages clearly different."""
    from reportlab.platypus import PageBreak

    look = styles()
    story = [
        para("个人信息处理告知书及同意书", look.title),
        para("示例地产经纪有限公司 · 深圳南山店 · 欧阳喆堃", look.subtitle),
        *[para("本店依照《个人信息保护法》处理您的个人信息。" * 6) for _ in range(6)],
        PageBreak(),
        table([["项目", "内容"], *[[f"第 {n} 项", "同意 / 不同意"] for n in range(1, 16)]], [40, 120]),
        spacer(10),
        qr_code("BVFORM|SZ001-20261129-K7QM2X|2026-11-v1", 40),
    ]
    setup = page_setup(
        CONFIG.letterhead(), title="Printing test", footer_left="Form No. SZ001-20261129-K7QM2X"
    )
    pdf = build_pdf(setup, story)
    assert page_count(pdf) == 2
    return pdf


@pytest.fixture
def system_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder standing in for the system's temporary directory (Python's and Qt's)."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def printer(tmp_path: Path, system_temp: Path) -> QPrinter:
    made = new_printer()
    made.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    made.setOutputFileName(str(tmp_path / "out.pdf"))
    return made


def page_count(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def looks(pdf: bytes) -> list[Image.Image]:
    """Every page as a small greyscale image."""
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for page in document:
            bitmap = page.render(scale=1.0, grayscale=True)
            images.append(bitmap.to_pil().convert("L").resize(LOOK_SIZE, Image.Resampling.BOX))
            bitmap.close()
            page.close()
        return images
    finally:
        document.close()


def difference(a: Image.Image, b: Image.Image) -> float:
    return float(ImageStat.Stat(ImageChops.difference(a, b)).mean[0])


def printed(tmp_path: Path) -> bytes:
    return (tmp_path / "out.pdf").read_bytes()


def files_under(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


def test_prints_every_page_exactly_as_the_pdf_looks(
    qapp: QApplication, form_pdf: bytes, printer: QPrinter, tmp_path: Path, system_temp: Path
) -> None:
    assert tempfile.gettempdir() == str(system_temp)
    before = files_under(system_temp)

    assert print_pdf_bytes(None, form_pdf, TITLE, printer, ask=False) is True

    assert files_under(system_temp) == before == []
    out = printed(tmp_path)
    info = subprocess.run(["pdfinfo", "-"], input=out, capture_output=True, check=True).stdout
    assert b"Pages:           2" in info and b"(A4)" in info
    source, copy = looks(form_pdf), looks(out)
    assert difference(source[0], copy[0]) < SAME_LOOK
    assert difference(source[1], copy[1]) < SAME_LOOK
    # The comparison can tell the pages apart, so the checks above mean something.
    assert difference(source[0], copy[1]) > 2 * SAME_LOOK
    assert not dialogs.history()


def test_page_range_from_the_core_and_from_the_printer(
    qapp: QApplication, form_pdf: bytes, printer: QPrinter, tmp_path: Path
) -> None:
    assert render_pdf_to_printer(form_pdf, printer, 2, 2) == 1
    copy = looks(printed(tmp_path))
    assert len(copy) == 1 and difference(copy[0], looks(form_pdf)[1]) < SAME_LOOK

    # As the print dialog leaves it: a page range on the printer itself.
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 1)
    assert print_pdf_bytes(None, form_pdf, TITLE, printer, ask=False)
    copy = looks(printed(tmp_path))
    assert len(copy) == 1 and difference(copy[0], looks(form_pdf)[0]) < SAME_LOOK


def test_a_range_outside_the_document_prints_nothing(
    qapp: QApplication, form_pdf: bytes, printer: QPrinter, tmp_path: Path
) -> None:
    with pytest.raises(PageRangeOutside) as raised:
        render_pdf_to_printer(form_pdf, printer, 3, 4)
    assert "共 2 页" in raised.value.zh and "2 page(s)" in raised.value.en
    assert not (tmp_path / "out.pdf").exists()


def test_copies_the_print_system_cannot_make_are_printed_collated(
    qapp: QApplication, form_pdf: bytes, printer: QPrinter, tmp_path: Path
) -> None:
    assert not printer.supportsMultipleCopies()  # a PDF file: the app makes the copies
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    assert render_pdf_to_printer(form_pdf, printer) == 4
    source, copy = looks(form_pdf), looks(printed(tmp_path))
    assert [min(range(2), key=lambda i: difference(page, source[i])) for page in copy] == [0, 1, 0, 1]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_pdf_gives_the_bilingual_error_and_prints_nothing(
    qapp: QApplication, form_pdf: bytes, printer: QPrinter, tmp_path: Path, damage: str
) -> None:
    pdf = {"garbage": b"not a pdf at all", "truncated": form_pdf[: len(form_pdf) // 3], "empty": b""}[damage]
    with pytest.raises(DamagedPdf) as raised:
        render_pdf_to_printer(pdf, printer)
    assert "已损坏" in raised.value.zh and "damaged" in raised.value.en
    assert not (tmp_path / "out.pdf").exists()

    assert print_pdf_bytes(None, pdf, TITLE, printer, ask=False) is False
    [shown] = dialogs.history()
    assert shown.kind == "error" and shown.text == raised.value.bilingual()
    assert not (tmp_path / "out.pdf").exists()


def test_a_printer_that_cannot_start_is_reported(
    qapp: QApplication, form_pdf: bytes, printer: QPrinter, tmp_path: Path
) -> None:
    printer.setOutputFileName(str(tmp_path / "no such folder" / "out.pdf"))
    with pytest.raises(PrinterNotReady) as raised:
        render_pdf_to_printer(form_pdf, printer)
    assert isinstance(raised.value, BranchVaultError)
    assert "打印机" in raised.value.zh and "printer" in raised.value.en
    assert print_pdf_bytes(None, form_pdf, TITLE, printer, ask=False) is False
    assert dialogs.history()[-1].text == PrinterNotReady().bilingual()


def _answer_print_dialog(qtbot: object, accept: bool) -> list[QPrintDialog]:
    """Close the next modal dialog once it shows, recording it."""
    seen: list[QPrintDialog] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(10, close_it)
            return
        seen.append(dialog)
        dialog.accept() if accept else dialog.reject()

    QTimer.singleShot(0, close_it)
    return seen


def test_the_print_dialog_is_shown_and_cancelling_prints_nothing(
    qtbot: object, form_pdf: bytes, printer: QPrinter, tmp_path: Path
) -> None:
    """The real dialog (test mode off): on the given printer, titled, pages 1..n."""
    dialogs.use_test_answers(False)
    parent = QWidget()
    seen = _answer_print_dialog(qtbot, accept=False)
    assert print_pdf_bytes(parent, form_pdf, TITLE, printer) is False
    [dialog] = seen
    assert dialog.printer() is printer and TITLE in dialog.windowTitle()
    assert (dialog.minPage(), dialog.maxPage()) == (1, 2)
    assert not (tmp_path / "out.pdf").exists()
    parent.deleteLater()


def test_accepting_the_print_dialog_prints(
    qtbot: object, form_pdf: bytes, printer: QPrinter, tmp_path: Path
) -> None:
    dialogs.set_next_answer(dialogs.Button.Ok)
    assert print_pdf_bytes(None, form_pdf, TITLE, printer) is True
    [shown] = dialogs.history()
    assert shown.kind == "print" and TITLE in shown.title and shown.text == "1-2"
    assert printer.docName() == TITLE
    assert page_count(printed(tmp_path)) == 2


def test_the_print_dialog_goes_through_the_dialog_seam(
    qtbot: object, form_pdf: bytes, printer: QPrinter
) -> None:
    """Regression: the print dialog bypassed ui/dialogs.py, so a test could not answer it and it
    showed (modal) even in test mode. Now it is recorded and answered like any question, and an
    unanswered one raises instead of blocking."""
    real = _answer_print_dialog(qtbot, accept=False)  # would catch a real dialog
    dialogs.set_next_answer(dialogs.Button.Cancel)
    assert print_pdf_bytes(None, form_pdf, TITLE, printer) is False
    assert [d.kind for d in dialogs.history()] == ["print"]
    with pytest.raises(dialogs.UnansweredDialog):
        print_pdf_bytes(None, form_pdf, TITLE, printer)
    assert real == []


def test_save_as_writes_exactly_the_pdf(form_pdf: bytes, tmp_path: Path, system_temp: Path) -> None:
    dialogs.set_next_path(tmp_path / "form.pdf")
    assert save_pdf_as(None, form_pdf, "SZ001-20261129.pdf", tmp_path) == tmp_path / "form.pdf"
    assert (tmp_path / "form.pdf").read_bytes() == form_pdf
    [shown] = dialogs.history()
    assert shown.kind == "save_file" and shown.text == str(tmp_path / "SZ001-20261129.pdf")

    dialogs.set_next_path(tmp_path / "typed without suffix")
    assert save_pdf_as(None, form_pdf, "x.pdf") == tmp_path / "typed without suffix.pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "form.pdf",
        "system-temp",
        "typed without suffix.pdf",
    ]
    assert files_under(system_temp) == []


def test_save_as_through_the_real_file_dialog_call(
    form_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs.use_test_answers(False)
    asked: list[tuple[str, str, str]] = []

    def get_save_file_name(
        parent: object, caption: str, suggested: str, name_filter: str, **_: object
    ) -> tuple[str, str]:
        asked.append((caption, suggested, name_filter))
        return str(tmp_path / "chosen.pdf"), name_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    assert save_pdf_as(None, form_pdf, "form.pdf", tmp_path) == tmp_path / "chosen.pdf"
    assert (tmp_path / "chosen.pdf").read_bytes() == form_pdf
    [(caption, suggested, name_filter)] = asked
    assert suggested == str(tmp_path / "form.pdf") and "*.pdf" in name_filter and caption

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert save_pdf_as(None, form_pdf, "form.pdf", tmp_path) is None


def test_cancelling_save_as_writes_nothing(form_pdf: bytes, tmp_path: Path) -> None:
    dialogs.set_next_path(None)
    assert save_pdf_as(None, form_pdf, "form.pdf", tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def _assert_not_saved() -> None:
    shown = dialogs.history()[-1]
    assert shown.kind == "error" and shown.text == PdfNotSaved().bilingual()
    assert "未保存任何文件" in shown.text and "no file was saved" in shown.text


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_save_as_into_a_read_only_folder_fails_cleanly(form_pdf: bytes, tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        dialogs.set_next_path(folder / "form.pdf")
        assert save_pdf_as(None, form_pdf, "form.pdf") is None
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)
    _assert_not_saved()


def test_save_as_into_a_missing_folder_fails_cleanly(form_pdf: bytes, tmp_path: Path) -> None:
    dialogs.set_next_path(tmp_path / "gone" / "form.pdf")
    assert save_pdf_as(None, form_pdf, "form.pdf") is None
    assert list(tmp_path.iterdir()) == []
    _assert_not_saved()


def test_a_full_disk_leaves_the_old_file_and_no_partial_one(
    form_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "form.pdf"
    target.write_bytes(b"the earlier copy")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    dialogs.set_next_path(target)
    dialogs.set_next_answer(dialogs.Button.Yes)  # replace the earlier copy
    assert save_pdf_as(None, form_pdf, "form.pdf") is None
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == [target] and target.read_bytes() == b"the earlier copy"
    _assert_not_saved()
