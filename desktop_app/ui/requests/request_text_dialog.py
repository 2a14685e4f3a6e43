"""Closing a request with a written text: the reason for a refusal (PIPL Art. 50) or the
explanation given to the client (Art. 48). The text is required; the service checks it (no long
numbers: it is audited) on the database lane, and a refusal is shown under the text box."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_requests import TEXT_MAX, RequestView
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


class TextPurpose(Enum):
    REFUSAL = "refusal"
    EXPLANATION = "explanation"


class RequestTextDialog(JobDialog):
    answered = Signal(int)

    def __init__(
        self, shell: Shell, request: RequestView, purpose: TextPurpose, parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.request = request
        self.purpose = purpose
        self.setMinimumWidth(440)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setMaximumHeight(120)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        reference = self.request.reference
        if self.purpose is TextPurpose.REFUSAL:
            self.setWindowTitle(self.tr("Refuse request %1").replace("%1", reference))
            self.prompt.setText(
                self.tr(
                    "Write the reason for refusing. It is shown on the request, told to the client "
                    "and kept in the audit log, so do not enter phone or ID numbers."
                )
            )
            self.ok_button.setText(self.tr("&Refuse request"))
        else:
            self.setWindowTitle(self.tr("Answer request %1").replace("%1", reference))
            self.prompt.setText(
                self.tr(
                    "Write the explanation given to the client (at most %1 characters; no phone or "
                    "ID numbers)."
                ).replace("%1", str(TEXT_MAX))
            )
            self.ok_button.setText(self.tr("&Complete request"))

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(not self.busy and bool(self.text.toPlainText().strip()))

    def submit(self) -> None:
        from desktop_app.services import client_requests

        text = self.text.toPlainText()
        if not text.strip():
            return
        answer: Callable[..., RequestView] = (
            client_requests.refuse_request
            if self.purpose is TextPurpose.REFUSAL
            else client_requests.complete_explanation
        )
        self.run_job(answer, self.request.id, text)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.text.setReadOnly(busy)
        self._update_ok()

    def succeeded(self, result: object) -> None:
        self.accept()
        self.answered.emit(self.request.id)
