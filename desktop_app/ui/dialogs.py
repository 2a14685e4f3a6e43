"""The one way the app shows a message box or a file dialog, so tests can answer them.

Every QMessageBox, QFileDialog and QPrintDialog goes through these functions. Tests call ``use_test_answers()``:
from then on nothing modal is shown; each call is recorded in ``history`` and answered from the
queue filled by ``set_next_answer`` / ``set_next_path`` (informational boxes need no answer; a
question without a queued answer raises ``UnansweredDialog`` instead of blocking the test). With test
mode off, queued answers are ignored: every question is asked for real.
File dialogs are Qt's own widgets, never native ones, so the idle lock can close them.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

Button = QMessageBox.StandardButton


class UnansweredDialog(AssertionError):
    """A test reached a question it did not pre-answer."""


@dataclass(frozen=True)
class ShownDialog:
    kind: str  # information | warning | error | question | about | open_file | save_file | choose_folder | print
    title: str
    text: str


class _TestAnswers:
    def __init__(self) -> None:
        self.enabled = False
        self.answers: deque[Button] = deque()
        self.paths: deque[Path | None] = deque()
        self.history: list[ShownDialog] = []


_test = _TestAnswers()


def use_test_answers(enabled: bool = True) -> None:
    """Switch test mode on (or off) and forget queued answers and history."""
    _test.enabled = enabled
    _test.answers.clear()
    _test.paths.clear()
    _test.history.clear()


def set_next_answer(button: Button) -> None:
    _test.answers.append(button)


def set_next_path(path: Path | None) -> None:
    _test.paths.append(path)


def history() -> list[ShownDialog]:
    return list(_test.history)


def _answer(kind: str, title: str, text: str, default: Button | None) -> Button | None:
    """In test mode, the recorded answer; ``None`` means "show it for real"."""
    if not _test.enabled:
        return None  # a queued answer never decides a real question
    _test.history.append(ShownDialog(kind, title, text))
    if _test.answers:
        return _test.answers.popleft()
    if default is None:
        raise UnansweredDialog(f"{kind} dialog {title!r} was not answered: {text}")
    return default


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button,
    default: Button,
) -> Button:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setDefaultButton(default)
    box.setTextFormat(Qt.TextFormat.PlainText)
    result = box.exec()
    box.deleteLater()
    return Button(result)


def information(parent: QWidget | None, title: str, text: str) -> None:
    if _answer("information", title, text, Button.Ok) is None:
        _box(parent, QMessageBox.Icon.Information, title, text, Button.Ok, Button.Ok)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    if _answer("warning", title, text, Button.Ok) is None:
        _box(parent, QMessageBox.Icon.Warning, title, text, Button.Ok, Button.Ok)


def error(parent: QWidget | None, title: str, text: str) -> None:
    if _answer("error", title, text, Button.Ok) is None:
        _box(parent, QMessageBox.Icon.Critical, title, text, Button.Ok, Button.Ok)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question whose default is No. Returns True for Yes."""
    answer = _answer("question", title, text, None)
    if answer is None:
        answer = _box(parent, QMessageBox.Icon.Question, title, text, Button.Yes | Button.No, Button.No)
    return answer == Button.Yes


def about(parent: QWidget | None, title: str, text: str) -> None:
    if _answer("about", title, text, Button.Ok) is None:
        _box(parent, QMessageBox.Icon.Information, title, text, Button.Ok, Button.Ok)


def _file_answer(kind: str, caption: str, detail: str) -> tuple[bool, Path | None]:
    if not _test.enabled:
        return False, None
    _test.history.append(ShownDialog(kind, caption, detail))
    if not _test.paths:
        raise UnansweredDialog(f"{kind} dialog {caption!r} was not answered")
    return True, _test.paths.popleft()


def open_file(parent: QWidget | None, caption: str, name_filter: str = "") -> Path | None:
    answered, path = _file_answer("open_file", caption, name_filter)
    if answered:
        return path
    chosen, _ = QFileDialog.getOpenFileName(
        parent, caption, "", name_filter, options=QFileDialog.Option.DontUseNativeDialog
    )
    return Path(chosen) if chosen else None


def save_file(
    parent: QWidget | None, caption: str, suggested: str = "", name_filter: str = ""
) -> Path | None:
    """The path typed or picked, or None. Qt's own "replace?" prompt is off: callers go through
    ui/output_files.py, which checks the path and asks that question itself, once, through this seam."""
    answered, path = _file_answer("save_file", caption, suggested)
    if answered:
        return path
    options = QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontConfirmOverwrite
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, suggested, name_filter, options=options)
    return Path(chosen) if chosen else None


def choose_folder(parent: QWidget | None, caption: str) -> Path | None:
    """An existing folder picked (Qt's own dialog), or None. The caller checks it through the
    services' output rules (never the data directory)."""
    answered, path = _file_answer("choose_folder", caption, "")
    if answered:
        return path
    options = QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly
    chosen = QFileDialog.getExistingDirectory(parent, caption, "", options=options)
    return Path(chosen) if chosen else None


def print_setup(parent: QWidget | None, printer: QPrinter, *, window_title: str, page_count: int) -> bool:
    """The system print dialog on ``printer`` (pages 1..``page_count``, a page range allowed); True
    when the user chose to print. In test mode it is answered like a question: a queued
    ``Button.Ok`` prints with the printer as set up, ``Button.Cancel`` cancels, none raises
    ``UnansweredDialog``."""
    answer = _answer("print", window_title, f"1-{page_count}", None)
    if answer is not None:
        return answer in (Button.Ok, Button.Yes)
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog  # loaded only to print

    options = QAbstractPrintDialog.PrintDialogOption
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(window_title)
    dialog.setMinMax(1, page_count)
    dialog.setOption(options.PrintPageRange, True)
    dialog.setOption(options.PrintSelection, False)
    dialog.setOption(options.PrintCurrentPage, False)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
