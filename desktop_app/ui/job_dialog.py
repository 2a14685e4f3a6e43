"""The one scaffold for a dialog that submits one background job: busy state, submit disabled while
it runs, success and failure handling, and the error text in the UI language.

A subclass builds its widgets (``self.buttons``, optionally ``self.busy_bar``, and the inputs it
lists in ``inputs()``), calls ``self.run_job(service_fn, *args)`` from ``submit()``, and overrides
``succeeded(result)`` (and, for failures shown at a field, ``show_failure``). While a job runs,
``submit`` does nothing, the buttons and inputs are disabled and Escape/Cancel do not close the
dialog (the job's result must reach an open dialog). ``failed(text)`` carries the refusal as shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:  # the sign-in window uses this base before the job runner is imported
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop_app.ui.background import JobHandle, Lane


class JobDialog(Retranslating, QDialog):
    failed = Signal(str)  # the refusal, as shown

    buttons: QDialogButtonBox | QWidget  # disabled while the job runs
    busy_bar: BusyBar | None = None

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.busy = False
        self.job: JobHandle | None = None
        self._then: Callable[[Any], None] | None = None  # never self.succeeded: no reference cycle
        self.error = MessageLabel()

    def inputs(self) -> Sequence[QWidget]:
        """The widgets disabled while the job runs (the buttons always are)."""
        return ()

    def run_job(
        self,
        fn: Callable[..., object],
        *args: object,
        lane: Lane | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        cancellable: bool = False,
        then: Callable[[Any], None] | None = None,
        clear: bool = True,
        **kwargs: object,
    ) -> bool:
        """Start ``fn(ctx, *args, **kwargs)`` unless a job runs already; False if one does. Its
        result goes to ``succeeded``, or to ``then`` for a dialog's second kind of job; ``clear``
        (default) clears the message line first."""
        if self.busy:
            return False
        if clear:
            self.error.clear_message()
        self.set_busy(True)
        self._then = then
        self.job = self.shell.call(
            fn,
            *args,
            on_ok=self._job_succeeded,
            on_error=self._job_failed,
            owner=self,
            lane=lane,
            progress=progress,
            cancellable=cancellable,
            **kwargs,
        )
        return True

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        if self.busy_bar is not None:
            self.busy_bar.setVisible(busy)
        self.buttons.setEnabled(not busy)
        for widget in self.inputs():
            widget.setEnabled(not busy)

    def _job_succeeded(self, result: object) -> None:
        then, self._then, self.job = self._then, None, None
        self.set_busy(False)
        (then or self.succeeded)(result)

    def _job_failed(self, exc: BaseException) -> None:
        self._then, self.job = None, None
        self.set_busy(False)
        text = self.shell.error_text(exc)
        self.show_failure(exc, text)
        self.failed.emit(text)

    def succeeded(self, result: object) -> None:
        """The job's result arrived (default: close the dialog as accepted)."""
        self.accept()

    def show_failure(self, exc: BaseException, text: str) -> None:
        """Show a refusal (default: under the form)."""
        self.error.show_error(text)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
