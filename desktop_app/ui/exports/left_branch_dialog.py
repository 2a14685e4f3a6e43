"""What left this branch: every summary that was sent (or may have been: a failed send may have
reached HQ), with the hash of the exact body and HQ's signed receipt, for a manager or an auditor
asking "what did you give headquarters, and when?" (PIPL Art. 23 and 55).

``hq_export_record.left_branch`` lists them on the database lane; choosing one shows its payload
as it left (payload_view.py) and HQ's receipt. "Save as JSON…" / "Save as PDF…" ask where
(ui/output_files.py: never in the data directory, "Replace?" through the dialog seam) and
``hq_export_record.save_record`` writes and audits it on the database lane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.exports.export_labels import local_time, period_text, short_hash, state_label
from desktop_app.ui.exports.payload_view import PayloadView
from desktop_app.ui.form_parts import MessageLabel, monospace_font
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from pathlib import Path

    from desktop_app.services.hq_export_values import ExportDetail, ExportSummary
    from desktop_app.services.signed_in import SignedIn
    from desktop_app.ui.output_files import ChosenOutput

DEFAULT_SIZE = (960, 720)


def _save(ctx: SignedIn, export_id: str, chosen: ChosenOutput, pdf: bool) -> Path:
    """On the database lane: write the record where the user chose (audited by the service)."""
    from desktop_app.services.hq_export_record import save_record

    return save_record(ctx, export_id, chosen.path, pdf=pdf, overwrite=chosen.overwrite)


def _list(ctx: SignedIn) -> list[ExportSummary]:
    from desktop_app.services.hq_export_record import left_branch

    return left_branch(ctx)


class LeftBranchDialog(Retranslating, QDialog):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.rows: list[ExportSummary] = []
        self.detail: ExportDetail | None = None
        self.names: dict[int, str] = {}
        self.saved_paths: list[str] = []
        self.resize(*DEFAULT_SIZE)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        setup_read_only_table(self.table, fit_columns=True)
        self.message = MessageLabel()
        self.view = PayloadView(lambda: shell.lang)
        self.receipt_box = QWidget()
        receipt_form = QFormLayout(self.receipt_box)
        receipt_form.setContentsMargins(0, 0, 0, 0)
        self.receipt_labels: dict[str, QLabel] = {}
        self.receipt_values: dict[str, QLabel] = {}
        for key in ("body", "received", "sequence", "signature"):
            label, value = QLabel(), QLabel()
            value.setFont(monospace_font())
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.receipt_labels[key], self.receipt_values[key] = label, value
            receipt_form.addRow(label, value)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.receipt_box)
        lower_layout.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 3)
        self.json_button = QPushButton()
        self.pdf_button = QPushButton()
        self.close_button = QPushButton()
        for button in (self.json_button, self.pdf_button):
            button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.json_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.json_button.clicked.connect(lambda: self.save(pdf=False))
        self.pdf_button.clicked.connect(lambda: self.save(pdf=True))
        self.close_button.clicked.connect(self.reject)
        self.retranslate()

    def load(self) -> None:
        self.shell.call(_list, on_ok=self._listed, on_error=self._failed, owner=self)

    def _listed(self, rows: list[ExportSummary]) -> None:
        self.rows = list(rows)
        self._fill_table()
        if self.rows:
            self.table.selectRow(0)
        else:
            self.message.show_info(self.tr("Nothing has been sent to headquarters from this branch yet."))

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(self.shell.error_text(exc))

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.rows))
        for r, summary in enumerate(self.rows):
            values = (
                period_text(summary.period_from, summary.period_to),
                state_label(str(summary.state)),
                short_hash(summary.content_sha256),
                short_hash(summary.envelope_sha256),
                local_time(summary.sent_at),
                local_time(summary.acknowledged_at),
            )
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def selected(self) -> ExportSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _selection_changed(self) -> None:
        summary = self.selected()
        for button in (self.json_button, self.pdf_button):
            button.setEnabled(summary is not None)
        if summary is None:
            return
        from desktop_app.ui.exports.review_dialog import load_detail

        self.shell.call(load_detail, summary.id, on_ok=self._detail_loaded, on_error=self._failed, owner=self)

    def _detail_loaded(self, result: tuple[ExportDetail, dict[int, str]]) -> None:
        self.detail, self.names = result
        self.view.show_payload(self.detail.payload, self.detail.summary.content_sha256, self.names)
        self._show_receipt()

    def _show_receipt(self) -> None:
        detail = self.detail
        values = dict.fromkeys(self.receipt_values, "")
        if detail is not None:
            values["body"] = detail.summary.envelope_sha256 or ""
            envelope = detail.receipt
            receipt = envelope.get("receipt") if isinstance(envelope, dict) else None
            if isinstance(receipt, dict):
                values["received"] = local_time(str(receipt.get("received_at", "")))
                values["sequence"] = str(receipt.get("hq_sequence", ""))
                values["signature"] = str(envelope.get("signature", ""))[:32] + "…"  # type: ignore[union-attr]
            else:
                values["received"] = self.tr("no receipt yet")
        for key, text in values.items():
            self.receipt_values[key].setText(text)

    def save(self, *, pdf: bool) -> None:
        summary = self.selected()
        if summary is None:
            return
        from desktop_app.ui.output_files import choose_output, with_pdf_suffix

        name = f"hq-summary-{summary.period_from}-{summary.period_to}-{summary.content_sha256[:8]}"
        if pdf:
            chosen = choose_output(
                self,
                self.tr("Save the record as PDF"),
                name + ".pdf",
                self.tr("PDF files (*.pdf)"),
                data_dir=self.shell.data_dir,
                normalise=with_pdf_suffix,
            )
        else:
            chosen = choose_output(
                self,
                self.tr("Save the record as JSON"),
                name + ".json",
                self.tr("JSON files (*.json)"),
                data_dir=self.shell.data_dir,
                normalise=lambda path: path if path.suffix else path.with_suffix(".json"),
            )
        if chosen is None:
            return
        self.shell.call(_save, summary.id, chosen, pdf, on_ok=self._saved, on_error=self._failed, owner=self)

    def _saved(self, path: object) -> None:
        self.saved_paths.append(str(path))
        self.message.show_ok(self.tr("Saved: %1").replace("%1", str(path)))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("What left this branch"))
        self.intro.setText(
            self.tr(
                "Every summary sent to headquarters, exactly as it left, with the SHA-256 of the body "
                "sent and headquarters' signed receipt. Save one as JSON or PDF for an auditor."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Period"),
                self.tr("State"),
                self.tr("Content SHA-256"),
                self.tr("Body SHA-256"),
                self.tr("Sent"),
                self.tr("Received by HQ"),
            ]
        )
        self.receipt_labels["body"].setText(self.tr("Body SHA-256:"))
        self.receipt_labels["received"].setText(self.tr("Received by HQ:"))
        self.receipt_labels["sequence"].setText(self.tr("HQ sequence number:"))
        self.receipt_labels["signature"].setText(self.tr("HQ signature:"))
        self.json_button.setText(self.tr("Save as &JSON…"))
        self.pdf_button.setText(self.tr("Save as &PDF…"))
        self.close_button.setText(self.tr("&Close"))
        if self.rows:
            self._fill_table()
        self._show_receipt()
