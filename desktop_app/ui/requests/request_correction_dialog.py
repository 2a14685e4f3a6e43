"""Answering a correction request (PIPL Art. 46): rows of field + new value. The correction goes
through ``complete_correction`` on the database lane (validated by the client rules, recorded in the
change history with the request number); a refusal is shown under the rows."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.client_requests import RequestView, correctable_fields
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


class CorrectionDialog(JobDialog):
    answered = Signal(int)

    def __init__(self, shell: Shell, request: RequestView, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.request = request
        self.setMinimumWidth(480)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.field_header = QLabel()
        self.value_header = QLabel()
        self.grid = QGridLayout()
        self.grid.addWidget(self.field_header, 0, 0)
        self.grid.addWidget(self.value_header, 0, 1)
        self.rows: list[tuple[QComboBox, QLineEdit]] = []
        self.add_row_button = QPushButton()
        self.add_row_button.clicked.connect(lambda: self.add_row())
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(self.grid)
        layout.addWidget(self.add_row_button)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.add_row()
        self.retranslate()

    def add_row(self, field: str = "", value: str = "") -> tuple[QComboBox, QLineEdit]:
        combo = QComboBox()
        for key, (zh, en) in correctable_fields().items():
            combo.addItem(zh if self.shell.lang.startswith("zh") else en, key)
        if field:
            combo.setCurrentIndex(max(0, combo.findData(field)))
        edit = QLineEdit(value)
        edit.setMaxLength(500)
        row = len(self.rows) + 1
        self.grid.addWidget(combo, row, 0)
        self.grid.addWidget(edit, row, 1)
        self.rows.append((combo, edit))
        self.add_row_button.setEnabled(len(self.rows) < len(correctable_fields()))
        return combo, edit

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Correct data for request %1").replace("%1", self.request.reference))
        self.prompt.setText(
            self.tr(
                "Enter each field to correct and its new value, as the client asked. The change is "
                "kept in the client's history with this request number."
            )
        )
        self.field_header.setText(self.tr("Field"))
        self.value_header.setText(self.tr("New value"))
        self.add_row_button.setText(self.tr("&Add a field"))
        self.ok_button.setText(self.tr("&Correct and complete"))
        for combo, _ in self.rows:
            for index, (zh, en) in enumerate(correctable_fields().values()):
                combo.setItemText(index, zh if self.shell.lang.startswith("zh") else en)

    def changes(self) -> dict[str, str]:
        """The rows with a value (a later row for the same field wins)."""
        return {str(combo.currentData()): edit.text() for combo, edit in self.rows if edit.text().strip()}

    def submit(self) -> None:
        from desktop_app.services.client_requests import complete_correction

        self.run_job(complete_correction, self.request.id, self.changes())

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.add_row_button.setEnabled(not busy and len(self.rows) < len(correctable_fields()))

    def succeeded(self, result: object) -> None:
        self.accept()
        self.answered.emit(self.request.id)
