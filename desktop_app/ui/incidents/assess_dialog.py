"""The manager's assessment: personal-information breach or not, the categories affected (required
for a breach), cause, measures taken, possible harm and what clients can do — the texts the
notification letter prints (PIPL Art. 57). One measure or piece of advice per line. Emits
``assessed(incident)`` on success.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.incident_codes import InfoCategory
from desktop_app.domain.incident_record import Incident
from desktop_app.ui.form_parts import BusyBar
from desktop_app.ui.incidents.report_dialog import personal_data_hint
from desktop_app.ui.job_dialog import JobDialog
from desktop_app.ui.shell import Shell


class AssessDialog(JobDialog):
    assessed = Signal(object)

    def __init__(self, shell: Shell, incident: Incident, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.incident = incident
        self.setMinimumWidth(560)
        self.breach_yes = QRadioButton()
        self.breach_no = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.breach_yes)
        group.addButton(self.breach_no)
        if incident.is_breach is not None:
            (self.breach_yes if incident.is_breach else self.breach_no).setChecked(True)
        self.categories: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for index, category in enumerate(InfoCategory):
            box = QCheckBox()
            box.setChecked(category.value in incident.categories)
            self.categories[category.value] = box
            grid.addWidget(box, index // 4, index % 4)
        self.category_box = QWidget()
        self.category_box.setLayout(grid)
        self.cause = self._text(incident.cause)
        self.measures = self._text(incident.measures)
        self.harm = self._text(incident.harm)
        self.advice = self._text(incident.client_advice)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #a05a00;")
        breach_row = QWidget()
        row = QGridLayout(breach_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.breach_yes, 0, 0)
        row.addWidget(self.breach_no, 0, 1)
        self.labels = [QLabel() for _ in range(6)]
        form = QFormLayout()
        fields = (breach_row, self.category_box, self.cause, self.measures, self.harm, self.advice)
        for label, field in zip(self.labels, fields, strict=True):
            form.addRow(label, field)
        form.addRow(QLabel(), self.hint)
        self.busy_bar = BusyBar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.breach_yes.toggled.connect(self._update)
        self.breach_no.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update()

    @staticmethod
    def _text(value: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(value)
        edit.setMaximumHeight(70)
        return edit

    def inputs(self) -> list[QWidget]:
        return [
            self.breach_yes,
            self.breach_no,
            self.category_box,
            self.cause,
            self.measures,
            self.harm,
            self.advice,
        ]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Assess incident %1").replace("%1", self.incident.reference))
        texts = (
            self.tr("Personal information breach:"),
            self.tr("Information affected:"),
            self.tr("&Cause:"),
            self.tr("&Measures taken:"),
            self.tr("Possible &harm:"),
            self.tr("What clients can &do:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.breach_yes.setText(self.tr("&Yes: information was or may have been leaked, altered or lost"))
        self.breach_no.setText(self.tr("&No"))
        for code, box in self.categories.items():
            box.setText(InfoCategory(code).label(self.shell.lang))
        self.measures.setPlaceholderText(self.tr("one measure per line"))
        self.advice.setPlaceholderText(self.tr("one piece of advice per line"))
        self.hint.setText(personal_data_hint(self.shell.lang))
        self.ok_button.setText(self.tr("&Save assessment"))

    def _update(self) -> None:
        chosen = self.breach_yes.isChecked() or self.breach_no.isChecked()
        self.category_box.setEnabled(self.breach_yes.isChecked())
        self.ok_button.setEnabled(chosen and not self.busy)

    def chosen_categories(self) -> list[str]:
        return [code for code, box in self.categories.items() if box.isChecked()]

    def submit(self) -> None:
        from desktop_app.services.incidents import assess

        self.run_job(
            assess,
            self.incident.id,
            is_breach=self.breach_yes.isChecked(),
            categories=self.chosen_categories() if self.breach_yes.isChecked() else [],
            cause=self.cause.toPlainText(),
            measures=self.measures.toPlainText(),
            harm=self.harm.toPlainText(),
            advice=self.advice.toPlainText(),
        )

    def succeeded(self, result: object) -> None:
        self.assessed.emit(result)
        self.accept()
