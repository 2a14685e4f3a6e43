"""The "我的培训 / My training" tab (every role): this quarter's training status, the modules to read
in the UI language, and the quiz — drawn by the training service, answered here one scrolling form
at a time, marked by the service, then the score and, for every wrong answer, the correct answer
and its explanation.

The tab only collects answers and shows results: drawing, marking and recording the attempt are
services/training_records.py (``start_quiz``, ``submit_quiz``, ``my_training_status``) and the
modules come from services/training_modules.py, all on the shell's worker lane. Nothing is read
before the tab is first shown. Legal basis: PIPL Art. 51(4) (regular staff training),
GB/T 35273-2020 §11.6 (training and assessment).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Action, can
from desktop_app.domain.training_due import DueStatus
from desktop_app.ui import dialogs
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell
from desktop_app.ui.training.quiz_form import QuizForm
from desktop_app.ui.training.quiz_result_view import QuizResultView

if TYPE_CHECKING:
    from desktop_app.domain.quiz import DrawnQuiz, QuizResult
    from desktop_app.domain.training_content import TrainingModule, TrainingSet
    from desktop_app.services.signed_in import SignedIn
    from desktop_app.services.training_records import TrainingStatus

OVERVIEW, QUIZ, RESULT = range(3)


def _load(me: SignedIn) -> tuple[TrainingStatus, TrainingSet]:
    """On the database lane: the member's status this quarter and the modules in force."""
    from desktop_app.services.training_modules import current_training_set
    from desktop_app.services.training_records import my_training_status

    return my_training_status(me), current_training_set(me)


def _start(me: SignedIn) -> DrawnQuiz:
    from desktop_app.services.training_records import start_quiz

    return start_quiz(me)


def _submit(me: SignedIn, quiz: DrawnQuiz, answers: dict[str, frozenset[str]]) -> QuizResult:
    from desktop_app.services.training_records import submit_quiz

    return submit_quiz(me, quiz, answers)


def module_html(module: TrainingModule, language: str) -> str:
    paragraphs = "".join(
        f"<p>{html.escape(line)}</p>" for line in module.text(language).split("\n") if line.strip()
    )
    return f"<h2>{html.escape(module.title(language))}</h2>{paragraphs}"


