"""The "due for destruction" queue (managers): review, approve in bulk, save one certificate.

Shows the retention rules in force, then the masked clients due for destruction (oldest due
first) with a tick box each and "Select all". "Approve destruction of N clients…" asks for a
confirmation that says it cannot be undone, destroys the ticked clients as one batch (with its
progress, and a button that stops it between two clients), then offers to save the batch's
certificate (the file dialog goes through ``ui.dialogs``, which tests answer). Nothing is read
before the page is first shown; every service call runs on the database lane (``Shell.call``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_record import Stage
from desktop_app.ui import dialogs
from desktop_app.ui.clients.client_labels import choice_label
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.job_progress import JobProgress
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.retention_rules import RetentionRules
    from desktop_app.services.client_retention import DestructionBatch, DueClient
    from desktop_app.services.signed_in import SignedIn
    from desktop_app.ui.output_files import ChosenOutput

CHOSEN, NAME, PHONE, STAGE, LAST_ACTIVITY, DUE_ON, WHY = range(7)
COLUMN_WIDTHS = (40, 110, 130, 120, 110, 110)
AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
DUE_LIMIT = 500  # rows asked for; the rest show once these are approved


def _load(ctx: SignedIn) -> tuple[RetentionRules, list[DueClient]]:
    """On the database lane: the rules in force and the clients due, read together."""
    from desktop_app.services.client_retention import due_for_destruction, retention_rules

    return retention_rules(ctx), due_for_destruction(ctx, DUE_LIMIT)


def _save_certificate(ctx: SignedIn, batch_id: int, chosen: ChosenOutput) -> Path:
    """On the database lane: render the batch's certificate and write it where the user chose."""
    from desktop_app.services.client_retention import batch_certificate_pdf
    from desktop_app.services.output_files import write_output

    pdf = batch_certificate_pdf(ctx, batch_id)
    return write_output(chosen.path, pdf, data_dir=ctx.paths.root, overwrite=chosen.overwrite)


class RetentionQueueModel(QAbstractTableModel):
    """The due clients (masked), with a tick box in the first column."""

    chosen_changed = Signal(int)

    def __init__(self, shell: Shell) -> None:
        super().__init__()
        self.shell = shell
        self.rows: list[DueClient] = []
        self.chosen: set[int] = set()
        self._headers: list[str] = []
        self.retranslate()

    def retranslate(self) -> None:
        self._headers = [
            "",
            self.tr("Name"),
            self.tr("Phone"),
            self.tr("Stage"),
            self.tr("Last activity"),
            self.tr("Due since"),
            self.tr("Why"),
        ]
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, WHY))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, WHY)

    def set_rows(self, rows: list[DueClient]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.chosen &= {row.id for row in self.rows}
        self.endResetModel()
        self.chosen_changed.emit(len(self.chosen))

    def set_all(self, chosen: bool) -> None:
        self.chosen = {row.id for row in self.rows} if chosen else set()
        if self.rows:
            self.dataChanged.emit(self.index(0, CHOSEN), self.index(len(self.rows) - 1, CHOSEN))
        self.chosen_changed.emit(len(self.chosen))

    def chosen_ids(self) -> list[int]:
        return [row.id for row in self.rows if row.id in self.chosen]

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else WHY + 1

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == CHOSEN else base

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = 0) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if index.column() == CHOSEN:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.id in self.chosen else Qt.CheckState.Unchecked
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(row, index.column())

    def _text(self, row: DueClient, column: int) -> str:
        if column == NAME:
            return row.name
        if column == PHONE:
            return row.phone
        if column == STAGE:
            return choice_label(Stage, row.stage, self.shell.lang)
        if column == LAST_ACTIVITY:
            return row.last_activity.isoformat()
        if column == DUE_ON:
            return row.due_on.isoformat()
        if row.why == "legal_hold_ended":
            return self.tr("Storage only: legal hold ended")
        return self.tr("Retention period ended")

    def setData(self, index: AnyIndex, value: object, role: int = 0) -> bool:
        if not index.isValid() or index.column() != CHOSEN or role != Qt.ItemDataRole.CheckStateRole:
            return False
        client_id = self.rows[index.row()].id
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        if checked:
            self.chosen.add(client_id)
        else:
            self.chosen.discard(client_id)
        self.dataChanged.emit(index, index)
        self.chosen_changed.emit(len(self.chosen))
        return True


