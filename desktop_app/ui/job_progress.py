"""Progress and Cancel for one long job: the import, the retention batch, the batch of consent
forms (later backups and the HQ sync).

``JobProgress`` is one row: a progress bar (indeterminate until the job's first report) and a Cancel
button. ``begin()`` shows it, ``follow(handle)`` remembers the running job (``Shell.call`` returns
the handle), ``progressed`` is the ``progress=`` callback, Cancel asks the job to stop at its next
safe point (the job decides where that is: services take a ``CancelToken`` and stop only where
nothing is left half-written) and is disabled after one click, ``end()`` hides the row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

if TYPE_CHECKING:
    from desktop_app.ui.background import JobHandle


class JobProgress(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.handle: JobHandle | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    @property
    def running(self) -> bool:
        return self.handle is not None

    def begin(self) -> None:
        """A job is about to start: show the row, indeterminate until the first report."""
        self.bar.setRange(0, 0)
        self.bar.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.setVisible(True)

    def follow(self, handle: JobHandle) -> JobHandle:
        self.handle = handle
        return handle

    def progressed(self, done: int, total: int, _text: str = "") -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def cancel(self) -> None:
        """Ask the job to stop at its next safe point (once)."""
        if self.handle is not None:
            self.handle.cancel()
            self.cancel_button.setEnabled(False)

    def end(self, *, keep_bar: bool = False) -> None:
        """The job ended: hide the row (``keep_bar``: leave the full bar showing what was done)."""
        self.handle = None
        self.cancel_button.setVisible(False)
        if keep_bar:
            if self.bar.maximum() == 0:  # done before the first report arrived
                self.bar.setRange(0, 1)
            self.bar.setValue(self.bar.maximum())
        else:
            self.setVisible(False)
