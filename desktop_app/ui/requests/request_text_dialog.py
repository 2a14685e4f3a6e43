"""Closing a request with a written text: the reason for a refusal (PIPL Art. 50) or the
explanation given to the client (Art. 48). The text is required; the service checks it (no long
numbers: it is audited) on the worker, and a refusal is shown under the text box."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_requests import TEXT_MAX, RequestView
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell


class TextPurpose(Enum):
    REFUSAL = "refusal"
    EXPLANATION = "explanation"


def _close(shell: Shell, purpose: TextPurpose, request_id: int, text: str) -> RequestView:
    from desktop_app.services import client_requests

    answer: Callable[..., RequestView] = (
        client_requests.refuse_request
        if purpose is TextPurpose.REFUSAL
        else client_requests.complete_explanation
    )
    return answer(shell.signed_in(), request_id, text)


class RequestTextDialog(Retranslating, QDialog):
    answered = Signal(int)

    def __init__(
        self, shell: Shell, request: RequestView, purpose: TextPurpose, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.shell = shell
        self.request = request
        self.purpose = purpose
        self.busy = False
        self.setMinimumWidth(440)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setMaximumHeight(120)
        self.error = MessageLabel()
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
        if self.busy:
            return
        text = self.text.toPlainText()
        if not text.strip():
            return
        self._set_busy(True)
        self.error.clear_message()
        shell, purpose, request_id = self.shell, self.purpose, self.request.id
        shell.jobs.run(
            lambda: _close(shell, purpose, request_id, text), self._succeeded, self._failed, owner=self
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self.buttons.setEnabled(not busy)
        self.text.setReadOnly(busy)
        self._update_ok()

    def _succeeded(self, result: object) -> None:
        self._set_busy(False)
        self.accept()
        self.answered.emit(self.request.id)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.show_error(self.shell.error_text(exc))

    def reject(self) -> None:
        if not self.busy:
            super().reject()
