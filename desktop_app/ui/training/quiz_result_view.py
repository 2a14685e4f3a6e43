"""A marked quiz: the score, passed or not, and for every wrong answer the answer given, the
correct answer and the explanation (with the legal article it rests on), in the UI language.

Showing why an answer is right is the point of the quiz (PIPL Art. 51(4): training, not only
testing); the answers themselves are never audited or shown to anyone else.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.training.quiz_form import option_letter

if TYPE_CHECKING:
    from desktop_app.domain.quiz import QuestionOutcome, QuizResult


class QuizResultView(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: QuizResult | None = None
        self.language = "zh_CN"
        self.score = QLabel()
        self.score.setObjectName("quiz-score")
        font = self.score.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.score.setFont(font)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.score)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)

    def show_result(self, result: QuizResult, language: str) -> None:
        self.result = result
        self.language = language
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        result = self.result
        if result is None:
            return
        self.score.setText(
            self.tr("Score: %1 of %2 correct (%3%)")
            .replace("%1", str(result.correct))
            .replace("%2", str(result.total))
            .replace("%3", str(result.percent))
        )
        if result.passed:
            self.verdict.setText(self.tr("Passed. This quarter's privacy training is done."))
            self.verdict.setStyleSheet("color: #1b5e20;")
        else:
            self.verdict.setText(
                self.tr("Not passed. Read the explanations and the modules again, then take the quiz again.")
            )
            self.verdict.setStyleSheet("color: #b71c1c;")
        self.details.setHtml(self.details_html(result))

    def _answer_text(self, outcome: QuestionOutcome, ids: frozenset[str]) -> str:
        parts = [
            f"{option_letter(n)}. {option.text(self.language)}"
            for n, option in enumerate(outcome.question.options)
            if option.id in ids
        ]
        if not parts:
            return self.tr("(no answer)")
        return ("；" if self.language.startswith("zh") else "; ").join(parts)

    def details_html(self, result: QuizResult) -> str:
        wrong = [(n, o) for n, o in enumerate(result.per_question, start=1) if not o.right]
        if not wrong:
            return "<p>" + html.escape(self.tr("Every answer is correct.")) + "</p>"
        heading = self.tr("Answers to review")
        yours, right, why = self.tr("Your answer:"), self.tr("Correct answer:"), self.tr("Why:")
        out = [f"<h3>{html.escape(heading)}</h3>"]
        for number, outcome in wrong:
            question = outcome.question
            title = self.tr("Question %1").replace("%1", str(number))
            out.append(
                "<div style='margin-bottom:12px'>"
                f"<p><b>{html.escape(title)}</b> {html.escape(question.text(self.language))}</p>"
                f"<p style='color:#b71c1c'>{html.escape(yours)} "
                f"{html.escape(self._answer_text(outcome, outcome.given))}</p>"
                f"<p style='color:#1b5e20'>{html.escape(right)} "
                f"{html.escape(self._answer_text(outcome, question.correct))}</p>"
                f"<p>{html.escape(why)} {html.escape(question.explanation(self.language))}</p>"
                "</div>"
            )
        return "".join(out)

    def explanation_text(self) -> str:
        return self.details.toPlainText()
