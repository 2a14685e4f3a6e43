"""One summary, shown exactly as it will leave (or left) the branch, with the manager's decision.

``hq_exports.show`` reads the payload on the database lane (with the colleagues' names for the
header); the payload view (payload_view.py) shows the figures with suppressed cells marked, the
masked rows if the branch sends them, the header and the JSON, under the full content SHA-256.

Approve… and Reject… are offered to managers while the summary awaits approval. The preparer's
Approve button is disabled with the reason beside it (four eyes); the service refuses them too, so
the button is a courtesy, not the control.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Action, can
from desktop_app.ui.exports.decision_dialogs import ApproveExportDialog, RejectExportDialog
from desktop_app.ui.exports.export_labels import local_time, period_text, state_label
from desktop_app.ui.exports.payload_view import PayloadView
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.hq_export_values import ExportDetail
    from desktop_app.services.signed_in import SignedIn

DEFAULT_SIZE = (900, 680)


def load_detail(ctx: SignedIn, export_id: str) -> tuple[ExportDetail, dict[int, str]]:
    """On the database lane: the export as it leaves and the names of the staff it mentions."""
    from desktop_app.services import hq_exports
    from desktop_app.ui.exports.staff_names import staff_names

    detail = hq_exports.show(ctx, export_id)
    summary = detail.summary
    return detail, staff_names(ctx, (summary.prepared_by, summary.approved_by, summary.rejected_by))


class ExportReviewDialog(Retranslating, QDialog):
    changed = Signal(object)  # the ExportSummary after an approval or a rejection

    def __init__(self, shell: Shell, export_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.export_id = export_id
        session = shell.signed_in().session
        self.staff_id = session.staff_id
        self.may_approve = can(session.role, Action.EXPORT_APPROVE)
        self.detail: ExportDetail | None = None
        self.names: dict[int, str] = {}
        self.approve_dialog: ApproveExportDialog | None = None
        self.reject_dialog: RejectExportDialog | None = None
        self.resize(*DEFAULT_SIZE)

        self.status = QLabel()
        self.status.setWordWrap(True)
        bold = self.status.font()
        bold.setBold(True)
        self.status.setFont(bold)
        self.busy_bar = BusyBar()
        self.message = MessageLabel()
        self.view = PayloadView(lambda: shell.lang)
        self.four_eyes_note = QLabel()
        self.four_eyes_note.setWordWrap(True)
        self.four_eyes_note.setVisible(False)
        self.approve_button = QPushButton()
        self.reject_button = QPushButton()
        self.close_button = QPushButton()
        for button in (self.approve_button, self.reject_button):
            button.setVisible(self.may_approve)
            button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.four_eyes_note)
        buttons.addStretch(1)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.approve_button.clicked.connect(self.open_approve)
        self.reject_button.clicked.connect(self.open_reject)
        self.close_button.clicked.connect(self.reject)
        self.retranslate()

    def load(self) -> None:
        self.busy_bar.setVisible(True)
        self.shell.call(load_detail, self.export_id, on_ok=self._loaded, on_error=self._failed, owner=self)

    def _loaded(self, result: tuple[ExportDetail, dict[int, str]]) -> None:
        self.busy_bar.setVisible(False)
        self.message.clear_message()
        self.detail, self.names = result
        self.view.show_payload(self.detail.payload, self.detail.summary.content_sha256, self.names)
        self._update_buttons()
        self.retranslate()

    def _failed(self, exc: BaseException) -> None:
        self.busy_bar.setVisible(False)
        self.message.show_error(self.shell.error_text(exc))

    def is_preparer(self) -> bool:
        return self.detail is not None and self.detail.summary.prepared_by == self.staff_id

    def awaiting(self) -> bool:
        return self.detail is not None and str(self.detail.summary.state) == "prepared"

    def _update_buttons(self) -> None:
        awaiting = self.awaiting()
        self.approve_button.setEnabled(self.may_approve and awaiting and not self.is_preparer())
        self.reject_button.setEnabled(self.may_approve and awaiting)
        self.four_eyes_note.setVisible(self.may_approve and awaiting and self.is_preparer())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Review the summary for headquarters"))
        self.approve_button.setText(self.tr("&Approve…"))
        self.reject_button.setText(self.tr("Re&ject…"))
        self.close_button.setText(self.tr("&Close"))
        self.four_eyes_note.setText(
            self.tr("You prepared this summary: another manager must review and approve it.")
        )
        self.approve_button.setToolTip(
            self.tr("Another manager must approve a summary you prepared.") if self.is_preparer() else ""
        )
        if self.detail is None:
            self.status.setText(self.tr("Loading the summary…"))
            return
        summary = self.detail.summary
        text = self.tr("Period %1 · %2").replace("%1", period_text(summary.period_from, summary.period_to))
        text = text.replace("%2", state_label(str(summary.state)))
        if str(summary.state) == "rejected" and summary.rejection_reason:
            text += " · " + self.tr("Reason: %1").replace("%1", summary.rejection_reason)
        elif summary.acknowledged_at:
            text += " · " + self.tr("received by headquarters %1").replace(
                "%1", local_time(summary.acknowledged_at)
            )
        self.status.setText(text)

    # ------------------------------------------------------------------------------ decisions

    def open_approve(self) -> ApproveExportDialog | None:
        if self.detail is None or not self.approve_button.isEnabled():
            return None
        dialog = ApproveExportDialog(self.shell, self.export_id, self.detail.summary.content_sha256, self)
        dialog.approved.connect(self._decided)
        dialog.finished.connect(dialog.deleteLater)
        self.approve_dialog = dialog
        dialog.open()
        return dialog

    def open_reject(self) -> RejectExportDialog | None:
        if self.detail is None or not self.reject_button.isEnabled():
            return None
        dialog = RejectExportDialog(self.shell, self.export_id, self)
        dialog.rejected_with_reason.connect(self._decided)
        dialog.finished.connect(dialog.deleteLater)
        self.reject_dialog = dialog
        dialog.open()
        return dialog

    def _decided(self, summary: object) -> None:
        self.changed.emit(summary)
        self.load()  # the approved payload (with its approval) is what leaves now