class RetentionQueuePage(Retranslating, QWidget):
    loaded = Signal()
    approved = Signal(int)  # the batch id
    certificate_saved = Signal(str)
    failed = Signal(str)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._started = False
        self.rules: RetentionRules | None = None
        self.last_batch: DestructionBatch | None = None
        self.model = RetentionQueueModel(shell)

        self.heading = QLabel()
        bold = self.heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.heading.setFont(bold)
        self.rules_label = QLabel()
        self.rules_label.setWordWrap(True)
        self.error = MessageLabel()
        self.info = MessageLabel()
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(False)
        self.select_all = QCheckBox()
        self.refresh_button = QPushButton()
        self.approve_button = QPushButton()
        self.approve_button.setEnabled(False)
        self.save_button = QPushButton()
        self.save_button.setVisible(False)
        self.busy_bar = BusyBar()  # while the queue loads
        self.progress = JobProgress()  # the batch's progress; its button stops between two clients
        self.progress_bar, self.cancel_button = self.progress.bar, self.progress.cancel_button
        self._working = False
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)

        tools = QHBoxLayout()
        tools.addWidget(self.select_all)
        tools.addStretch(1)
        tools.addWidget(self.refresh_button)
        tools.addWidget(self.save_button)
        tools.addWidget(self.approve_button)
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.rules_label)
        layout.addWidget(self.error)
        layout.addWidget(self.info)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.progress)
        layout.addLayout(tools)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addStretch(0)  # takes the table's room while the queue is empty

        self.select_all.toggled.connect(self.model.set_all)
        self.model.chosen_changed.connect(self._chosen_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.approve_button.clicked.connect(self.approve)
        self.save_button.clicked.connect(self.save_certificate)
        self.retranslate()

    # ------------------------------------------------------------------------------------- texts

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Due for destruction"))
        self.select_all.setText(self.tr("Select &all"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.save_button.setText(self.tr("&Save certificate…"))
        self.cancel_button.setText(self.tr("&Stop after this client"))
        self.empty_label.setText(
            self.tr(
                "No client records are due for destruction. A record becomes due when its stage's "
                "retention period has passed without contact or change, or, for a record kept in "
                "storage only, when its legal hold ends."
            )
        )
        self.model.retranslate()
        self._show_rules()
        self._show_count()
        self._chosen_changed(len(self.model.chosen))

    def _show_rules(self) -> None:
        if self.rules is None:
            self.rules_label.setText("")
            return
        parts = [
            self.tr("%1: %2 months without contact")
            .replace("%1", choice_label(Stage, stage.value, self.shell.lang))
            .replace("%2", str(self.rules.months_for(stage.value)))
            for stage in Stage
        ]
        self.rules_label.setText(
            self.tr(
                "Rules in force: %1. Buyers are kept at least 10 years after the purchase (anti-money-laundering rules)."
            ).replace("%1", ("；" if self.shell.lang.startswith("zh") else "; ").join(parts))
        )

    def _show_count(self) -> None:
        shown = len(self.model.rows)
        text = self.tr("%n client(s) due for destruction.", "", shown) if shown else ""
        if shown >= DUE_LIMIT:
            text += " " + self.tr("Only the %1 due longest are shown; approve them to see the rest.").replace(
                "%1", str(DUE_LIMIT)
            )
        self.count_label.setText(text)

    def _chosen_changed(self, count: int) -> None:
        self.approve_button.setText(self.tr("Approve destruction of %n client(s)…", "", count))
        self.approve_button.setEnabled(count > 0 and not self._working)
        every = bool(self.model.rows) and count == len(self.model.rows)
        if self.select_all.isChecked() != every:
            self.select_all.blockSignals(True)
            self.select_all.setChecked(every)
            self.select_all.blockSignals(False)

    # ------------------------------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    def _busy(self, busy: bool) -> None:
        self._working = busy
        self.busy_bar.setVisible(busy and not self.progress.running)
        self.refresh_button.setEnabled(not busy)
        self._chosen_changed(len(self.model.chosen))

    def reload(self) -> None:
        self._busy(True)
        self.shell.call(_load, on_ok=self._loaded, on_error=self._failed, owner=self)

    def _loaded(self, result: object) -> None:
        rules, rows = cast("tuple[RetentionRules, list[DueClient]]", result)
        self.rules = rules
        self._show_rules()
        self.model.set_rows(rows)
        self._show_count()
        empty = not rows
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)
        self._layout.setStretch(self._layout.count() - 1, 1 if empty else 0)
        self.select_all.setEnabled(not empty)
        self.error.clear_message()
        self._busy(False)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        text = self.shell.error_text(exc)
        self.error.show_error(text)
        self.failed.emit(text)

    # ---------------------------------------------------------------------------------- approving

    def approve(self) -> None:
        chosen = self.model.chosen_ids()
        if not chosen:
            return
        question = self.tr(
            "Destroy the personal information of %n client(s) now? Their records, follow-ups and "
            "search entries are erased for good: this cannot be undone. One certificate of "
            "destruction is produced for the batch.",
            "",
            len(chosen),
        )
        if not dialogs.confirm(self, self.tr("Approve destruction"), question):
            return
        from desktop_app.services.client_retention import approve_destruction

        self.info.clear_message()
        self.progress.begin()
        self.progress.follow(
            self.shell.call(
                approve_destruction,
                chosen,
                on_ok=self._approved,
                on_error=self._approve_failed,
                owner=self,
                progress=self.progress.progressed,
            )
        )
        self._busy(True)

    def _approval_ended(self) -> None:
        self.progress.end()

    def _approved(self, result: object) -> None:
        self._approval_ended()
        self.last_batch = result  # type: ignore[assignment]
        assert self.last_batch is not None
        batch_id = self.last_batch.batch_id
        self.info.show_ok(
            self.tr("%n client(s) destroyed (batch %1).", "", self.last_batch.count).replace(
                "%1", str(batch_id)
            )
        )
        self.save_button.setVisible(True)
        self.approved.emit(batch_id)
        self.reload()
        self.save_certificate()

    def _approve_failed(self, exc: BaseException) -> None:
        self._approval_ended()
        self._failed(exc)
        self.reload()  # what is due may have changed

    def save_certificate(self) -> None:
        if self.last_batch is None:
            return
        batch_id = self.last_batch.batch_id
        from desktop_app.ui.output_files import choose_output

        shell = self.shell
        chosen = choose_output(
            self,
            self.tr("Save the certificate of destruction"),
            f"destruction-certificate-batch-{batch_id}.pdf",
            self.tr("PDF files (*.pdf)"),
            data_dir=shell.data_dir,
        )
        if chosen is None:
            return
        shell.call(_save_certificate, batch_id, chosen, on_ok=self._saved, on_error=self._failed, owner=self)

    def _saved(self, result: object) -> None:
        self.info.show_ok(self.tr("Certificate saved: %1").replace("%1", str(result)))
        self.certificate_saved.emit(str(result))
