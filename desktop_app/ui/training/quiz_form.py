"""One drawn quiz as a scrolling form: every question in a box, radio buttons for single choice,
check boxes for multiple choice, in the UI language (switching language re-labels it in place).

The form only collects answers: ``answers()`` gives every question of the quiz with the set of
option ids ticked (empty when unanswered), which the page passes to the training service to mark.
Option order is the drawn quiz's (shuffled by its seed); letters A, B, C … follow that order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.retranslate import Retranslating

if TYPE_CHECKING:
    from desktop_app.domain.quiz import DrawnQuiz
    from desktop_app.domain.training_content import Option, Question


def option_letter(position: int) -> str:
    return chr(ord("A") + position)


class _WrappingLabel(QLabel):
    """An option's text: wraps, and a click on it ticks the option like a click on the button."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__()
        self.button = button
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.button.click()
        super().mousePressEvent(event)


class OptionRow(QWidget):
    def __init__(self, option: Option, position: int, multiple: bool) -> None:
        super().__init__()
        self.option = option
        self.position = position
        self.button: QAbstractButton = QCheckBox() if multiple else QRadioButton()
        self.button.setObjectName(f"option-{option.id}")
        self.label = _WrappingLabel(self.button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)

    def set_language(self, language: str) -> None:
        text = f"{option_letter(self.position)}. {self.option.text(language)}"
        self.label.setText(text)
        self.button.setAccessibleName(text)


class QuestionBox(Retranslating, QGroupBox):
    def __init__(self, question: Question, number: int, language: str) -> None:
        super().__init__()
        self.question = question
        self.number = number
        self.language = language
        multiple = question.kind == "multiple"
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: palette(mid);")
        self.rows = [OptionRow(option, n, multiple) for n, option in enumerate(question.options)]
        self.group = QButtonGroup(self)
        self.group.setExclusive(not multiple)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.hint)
        for row in self.rows:
            self.group.addButton(row.button)
            layout.addWidget(row)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Question %1").replace("%1", str(self.number)))
        self.text.setText(self.question.text(self.language))
        if self.question.kind == "multiple":
            self.hint.setText(self.tr("Multiple choice: tick every correct answer."))
        else:
            self.hint.setText(self.tr("Single choice: pick one answer."))
        for row in self.rows:
            row.set_language(self.language)

    def given(self) -> frozenset[str]:
        return frozenset(row.option.id for row in self.rows if row.button.isChecked())

    def choose(self, option_ids: frozenset[str] | set[str]) -> None:
        """Tick exactly ``option_ids`` (tests, and a retake that keeps nothing)."""
        for row in self.rows:
            row.button.setChecked(row.option.id in option_ids)


class QuizForm(QScrollArea):
    """The questions of one quiz; ``set_quiz`` replaces them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.quiz: DrawnQuiz | None = None
        self.boxes: list[QuestionBox] = []
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.addStretch(1)
        self.setWidget(self._inner)

    def set_quiz(self, quiz: DrawnQuiz, language: str) -> None:
        for box in self.boxes:
            self._layout.removeWidget(box)
            box.deleteLater()
        self.quiz = quiz
        self.boxes = [QuestionBox(q, n, language) for n, q in enumerate(quiz.questions, start=1)]
        for index, box in enumerate(self.boxes):
            self._layout.insertWidget(index, box)
        self.verticalScrollBar().setValue(0)

    def set_language(self, language: str) -> None:
        for box in self.boxes:
            box.set_language(language)

    def box(self, question_id: str) -> QuestionBox:
        for box in self.boxes:
            if box.question.id == question_id:
                return box
        raise KeyError(question_id)

    def answers(self) -> dict[str, frozenset[str]]:
        """Every question of the quiz with the options ticked (an empty set when unanswered)."""
        return {box.question.id: box.given() for box in self.boxes}

    def unanswered(self) -> int:
        return sum(1 for box in self.boxes if not box.given())
