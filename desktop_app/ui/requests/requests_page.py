"""The client requests area (managers): individuals' requests under PIPL Art. 44–50.

A table of requests (number, type, masked client, received, due date with overdue highlighted,
identity verified, status), open ones or all; the selected request's description and its outcome
or refusal reason below. Register a request, verify the requester's identity, answer it by its
type (copy: the client's unmasked PDF and JSON saved where the manager chooses; correction;
deletion or withdrawal; explanation) or refuse it with a written reason. Nothing is read before
the area is first shown, and every service call runs on the worker; while one runs, Register,
Verify, Complete and Refuse are disabled (a second click must not answer a request twice). A copy
is written to temporary files beside the chosen place and renamed there only once it is made;
the place is checked first (ui/output_files.py: never the data directory, "Replace?" asked). A
deletion or withdrawal answered by destroying the client has its single-client destruction
certificate ("Save certificate…", PIPL Art. 47), saved the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_requests import ClientState, RequestKind, RequestStatus, RequestView
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.output_targets import OutputRefused
from desktop_app.services.client_requests import CopyOfData
from desktop_app.ui import dialogs
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.requests.request_correction_dialog import CorrectionDialog
from desktop_app.ui.requests.request_register_dialog import RegisterRequestDialog
from desktop_app.ui.requests.request_table_model import RequestTableModel
from desktop_app.ui.requests.request_text_dialog import RequestTextDialog, TextPurpose
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.signed_in import SignedIn
    from desktop_app.ui.output_files import ChosenOutput

COLUMN_WIDTHS = (90, 120, 110, 100, 150, 90)
FILTER_OPEN = "open"
FILTER_ALL = ""


def _save_certificate(ctx: SignedIn, request_id: int, chosen: ChosenOutput) -> Path:
    """On the database lane: the single-client destruction certificate of an answered deletion
    request, written where the manager chose (checked again at write time: never into the data
    directory)."""
    from desktop_app.services.client_deletion import DestructionRecordNotFound, destruction_certificate_pdf
    from desktop_app.services.client_requests import destruction_record_of
    from desktop_app.services.output_files import write_output

    record_id = destruction_record_of(ctx, request_id)
    if record_id is None:
        raise DestructionRecordNotFound()
    pdf = destruction_certificate_pdf(ctx, record_id)
    return write_output(chosen.path, pdf, data_dir=ctx.paths.root, overwrite=chosen.overwrite)


def _with_pdf_suffix(chosen: Path) -> Path:
    return chosen if chosen.suffix.lower() == ".pdf" else chosen.with_name(chosen.name + ".pdf")


class CopyNotSaved(BranchVaultError):
    code = "copy_not_saved"

    def __init__(self, path: Path, *, completed: bool) -> None:
        if completed:
            super().__init__(
                f"副本已生成，但无法写入 {path}（请求已办结）。请登记新的查阅复制请求后重新保存。",
                f"The copy was made but could not be written to {path} (the request is completed). "
                "Register a new copy request and save it again.",
            )
        else:
            super().__init__(
                f"无法保存到 {path}，请选择其他位置。请求仍在处理中。",
                f"Cannot save to {path}; choose another place. The request is still open.",
            )


def _copy_to(ctx: SignedIn, request_id: int, chosen: ChosenOutput) -> CopyOfData:
    """Check both places and create private temporary files beside them first (so a refused or
    unwritable place fails before the request is completed), build the copy, write it to the
    temporary files and only then put them in place (store/output_paths.py). Only our temporary
    files are ever removed: a file already at the chosen place is untouched unless the copy
    replaces it, which the user agreed to when choosing the place."""
    from desktop_app.services.client_requests import complete_copy
    from desktop_app.services.output_files import PendingOutput

    pdf_path = chosen.path
    made: list[PendingOutput] = []
    try:
        try:
            for target in (chosen.path, *chosen.companions):
                made.append(PendingOutput(target, ctx.paths.root, overwrite=chosen.overwrite))
        except OSError:
            raise CopyNotSaved(target, completed=False) from None
        pdf_part, json_part = made
        copy = complete_copy(ctx, request_id)
        try:
            pdf_part.write(copy.pdf)
            json_part.write(copy.json)
            pdf_part.commit()
            json_part.commit()
        except (OSError, OutputRefused):
            raise CopyNotSaved(pdf_path, completed=True) from None
        return copy
    finally:
        for part in made:
            part.discard()


class RequestsPage(Retranslating, QWidget):
    certificate_saved = Signal(str)  # where a destruction certificate was written

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._started = False
        self._select_after_load: int | None = None
        self.model = RequestTableModel(shell)
        self.register_dialog: RegisterRequestDialog | None = None
        self.answer_dialog: CorrectionDialog | RequestTextDialog | None = None
        self.last_copy_paths: tuple[Path, Path] | None = None
        self._jobs = 0  # jobs of this page still running: the action buttons wait for them

        self.heading = QLabel()
        bold = self.heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.heading.setFont(bold)
        self.filter_label = QLabel()
        self.status_filter = QComboBox()
        self.status_filter.addItem("", FILTER_OPEN)
        self.status_filter.addItem("", FILTER_ALL)
        self.register_button = QPushButton()
        self.verify_button = QPushButton()
        self.complete_button = QPushButton()
        self.refuse_button = QPushButton()
        self.certificate_button = QPushButton()
        self.error = MessageLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.detail_label = QLabel()
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setMaximumHeight(110)

        tools = QHBoxLayout()
        tools.addWidget(self.filter_label)
        tools.addWidget(self.status_filter)
        tools.addStretch(1)
        for button in (
            self.register_button,
            self.verify_button,
            self.complete_button,
            self.refuse_button,
            self.certificate_button,
        ):
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(tools)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.detail)

        self.status_filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.register_button.clicked.connect(self.open_register)
        self.verify_button.clicked.connect(self.verify_selected)
        self.complete_button.clicked.connect(self.complete_selected)
        self.refuse_button.clicked.connect(self.refuse_selected)
        self.certificate_button.clicked.connect(self.save_certificate)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.retranslate()
        self._selection_changed()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Client requests"))
        self.filter_label.setText(self.tr("Show:"))
        self.status_filter.setItemText(0, self.tr("Open requests"))
        self.status_filter.setItemText(1, self.tr("All requests"))
        self.register_button.setText(self.tr("&Register request…"))
        self.verify_button.setText(self.tr("&Verify identity"))
        self.complete_button.setText(self.tr("&Complete…"))
        self.refuse_button.setText(self.tr("Re&fuse…"))
        self.certificate_button.setText(self.tr("&Save certificate…"))
        self.detail_label.setText(self.tr("Selected request:"))
        self.model.retranslate()
        self._show_detail()

    # -------------------------------------------------------------------------------------- loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    def reload(self, select: int | None = None) -> None:
        current = self.selected()
        self._select_after_load = select if select is not None else (current.id if current else None)
        from desktop_app.services.client_requests import list_requests

        status = str(self.status_filter.currentData() or "")
        self._start(list_requests, status or None, on_ok=self._loaded, on_error=self._failed)

    # ------------------------------------------------------------------------------------ busy state

    @property
    def busy(self) -> bool:
        """Whether a job of this page is running; no action starts until it has finished."""
        return self._jobs > 0

    def _start(
        self,
        fn: Callable[..., object],
        *args: object,
        on_ok: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run the service call ``fn(ctx, *args)`` on the database lane with the action buttons
        disabled until it has finished."""

        def done(result: object) -> None:
            self._finished()
            on_ok(result)

        def failed(exc: BaseException) -> None:
            self._finished()
            on_error(exc)

        self._jobs += 1
        self._selection_changed()
        self.shell.call(fn, *args, on_ok=done, on_error=failed, owner=self)

    def _finished(self) -> None:
        self._jobs = max(0, self._jobs - 1)
        self._selection_changed()

    def _loaded(self, result: object) -> None:
        self.model.set_requests(result)  # type: ignore[arg-type]
        row = self.model.row_of(self._select_after_load) if self._select_after_load is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        self._selection_changed()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_error(self.shell.error_text(exc))
        self._selection_changed()

    # ------------------------------------------------------------------------------------ selection

    def selected(self) -> RequestView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.request(rows[0].row()) if rows else None

    def select_request(self, request_id: int) -> None:
        row = self.model.row_of(request_id)
        if row >= 0:
            self.table.selectRow(row)

    def _selection_changed(self) -> None:
        request = self.selected()
        idle = not self.busy
        self.register_button.setEnabled(idle)
        is_open = idle and request is not None and request.status == RequestStatus.OPEN
        verified = request is not None and request.identity_verified
        self.verify_button.setEnabled(is_open and not verified)
        destroyed = request is not None and request.client_state == ClientState.DESTROYED
        self.complete_button.setEnabled(is_open and verified and not destroyed)
        self.refuse_button.setEnabled(is_open)
        self.certificate_button.setEnabled(idle and self._has_certificate(request))
        self._show_detail()

    @staticmethod
    def _has_certificate(request: RequestView | None) -> bool:
        """A deletion or withdrawal answered by destroying the client has a destruction certificate."""
        return (
            request is not None
            and request.kind in (RequestKind.DELETION, RequestKind.WITHDRAWAL)
            and request.status == RequestStatus.COMPLETED
            and request.client_state == ClientState.DESTROYED
        )

    def _show_detail(self) -> None:
        request = self.selected()
        if request is None:
            self.detail.setPlainText("")
            return
        lines = [
            f"{request.reference} · {RequestKind(request.kind).label(self.shell.lang)} · "
            f"{RequestStatus(request.status).label(self.shell.lang)}"
        ]
        if request.description:
            lines.append(self.tr("Description: %1").replace("%1", request.description))
        if request.status == RequestStatus.REFUSED:
            lines.append(self.tr("Reason for refusing: %1").replace("%1", request.outcome))
        elif request.outcome:
            lines.append(self.tr("Outcome: %1").replace("%1", request.outcome))
        self.detail.setPlainText("\n".join(lines))

    # -------------------------------------------------------------------------------------- actions

    def _run(self, fn: Callable[..., object], request_id: int) -> None:
        """``fn(ctx, request_id)``, then reload with the request selected."""
        self.error.clear_message()
        self._start(fn, request_id, on_ok=lambda _r: self.reload(select=request_id), on_error=self._failed)

    def _selected_when_idle(self) -> RequestView | None:
        """The selected request, or None while a job runs (a second click must not start another)."""
        return None if self.busy else self.selected()

    def open_register(self) -> RegisterRequestDialog:
        dialog = RegisterRequestDialog(self.shell, self)
        dialog.registered.connect(lambda request_id: self.reload(select=request_id))
        dialog.finished.connect(dialog.deleteLater)
        self.register_dialog = dialog
        dialog.open()
        return dialog

    def verify_selected(self) -> None:
        request = self._selected_when_idle()
        if request is None:
            return
        question = self.tr(
            "Confirm that the requester's identity was checked for request %1. The reply is due "
            "30 days from today."
        ).replace("%1", request.reference)
        if not dialogs.confirm(self, self.tr("Verify identity"), question):
            return
        from desktop_app.services.client_requests import verify_identity

        self._run(verify_identity, request.id)

    def complete_selected(self) -> None:
        request = self._selected_when_idle()
        if request is None:
            return
        kind = RequestKind(request.kind)
        if kind is RequestKind.COPY:
            self.complete_copy(request)
        elif kind is RequestKind.CORRECTION:
            self._open_answer(CorrectionDialog(self.shell, request, self))
        elif kind is RequestKind.EXPLANATION:
            self._open_answer(RequestTextDialog(self.shell, request, TextPurpose.EXPLANATION, self))
        else:
            self.complete_deletion(request)

    def refuse_selected(self) -> None:
        request = self._selected_when_idle()
        if request is not None:
            self._open_answer(RequestTextDialog(self.shell, request, TextPurpose.REFUSAL, self))

    def _open_answer(self, dialog: CorrectionDialog | RequestTextDialog) -> None:
        dialog.answered.connect(lambda request_id: self.reload(select=request_id))
        dialog.finished.connect(dialog.deleteLater)
        self.answer_dialog = dialog
        dialog.open()

    def complete_deletion(self, request: RequestView) -> None:
        question = self.tr(
            "Answer request %1: the client's data is destroyed now and cannot be recovered; a buyer "
            "under the anti-money-laundering hold is kept in storage only until the hold ends. Continue?"
        ).replace("%1", request.reference)
        if not dialogs.confirm(self, self.tr("Delete client data"), question):
            return
        from desktop_app.services.client_requests import complete_deletion

        self._run(complete_deletion, request.id)

    def save_certificate(self) -> None:
        """Save the single-client destruction certificate of the selected answered deletion request
        (PIPL Art. 47: the evidence the client's data was destroyed); made on the database lane."""
        from desktop_app.ui.output_files import choose_output

        request = self._selected_when_idle()
        if request is None or not self._has_certificate(request):
            return
        chosen = choose_output(
            self,
            self.tr("Save the certificate of destruction"),
            f"{request.reference}-destruction-certificate.pdf",
            self.tr("PDF files (*.pdf)"),
            data_dir=self.shell.data_dir,
            normalise=_with_pdf_suffix,
        )
        if chosen is None or self.busy:
            return
        self.error.clear_message()
        self._start(
            _save_certificate, request.id, chosen, on_ok=self._certificate_saved, on_error=self._failed
        )

    def _certificate_saved(self, path: object) -> None:
        self.error.show_ok(self.tr("Certificate saved: %1").replace("%1", str(path)))
        self.certificate_saved.emit(str(path))

    # -------------------------------------------------------------------------------------- copy

    def choose_copy_path(self, request: RequestView) -> ChosenOutput | None:
        """Where to save the PDF (the JSON goes beside it), checked by ui/output_files.py.
        Tests answer through ``dialogs``."""
        from desktop_app.ui.output_files import choose_output

        return choose_output(
            self,
            self.tr("Save the client's copy (PDF and JSON)"),
            f"{request.reference}-personal-information-copy.pdf",
            self.tr("PDF files (*.pdf)"),
            data_dir=self.shell.data_dir,
            normalise=_with_pdf_suffix,
            companions=lambda pdf: (pdf.with_suffix(".json"),),
        )

    def complete_copy(self, request: RequestView) -> None:
        if self.busy:
            return
        chosen = self.choose_copy_path(request)
        if chosen is None or self.busy:
            return
        pdf_path, json_path = chosen.path, chosen.companions[0]
        self.error.clear_message()
        request_id = request.id
        self._start(
            _copy_to,
            request_id,
            chosen,
            on_ok=lambda _copy: self._copy_saved(request_id, pdf_path, json_path),
            on_error=self._failed,
        )

    def _copy_saved(self, request_id: int, pdf_path: Path, json_path: Path) -> None:
        self.last_copy_paths = (pdf_path, json_path)
        self.reload(select=request_id)
        dialogs.information(
            self,
            self.tr("Copy saved"),
            self.tr(
                "The client's copy was saved as %1 and %2. It is not masked: hand it to the client "
                "and then delete it from this computer."
            )
            .replace("%1", str(pdf_path))
            .replace("%2", str(json_path)),
        )
