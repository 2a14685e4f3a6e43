"""The reviewing manager's two answers to a prepared summary.

Approve: the manager enters their password again (re-authentication: the approval is a signature in
their name, PIPL Art. 23 and GB/T 35273-2020 §9.2) and ``hq_exports.approve`` checks it, refuses the
preparer (four eyes), adds the approval to the payload, signs it with the branch key and queues it.
The content SHA-256 is repeated in the dialog so the manager approves the hash they reviewed.
Reject: a reason is required; a rejected summary is never sent. Both run on the database lane.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.exports.export_labels import grouped_hash
from desktop_app.ui.form_parts import BusyBar, monospace_font, password_field
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell

MAX_REASON = 500


class ApproveExportDialog(JobDialog):
    approved = Signal(object)  # the ExportSummary, now queued

    def __init__(
        self, shell: Shell, export_id: str, content_sha256: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.export_id = export_id
        self.setMinimumWidth(460)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.hash_value = QLabel(grouped_hash(content_sha256))
        self.hash_value.setFont(monospace_font())
        self.hash_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password = password_field()
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(self.password_label, self.password)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.password.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text) and not self.busy)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.hash_value)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Approve the summary"))
        self.intro.setText(
            self.tr(
                "You approve sending exactly the summary you reviewed, with this content SHA-256, to "
                "headquarters. It is then signed with the branch key and sent in the background. "
                "Enter your password to approve."
            )
        )
        self.password_label.setText(self.tr("&Password:"))
        self.ok_button.setText(self.tr("&Approve and send"))

    def inputs(self) -> Sequence[QWidget]:
        return (self.password,)

    def submit(self) -> None:
        from desktop_app.services import hq_exports

        password = self.password.text()
        if password:
            self.run_job(hq_exports.approve, self.export_id, password)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.ok_button.setEnabled(not busy and bool(self.password.text()))

    def succeeded(self, result: object) -> None:
        self.password.clear()
        self.accept()
        self.approved.emit(result)

    def show_failure(self, exc: BaseException, text: str) -> None:
        self.password.clear()
        self.password.setFocus()
        self.error.show_error(text)

    def reject(self) -> None:
        if not self.busy:
            self.password.clear()
            super().reject()


class RejectExportDialog(JobDialog):
    rejected_with_reason = Signal(object)  # the ExportSummary, now rejected

    def __init__(self, shell: Shell, export_id: str, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.export_id = export_id
        self.setMinimumWidth(440)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._reason_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reject the summary"))
        self.intro.setText(
            self.tr(
                "A rejected summary is never sent. The reason is kept with it and in the audit log; "
                "the preparer can prepare a new one."
            )
        )
        self.reason_label.setText(self.tr("&Reason:"))
        self.ok_button.setText(self.tr("&Reject"))

    def inputs(self) -> Sequence[QWidget]:
        return (self.reason,)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _reason_changed(self) -> None:
        if len(self.reason.toPlainText()) > MAX_REASON:
            self.reason.setPlainText(self.reason.toPlainText()[:MAX_REASON])
        self.ok_button.setEnabled(bool(self.reason_text()) and not self.busy)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.ok_button.setEnabled(not busy and bool(self.reason_text()))

    def submit(self) -> None:
        from desktop_app.services import hq_exports

        reason = self.reason_text()
        if reason:
            self.run_job(hq_exports.reject, self.export_id, reason)

    def succeeded(self, result: object) -> None:
        self.accept()
        self.rejected_with_reason.emit(result)
