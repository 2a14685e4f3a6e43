"""Exactly what will leave (or left) the branch, for the reviewing manager and the auditor.

Five tabs over one payload (``branchvault.summary/1``): the privacy programme's counts for the
quarter (programme_view.py; or a line saying none are sent), the header (period, branch, who prepared
and approved it by staff id — shown with the colleague's name, which itself never leaves), the
aggregates as tables with every suppressed cell shaded and its marker kept as it is in the
payload, the per-client rows (masked; or a line saying none are sent), and the payload's JSON as
it is signed. The content SHA-256 sits above the tabs in full so it can be compared with the one
the preparer saw and with HQ's receipt. The view only shows a payload it is handed: it reads
nothing itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.exports.aggregate_tables import (
    TOTAL_ROW,
    TOTALS,
    AggregateTable,
    CellKind,
    Markers,
    aggregate_tables,
    ordered,
)
from desktop_app.ui.exports.export_labels import (
    NEW_CLIENTS_BY,
    aggregate_title,
    code_label,
    grouped_hash,
    local_time,
    period_text,
    row_field_label,
    row_order,
)
from desktop_app.ui.exports.programme_view import ProgrammeBlockView
from desktop_app.ui.form_parts import monospace_font
from desktop_app.ui.retranslate import Retranslating

SUPPRESSED_BACKGROUND = QColor("#fde2c4")
COMPLEMENTARY_BACKGROUND = QColor("#e8e0f4")
ROW_FIELDS = (
    "pseudonym",
    "masked_name",
    "district",
    "intention_level",
    "property_type",
    "budget_band",
    "stage",
    "agent_code",
)
PSEUDONYM_SHOWN = 16  # hex characters of a pseudonym in the table; the tooltip and the JSON hold all
MIN_COLUMN_WIDTH = 72
TRAILING_ROWS = ("other_districts", "not_recorded")  # shown after the named values


def _fit_size(table: QTableWidget) -> None:
    """A small table as wide and tall as its cells (the page scrolls, not each table)."""
    table.horizontalHeader().setStretchLastSection(False)
    table.horizontalHeader().setMinimumSectionSize(MIN_COLUMN_WIDTH)
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    table.updateGeometry()


def _read_only(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)


class PayloadView(Retranslating, QWidget):
    def __init__(self, language: str | Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.payload: dict[str, object] = {}
        self.content_sha256 = ""
        self.staff_names: Mapping[int, str] = {}
        self.tables: list[AggregateTable] = []
        self.table_widgets: list[QTableWidget] = []

        self.hash_label = QLabel()
        self.hash_value = QLabel()
        self.hash_value.setFont(monospace_font())
        self.hash_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()

        self.header_page = QWidget()
        self.header_form = QFormLayout(self.header_page)
        self.header_labels: dict[str, QLabel] = {}
        self.header_values: dict[str, QLabel] = {}
        for key in (
            "period",
            "branch",
            "submission",
            "generated",
            "prepared",
            "approved",
            "audit",
            "software",
        ):
            label, value = QLabel(), QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.header_labels[key], self.header_values[key] = label, value
            self.header_form.addRow(label, value)

        self.aggregates_inner = QWidget()
        self.aggregates_layout = QVBoxLayout(self.aggregates_inner)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.aggregates_page = QScrollArea()
        self.aggregates_page.setWidgetResizable(True)
        self.aggregates_page.setWidget(self.aggregates_inner)
        self.aggregate_titles: list[QLabel] = []

        self.rows_page = QWidget()
        self.rows_intro = QLabel()
        self.rows_intro.setWordWrap(True)
        self.rows_table = QTableWidget()
        _read_only(self.rows_table)
        rows_layout = QVBoxLayout(self.rows_page)
        rows_layout.addWidget(self.rows_intro)
        rows_layout.addWidget(self.rows_table, 1)
        rows_layout.addStretch(0)  # takes the space when the table is hidden: the line stays on top

        self.json_view = QPlainTextEdit()
        self.json_view.setReadOnly(True)
        self.json_view.setFont(monospace_font())
        self.json_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        self.programme_view = ProgrammeBlockView()

        self.tabs.addTab(self.aggregates_page, "")
        self.tabs.addTab(self.programme_view, "")
        self.tabs.addTab(self.rows_page, "")
        self.tabs.addTab(self.header_page, "")
        self.tabs.addTab(self.json_view, "")

        hash_row = QFormLayout()
        hash_row.addRow(self.hash_label, self.hash_value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(hash_row)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    @property
    def language(self) -> str:
        """The UI language now (a callable follows a live switch: ``lambda: shell.lang``)."""
        return self._language() if callable(self._language) else self._language

    # ------------------------------------------------------------------------------------- data

    def show_payload(
        self, payload: dict[str, object], content_sha256: str, staff_names: Mapping[int, str]
    ) -> None:
        self.payload = payload
        self.content_sha256 = content_sha256
        self.staff_names = staff_names
        self.tables = [
            ordered(table, row_order(table.key), TRAILING_ROWS) for table in aggregate_tables(payload)
        ]
        self._build_aggregates()
        self.programme_view.show_payload(payload)
        self.json_view.setPlainText(json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=2))
        self.retranslate()

    def _build_aggregates(self) -> None:
        while self.aggregates_layout.count():
            item = self.aggregates_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.table_widgets, self.aggregate_titles = [], []
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.aggregates_layout.addWidget(self.legend)
        for spec in self.tables:
            title = QLabel()
            bold = title.font()
            bold.setBold(True)
            title.setFont(bold)
            table = QTableWidget(len(spec.row_keys), len(spec.column_keys))
            _read_only(table)
            for r, row in enumerate(spec.cells):
                for c, cell in enumerate(row):
                    entry = QTableWidgetItem(cell.text)
                    entry.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if cell.kind is CellKind.BELOW_K:
                        entry.setBackground(QBrush(SUPPRESSED_BACKGROUND))
                    elif cell.kind is CellKind.COMPLEMENTARY:
                        entry.setBackground(QBrush(COMPLEMENTARY_BACKGROUND))
                    table.setItem(r, c, entry)
            self.aggregate_titles.append(title)
            self.table_widgets.append(table)
            self.aggregates_layout.addWidget(title)
            self.aggregates_layout.addWidget(table, 0, Qt.AlignmentFlag.AlignLeft)
        self.aggregates_layout.addStretch(1)

    def _client_rows(self) -> dict[str, object] | None:
        rows = self.payload.get("client_rows")
        return rows if isinstance(rows, dict) else None

    def _fill_rows(self) -> None:
        block = self._client_rows()
        rows = block.get("rows") if block is not None else None
        records = [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []
        self.rows_table.clearContents()
        self.rows_table.setColumnCount(len(ROW_FIELDS))
        self.rows_table.setRowCount(len(records))
        for r, record in enumerate(records):
            for c, field in enumerate(ROW_FIELDS):
                value = record.get(field)
                code = "" if value is None else str(value)
                shown = code_label(code, self.language, NEW_CLIENTS_BY + field) if code else ""
                if field == "pseudonym" and len(code) > PSEUDONYM_SHOWN:
                    shown = code[:PSEUDONYM_SHOWN] + "…"
                entry = QTableWidgetItem(shown)
                entry.setToolTip(code)  # the value as it leaves (the JSON tab has them all)
                self.rows_table.setItem(r, c, entry)
        self.rows_table.setVisible(bool(records))

    # --------------------------------------------------------------------------------- texts

    def _staff(self, staff_id: object) -> str:
        if not isinstance(staff_id, int):
            return ""
        name = self.staff_names.get(staff_id)
        return f"{name} (#{staff_id})" if name else f"#{staff_id}"

    def retranslate(self) -> None:
        self.hash_label.setText(self.tr("Content SHA-256:"))
        self.hash_value.setText(grouped_hash(self.content_sha256) if self.content_sha256 else "")
        self.tabs.setTabText(0, self.tr("Figures"))
        self.tabs.setTabText(1, self.tr("Privacy programme"))
        self.tabs.setTabText(2, self.tr("Client rows"))
        self.tabs.setTabText(3, self.tr("Header"))
        self.tabs.setTabText(4, self.tr("Payload (JSON)"))
        self._retranslate_header()
        self._retranslate_aggregates()
        self._retranslate_rows()

    def _retranslate_header(self) -> None:
        names = {
            "period": self.tr("Period (Beijing dates):"),
            "branch": self.tr("Branch code:"),
            "submission": self.tr("Submission ID:"),
            "generated": self.tr("Prepared at:"),
            "prepared": self.tr("Prepared by:"),
            "approved": self.tr("Approved by:"),
            "audit": self.tr("Audit log head:"),
            "software": self.tr("Schema and software:"),
        }
        for key, text in names.items():
            self.header_labels[key].setText(text)
        payload = self.payload
        period = payload.get("period")
        values: dict[str, str] = dict.fromkeys(names, "")
        if isinstance(period, dict):
            values["period"] = period_text(str(period.get("from", "")), str(period.get("to", "")))
        values["branch"] = str(payload.get("branch_code", ""))
        values["submission"] = str(payload.get("submission_id", ""))
        values["generated"] = local_time(str(payload.get("generated_at", "")) or None)
        values["prepared"] = self._staff(payload.get("prepared_by"))
        approval = payload.get("approval")
        if isinstance(approval, dict):
            values["approved"] = self.tr("%1 at %2").replace("%1", self._staff(approval.get("approved_by")))
            values["approved"] = values["approved"].replace(
                "%2", local_time(str(approval.get("approved_at", "")))
            )
        elif payload:
            values["approved"] = self.tr("not yet approved")
        head = payload.get("audit_head")
        if isinstance(head, dict):
            values["audit"] = self.tr("entry %1, hash %2").replace("%1", str(head.get("sequence", "")))
            values["audit"] = values["audit"].replace("%2", str(head.get("hash", ""))[:16] + "…")
        if payload:
            values["software"] = f"{payload.get('schema', '')} · {payload.get('software_version', '')}"
        for key, text in values.items():
            self.header_values[key].setText(text)

    def _retranslate_aggregates(self) -> None:
        markers = Markers.of(self.payload)
        rules = self.payload.get("suppression")
        k = rules.get("k", 5) if isinstance(rules, dict) else 5
        suppressed = sum(spec.suppressed_count for spec in self.tables)
        self.legend.setText(
            self.tr(
                "Every figure below is sent exactly as shown. Counts below %1 are replaced by “%2” "
                "(shaded orange); “%3” (shaded violet) hides a further count so that a small count cannot "
                "be worked out from the totals. Suppressed cells in this summary: %4."
            )
            .replace("%1", str(k))
            .replace("%2", markers.below_k)
            .replace("%3", markers.complementary)
            .replace("%4", str(suppressed))
        )
        below_tip = self.tr("Suppressed: fewer than %1").replace("%1", str(k))
        complementary_tip = self.tr("Suppressed so that a small count cannot be worked out from the totals")
        for spec, title, table in zip(self.tables, self.aggregate_titles, self.table_widgets, strict=True):
            title.setText(
                self.tr("Overview") if spec.key == TOTALS else aggregate_title(spec.key, self.language)
            )
            table.setVerticalHeaderLabels([code_label(key, self.language, spec.key) for key in spec.row_keys])
            if spec.column_keys == ("",):
                table.setHorizontalHeaderLabels([self.tr("Count")])
            else:
                table.setHorizontalHeaderLabels(
                    [code_label(key, self.language, spec.key) for key in spec.column_keys]
                )
            for r, row in enumerate(spec.cells):
                for c, cell in enumerate(row):
                    item = table.item(r, c)
                    if item is None:
                        continue
                    if cell.kind is CellKind.BELOW_K:
                        item.setToolTip(below_tip)
                    elif cell.kind is CellKind.COMPLEMENTARY:
                        item.setToolTip(complementary_tip)
            for r, key in enumerate(spec.row_keys):
                header = table.verticalHeaderItem(r)
                if header is not None:
                    header.setToolTip(key)
                    if key == TOTAL_ROW and r == len(spec.row_keys) - 1:
                        bold = header.font()
                        bold.setBold(True)
                        header.setFont(bold)
            _fit_size(table)

    def _retranslate_rows(self) -> None:
        self._fill_rows()  # the codes' labels are in the UI language
        self.rows_table.setHorizontalHeaderLabels([row_field_label(field) for field in ROW_FIELDS])
        block = self._client_rows()
        if not self.payload:
            self.rows_intro.setText("")
        elif block is None:
            self.rows_intro.setText(
                self.tr("No per-client rows are sent: this branch sends figures only (the default).")
            )
        else:
            count = self.rows_table.rowCount()
            expires = block.get("basis_expires")
            text = self.tr(
                "%n masked client row(s) are sent, only for clients whose consent covers providing "
                "information to headquarters. Legal basis: %1 (%2).",
                "",
                count,
            )
            text = text.replace("%1", code_label(str(block.get("legal_basis", "")), self.language))
            text = text.replace("%2", str(block.get("basis_reference") or "—"))
            if expires:
                text += " " + self.tr("Valid until %1.").replace("%1", str(expires))
            self.rows_intro.setText(text)
