"""One look for the app's read-only tables: whole-row selection, compact rows, no editing."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

ROW_PADDING = 10
MIN_COLUMN_WIDTH = 80


def setup_read_only_table(table: QTableView, *, fit_columns: bool = False) -> None:
    """``fit_columns``: size columns to their contents (small tables only: it reads every row)."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + ROW_PADDING)
    columns = table.horizontalHeader()
    columns.setMinimumSectionSize(MIN_COLUMN_WIDTH)
    columns.setStretchLastSection(True)
    columns.setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents if fit_columns else QHeaderView.ResizeMode.Interactive
    )


def fit_columns_to_contents(table: QTableView, stretch: int) -> None:
    """Every column as wide as its header and cells, except ``stretch``, which takes the rest of the
    row (the long free text: findings, notes, status). Small tables only: it reads every row."""
    columns = table.horizontalHeader()
    columns.setStretchLastSection(False)
    for column in range(columns.count()):
        mode = (
            QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        )
        columns.setSectionResizeMode(column, mode)
