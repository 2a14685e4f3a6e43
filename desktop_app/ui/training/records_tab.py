"""The "培训记录 / Training records" tab (managers and auditors, ``Action.PROGRAMME_VIEW``).

One quarter at a time: the coverage and first-attempt figures (domain/training_figures.py) and a
table of every member active at the quarter's end — completed or not, attempts, the first and best
score, classroom sessions, and in the current quarter what is still due. Managers
(``Action.PROGRAMME_MANAGE``) also record a classroom session and import the learning platform's
results (ui/training/session_dialog.py, ui/training/lms_import_dialog.py). The widget only shows
and collects; services/training_records.py and services/training_import.py do the work on the
shell's database lane. Legal basis: PIPL Art. 51(4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from desktop_app.domain.permissions import Action, can
from desktop_app.domain.programme_periods import Quarter, recent_quarters
from desktop_app.domain.training_due import DueStatus
from desktop_app.ui.form_parts import MessageLabel
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.training_figures import TrainingCounts
    from desktop_app.services.signed_in import SignedIn
    from desktop_app.services.training_records import StaffTrainingRow

QUARTERS_SHOWN = 8


def _load(me: SignedIn, quarter: Quarter) -> tuple[list[StaffTrainingRow], TrainingCounts]:
    from desktop_app.services.training_records import staff_training_overview, training_counts

    return staff_training_overview(me, quarter), training_counts(me, quarter)


class TrainingRecordsTab(Retranslating, QWidget):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        me = shell.signed_in()
        self.may_manage = can(me.session.role, Action.PROGRAMME_MANAGE)
        self.rows: list[StaffTrainingRow] = []
        self.counts: TrainingCounts | None = None
        self.loaded_once = False
        current = Quarter.of(me.today())
        self.quarters = list(reversed(recent_quarters(current, QUARTERS_SHOWN)))
        self.quarter_box = QComboBox()
        self.quarter_box.currentIndexChanged.connect(self.reload)
        self.quarter_label = QLabel()
        self.figures = QLabel()
        self.figures.setObjectName("training-figures")
        self.figures.setWordWrap(True)
        self.session_button = QPushButton()
        self.session_button.clicked.connect(self.record_session)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_results)
        self.session_button.setVisible(self.may_manage)
        self.import_button.setVisible(self.may_manage)
        self.model = QStandardItemModel(0, 8, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table, fit_columns=True)
        self.message = MessageLabel()
        top = QHBoxLayout()
        top.addWidget(self.quarter_label)
        top.addWidget(self.quarter_box)
        top.addStretch(1)
        top.addWidget(self.session_button)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.retranslate()

    @property
    def quarter(self) -> Quarter:
        index = max(self.quarter_box.currentIndex(), 0)
        return self.quarters[index]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded_once:
            self.loaded_once = True
            self.reload()

    def reload(self) -> None:
        if not self.loaded_once:
            return
        self.shell.call(_load, self.quarter, on_ok=self._loaded, on_error=self._failed, owner=self)

    def _loaded(self, result: object) -> None:
        rows, counts = cast("tuple[list[StaffTrainingRow], TrainingCounts]", result)
        self.rows, self.counts = rows, counts
        self.message.clear_message()
        self._fill()

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(self.shell.error_text(exc))

    def _zh(self) -> bool:
        return self.shell.lang.startswith("zh")

    def _fill(self) -> None:
        counts = self.counts
        if counts is not None:
            self.figures.setText(
                self.tr("Completed: %1 of %2 active staff. First attempt passed: %3 of %4 who took the quiz.")
                .replace("%1", str(counts.completed))
                .replace("%2", str(counts.active_staff))
                .replace("%3", str(counts.first_attempt_passed))
                .replace("%4", str(counts.quiz_takers))
            )
        self.model.setRowCount(0)
        for row in self.rows:
            role = row.role.label_zh if self._zh() else row.role.label_en
            if row.due is None or row.due.status is DueStatus.DONE:
                due = ""
            elif row.due.status is DueStatus.DUE:
                due = self.tr("due in %n day(s)", "", row.due.days_left)
            else:
                due = self.tr("overdue") + (" · " + self.tr("client data closed") if row.due.gated else "")
            cells = [
                f"{row.display_name} ({row.username})",
                role,
                self.tr("yes") if row.completed else self.tr("no"),
                str(row.attempts),
                "" if row.first_percent is None else f"{row.first_percent}%",
                "" if row.best_percent is None else f"{row.best_percent}%",
                str(row.sessions),
                due,
            ]
            self.model.appendRow([QStandardItem(text) for text in cells])

    def record_session(self) -> QWidget:
        from desktop_app.ui.training.session_dialog import SessionDialog

        dialog = SessionDialog(self.shell, self)
        dialog.recorded.connect(self.reload)
        dialog.open()
        return dialog

    def import_results(self) -> QWidget:
        from desktop_app.ui.training.lms_import_dialog import LmsImportDialog

        dialog = LmsImportDialog(self.shell, self)
        dialog.imported.connect(self.reload)
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Training records"))
        self.quarter_label.setText(self.tr("Quarter:"))
        self.session_button.setText(self.tr("Record a classroom session…"))
        self.import_button.setText(self.tr("Import learning platform results…"))
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Staff member"),
                self.tr("Role"),
                self.tr("Completed"),
                self.tr("Attempts"),
                self.tr("First score"),
                self.tr("Best score"),
                self.tr("Classroom sessions"),
                self.tr("Due"),
            ]
        )
        index = self.quarter_box.currentIndex()
        self.quarter_box.blockSignals(True)
        self.quarter_box.clear()
        for quarter in self.quarters:
            self.quarter_box.addItem(quarter.label_zh() if self._zh() else quarter.label_en())
        self.quarter_box.setCurrentIndex(max(index, 0))
        self.quarter_box.blockSignals(False)
        self._fill()


def make_tab(shell: Shell) -> QWidget | None:
    """Managers and auditors (``Action.PROGRAMME_VIEW``); None for everyone else."""
    me = shell.existing_signed_in()
    if me is None or not can(me.session.role, Action.PROGRAMME_VIEW):
        return None
    return TrainingRecordsTab(shell)