class MyTrainingTab(Retranslating, QWidget):
    loaded = Signal()
    quiz_started = Signal()
    submitted = Signal()
    failed = Signal(str)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.status: TrainingStatus | None = None
        self.training_set: TrainingSet | None = None
        self.quiz: DrawnQuiz | None = None
        self._started = False

        self.stack = QStackedWidget()
        self.stack.addWidget(self._overview_page())
        self.stack.addWidget(self._quiz_page())
        self.stack.addWidget(self._result_page())
        self.busy_bar = BusyBar()
        self.busy_bar.setVisible(False)
        self.error = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.error)
        self.retranslate()

    # ------------------------------------------------------------------------------------ layout

    def _overview_page(self) -> QWidget:
        page = QWidget()
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.status_label = QLabel()
        self.status_label.setObjectName("training-status")
        self.status_label.setWordWrap(True)
        self.modules_label = QLabel()
        self.module_list = QListWidget()
        self.module_list.currentRowChanged.connect(self._show_module)
        self.module_view = QTextBrowser()
        self.module_view.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.module_list)
        splitter.addWidget(self.module_view)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([240, 720])
        self.start_button = QPushButton()
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self.start_quiz)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.status_label)
        layout.addWidget(self.modules_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        return page

    def _quiz_page(self) -> QWidget:
        page = QWidget()
        self.quiz_intro = QLabel()
        self.quiz_intro.setWordWrap(True)
        self.quiz_form = QuizForm()
        self.submit_button = QPushButton()
        self.submit_button.clicked.connect(self.submit)
        self.leave_button = QPushButton()
        self.leave_button.clicked.connect(self.leave_quiz)
        buttons = QHBoxLayout()
        buttons.addWidget(self.leave_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.quiz_intro)
        layout.addWidget(self.quiz_form, 1)
        layout.addLayout(buttons)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        self.result_view = QuizResultView()
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_to_overview)
        self.again_button = QPushButton()
        self.again_button.clicked.connect(self.start_quiz)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.result_view, 1)
        layout.addLayout(buttons)
        return page

    # ------------------------------------------------------------------------------- translation

    def retranslate(self) -> None:
        language = self.shell.lang
        self.setWindowTitle(self.tr("My training"))
        self.heading.setText(self.tr("My privacy training"))
        self.modules_label.setText(
            self.tr("Read the modules, then take the quiz. Questions are drawn from every module.")
        )
        self.start_button.setText(self.tr("&Start quiz"))
        self.quiz_intro.setText(
            self.tr("Answer every question, then submit. A wrong answer shows the correct one and why.")
        )
        self.submit_button.setText(self.tr("S&ubmit answers"))
        self.leave_button.setText(self.tr("&Leave the quiz"))
        self.back_button.setText(self.tr("&Back to my training"))
        self.again_button.setText(self.tr("Take the quiz &again"))
        self._show_status()
        if self.training_set is not None:
            row = self.module_list.currentRow()
            for index, module in enumerate(self.training_set.modules):
                item = self.module_list.item(index)
                if item is not None:
                    item.setText(module.title(language))
            self._show_module(row)
        self.quiz_form.set_language(language)
        self.result_view.set_language(language)

    def _show_status(self) -> None:
        status = self.status
        if status is None:
            self.status_label.setText("")
            return
        language = self.shell.lang
        quarter = status.quarter.label_zh() if language.startswith("zh") else status.quarter.label_en()
        due = status.due
        if due.status is DueStatus.DONE:
            text = self.tr("%1: done.").replace("%1", quarter)
            if status.best_percent is not None:
                text += " " + self.tr("Best score %1%.").replace("%1", str(status.best_percent))
            if status.attended_session and not status.passed:
                text += " " + self.tr("You attended a classroom session.")
            style = "color: #1b5e20;"
        elif due.status is DueStatus.DUE:
            text = (
                self.tr("%1: due by %2 (days left: %3).")
                .replace("%1", quarter)
                .replace("%2", due.deadline.isoformat())
                .replace("%3", str(due.days_left))
            )
            style = ""
        else:
            text = self.tr("%1: overdue since %2. Take the quiz now.").replace("%1", quarter)
            text = text.replace("%2", due.deadline.isoformat())
            if due.gated:
                text += " " + self.tr("Client data stays closed to you until you pass.")
            style = "color: #b71c1c;"
        if status.attempts and not status.passed:
            text += " " + self.tr("Attempts this quarter: %1.").replace("%1", str(status.attempts))
        self.status_label.setText(text)
        self.status_label.setStyleSheet(style)

    def _show_module(self, row: int) -> None:
        if self.training_set is None or not 0 <= row < len(self.training_set.modules):
            self.module_view.clear()
            return
        self.module_view.setHtml(module_html(self.training_set.modules[row], self.shell.lang))

    # ------------------------------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    def _busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.start_button.setEnabled(not busy and self.training_set is not None)
        self.submit_button.setEnabled(not busy)
        self.again_button.setEnabled(not busy)

    def reload(self) -> None:
        self._busy(True)
        self.shell.call(_load, on_ok=self._loaded, on_error=self._failed, owner=self)

    def _loaded(self, result: object) -> None:
        status, training_set = cast("tuple[TrainingStatus, TrainingSet]", result)
        self.status = status
        first_load = self.training_set is None or self.training_set.version != training_set.version
        self.training_set = training_set
        if first_load:
            self.module_list.clear()
            self.module_list.addItems([m.title(self.shell.lang) for m in training_set.modules])
            self.module_list.setCurrentRow(0)
        self._show_status()
        self.error.clear_message()
        self._busy(False)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        text = self.shell.error_text(exc)
        self.error.show_error(text)
        self.failed.emit(text)

    # --------------------------------------------------------------------------------------- quiz

    def start_quiz(self) -> None:
        self.error.clear_message()
        self._busy(True)
        self.shell.call(_start, on_ok=self._quiz_drawn, on_error=self._failed, owner=self)

    def _quiz_drawn(self, result: object) -> None:
        self.quiz = cast("DrawnQuiz", result)
        self.quiz_form.set_quiz(self.quiz, self.shell.lang)
        self._busy(False)
        self.stack.setCurrentIndex(QUIZ)
        self.quiz_started.emit()

    def submit(self) -> None:
        if self.quiz is None:
            return
        missing = self.quiz_form.unanswered()
        if missing and not dialogs.confirm(
            self,
            self.tr("Submit answers"),
            self.tr("%1 question(s) have no answer and will be marked wrong. Submit anyway?").replace(
                "%1", str(missing)
            ),
        ):
            return
        self.error.clear_message()
        self._busy(True)
        self.shell.call(
            _submit,
            self.quiz,
            self.quiz_form.answers(),
            on_ok=self._marked,
            on_error=self._failed,
            owner=self,
        )

    def _marked(self, result: object) -> None:
        self._busy(False)
        self.quiz = None
        self.result_view.show_result(cast("QuizResult", result), self.shell.lang)
        self.stack.setCurrentIndex(RESULT)
        self.submitted.emit()
        self.reload()  # the status line follows the new attempt

    def leave_quiz(self) -> None:
        if not dialogs.confirm(
            self, self.tr("Leave the quiz"), self.tr("Leave the quiz? Your answers will not be recorded.")
        ):
            return
        self.quiz = None
        self.back_to_overview()

    def back_to_overview(self) -> None:
        self.stack.setCurrentIndex(OVERVIEW)


def make_tab(shell: Shell) -> QWidget | None:
    """The tab for every role that takes the training (all four today)."""
    me = shell.existing_signed_in()
    if me is None or not can(me.session.role, Action.TRAINING_TAKE):
        return None
    return MyTrainingTab(shell)
