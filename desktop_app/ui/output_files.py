"""From a save dialog to a checked output: the one way the GUI chooses where to write a file.

Rule: after the save dialog (ui/dialogs.py, so tests answer it), the chosen path and any companion
files (the JSON beside a client's copy) are checked with services/output_files.py. A place in the
branch's data directory, a device, FIFO, socket or folder is refused with the bilingual reason in
an error box and nothing is written; an existing file is replaced only after the user answers Yes
to "Replace?" (Qt's own overwrite prompt is switched off in ``dialogs.save_file`` so the question is
asked once, here, through the seam). The caller then writes with ``services.output_files`` and
``overwrite=chosen.overwrite``, which checks again at write time.

Reason: a click must not be able to replace the branch's key slots or database (issue 10, §4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop_app.services.output_files import inspect_output
from desktop_app.ui import dialogs


@dataclass(frozen=True)
class ChosenOutput:
    """Where to write: ``path`` (and ``companions``), replacing existing files only if ``overwrite``."""

    path: Path
    overwrite: bool
    companions: tuple[Path, ...] = ()


def with_pdf_suffix(path: Path) -> Path:
    """A name typed without a suffix gets ``.pdf`` (the save dialogs that write a PDF)."""
    return path if path.suffix else path.with_suffix(".pdf")


def choose_output(
    parent: QWidget | None,
    caption: str,
    suggested: str,
    name_filter: str,
    *,
    data_dir: Path | None,
    normalise: Callable[[Path], Path] | None = None,
    companions: Callable[[Path], tuple[Path, ...]] | None = None,
) -> ChosenOutput | None:
    """Ask where to save, then check it; None when cancelled, refused or not to be replaced."""
    chosen = dialogs.save_file(parent, caption, suggested, name_filter)
    if chosen is None:
        return None
    path = normalise(chosen) if normalise is not None else chosen
    extra = companions(path) if companions is not None else ()
    existing: list[Path] = []
    for candidate in (path, *extra):
        target, refusal = inspect_output(candidate, data_dir)
        if refusal is not None:
            dialogs.error(
                parent, QCoreApplication.translate("OutputFiles", "Cannot save here"), refusal.bilingual()
            )
            return None
        if target.exists:
            existing.append(candidate)
    if existing:
        question = QCoreApplication.translate("OutputFiles", "%1 already exists. Replace it?").replace(
            "%1", "\n".join(str(name) for name in existing)
        )
        if not dialogs.confirm(
            parent, QCoreApplication.translate("OutputFiles", "Replace the file?"), question
        ):
            return None
    return ChosenOutput(path, bool(existing), tuple(extra))
