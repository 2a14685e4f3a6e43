"""A dialog that does one thing with the client-data key, then shows the client-data recovery code once.

Rule: the client-data recovery code (a manager's way back to client data when no other manager can
confirm them) is shown exactly once, right after the service created it; the dialog cannot be closed
until the manager ticks "I have written it down / locked it away". "Save as PDF…" writes the sheet
through ui/pdf_printing.save_pdf_as (checked by ui/output_files.py: never into the data directory).
Reason: the code exists nowhere else in readable form (issue 10; PIPL Art. 51 access control).

Subclasses fill the first step (an explanation, a field) and run their service as a background job;
``access_granted`` is emitted as soon as the session holds the client-data key, so the main window
can rebuild its client areas behind the dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.form_parts import BusyBar, MessageLabel, monospace_font
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell


def grow_to_fit(dialog: QWidget) -> None:
    """Make a dialog tall enough for what just appeared (an error, the busy bar, the code) at its
    current width; never shrinks what the user enlarged."""
    layout = dialog.layout()
    if layout is None:
        return
    width = dialog.width()
    needed = (
        layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
    )
    if needed > dialog.height():
        dialog.resize(width, needed)


def big_code_label() -> QLabel:
    """A code in large monospace digits, selectable, framed."""
    label = QLabel()
    label.setFont(monospace_font(8))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("padding: 12px; border: 1px solid palette(mid);")
    return label


class RecoveryCodePanel(Retranslating, QWidget):
    """The client-data recovery code, "Save as PDF…" and the required tick."""

    acknowledged = Signal(bool)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.code = ""
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code_label = big_code_label()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_pdf)
        self.saved = MessageLabel()
        self.stored = QCheckBox()
        self.stored.toggled.connect(self.acknowledged)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.code_label)
        layout.addLayout(save_row)
        layout.addWidget(self.saved)
        layout.addWidget(self.stored)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "This is the client-data recovery code. It gives a branch manager back access to client "
                "data when no other manager can confirm them. It is shown only this once: write it down "
                "or save it as a PDF and print it, then lock it in the branch safe. Never give it to IT."
            )
        )
        self.save_button.setText(self.tr("&Save as PDF…"))
        self.stored.setText(self.tr("I have written down the code or locked it away"))

    def set_code(self, code: str) -> None:
        from desktop_app.domain.recovery_code import format_code

        self.code = code
        self.code_label.setText(format_code(code))

    def save_pdf(self) -> None:
        from desktop_app.documents.recovery_sheet import client_recovery_sheet_pdf
        from desktop_app.ui.pdf_printing import save_pdf_as

        config = self.shell.signed_in().require_config()
        pdf = client_recovery_sheet_pdf(config.letterhead(), self.code, datetime.now())
        path = save_pdf_as(
            self,
            pdf,
            f"client-data-recovery-code-{config.branch_code}.pdf",
            data_dir=self.shell.data_dir,
        )
        if path is not None:
            self.saved.show_ok(
                self.tr("Saved: %1. Print it, lock the paper away and delete the file.").replace(
                    "%1", str(path)
                )
            )


class CodeOnceDialog(JobDialog):
    """Step one (``body`` and ``action_button``, filled by the subclass), then the code, shown once.
    The subclass's ``submit`` runs the service call (``run_job``) that returns the new recovery code."""

    access_granted = Signal()

    submit: Callable[[], None]
    """Each subclass runs the one service call that returns the new code (``run_job``)."""

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.code_shown = False
        self.setMinimumWidth(560)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.busy_bar = BusyBar()
        self.code_panel = RecoveryCodePanel(shell)
        self.code_panel.setVisible(False)
        self.code_panel.acknowledged.connect(self._acknowledged)
        self.action_button = QPushButton()
        self.action_button.setDefault(True)
        self.action_button.clicked.connect(self._act)
        self.buttons = self.action_button
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        self.close_button = QPushButton()
        self.close_button.setVisible(False)
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.action_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = self.main_layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.error)
        layout.addWidget(self.code_panel)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("&Done"))

    # --- flow -------------------------------------------------------------------------------
    def _act(self) -> None:
        if not self.code_shown:
            self.submit()

    def inputs(self) -> Sequence[QWidget]:
        return (self.cancel_button,)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        grow_to_fit(self)

    def succeeded(self, code: object) -> None:
        self.code_shown = True
        self.body.setVisible(False)
        self.action_button.setVisible(False)
        self.cancel_button.setVisible(False)
        self.code_panel.set_code(str(code))
        self.code_panel.setVisible(True)
        self.close_button.setVisible(True)
        self.code_panel.code_label.setMinimumHeight(self.code_panel.code_label.sizeHint().height())
        grow_to_fit(self)  # the dialog was laid out for step one: make room for the code
        self.access_granted.emit()
        if not self.isVisible():  # closed by the idle lock while the job ran
            self.shell.lock_state.run_when_unlocked(self.open)

    def show_failure(self, exc: BaseException, text: str) -> None:
        self.show_error(text)

    def show_error(self, text: str) -> None:
        self.error.show_error(text)
        grow_to_fit(self)

    def _acknowledged(self, ticked: bool) -> None:
        self.close_button.setEnabled(ticked)

    def may_close(self) -> bool:
        if self.busy:
            return False
        return not self.code_shown or self.code_panel.stored.isChecked()

    def code_text(self) -> str:
        return self.code_panel.code_label.text()

    # --- no way out before the tick ---------------------------------------------------------
    def done(self, result: int) -> None:
        """The idle lock closes every dialog with ``done``: a code not yet acknowledged comes back
        after the same user unlocks (it covers no secret the lock must hide longer than that)."""
        super().done(result)
        if self.code_shown and not self.code_panel.stored.isChecked() and self.shell.lock_state.locked:
            self.shell.lock_state.run_when_unlocked(self.open)

    def reject(self) -> None:
        if self.may_close():
            QDialog.reject(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not self.may_close():
            event.ignore()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.may_close():
            super().closeEvent(event)
        else:
            event.ignore()
