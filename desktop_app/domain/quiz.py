"""Drawing a privacy-training quiz from the question bank, and marking it.

Rule: a quiz of ``count`` questions is drawn from a published training set by a recorded seed, so
the same seed and set give the same quiz (questions, their order and each question's option order)
and an attempt can be re-marked and shown again later. Questions are spread evenly across the
modules: with ``count`` at least the number of modules every module has a question, and no module
has more than one question more than another unless its bank ran out. No question appears twice.
Marking: a question is right only when the set of options given equals the set of correct options
exactly (a multiple-choice answer with one correct option missing or one wrong option added is
wrong); the percentage is rounded down, so 79.9 % never passes an 80 % mark.
Reason: PIPL Art. 51(4) asks for regular training; a quiz that is reproducible and marked strictly
is evidence that staff understood it (GB/T 35273-2020 §11.6: training and assessment).
Plain Python: no I/O.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, replace

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.training_content import Question, TrainingSet


@dataclass(frozen=True)
class DrawnQuiz:
    """The questions of one quiz, in the order shown, each with its options in the order shown."""

    version: str
    seed: int
    questions: tuple[Question, ...]

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)


@dataclass(frozen=True)
class QuestionOutcome:
    question: Question
    given: frozenset[str]
    right: bool


@dataclass(frozen=True)
class QuizResult:
    correct: int
    total: int
    percent: int
    passed: bool
    per_question: tuple[QuestionOutcome, ...]

    @property
    def wrong(self) -> tuple[QuestionOutcome, ...]:
        return tuple(o for o in self.per_question if not o.right)


def draw_quiz(training_set: TrainingSet, count: int, seed: int, *, shuffle_options: bool = True) -> DrawnQuiz:
    """``count`` distinct questions, round-robin over the modules in a seeded order; all the bank's
    questions when it holds fewer than ``count``."""
    if count < 1:
        raise InvalidInput("测验至少要有一道题。", "A quiz needs at least one question.")
    rng = random.Random(seed)
    pools: list[list[Question]] = []
    for module in training_set.modules:
        pool = list(module.questions)
        rng.shuffle(pool)
        pools.append(pool)
    module_order = list(range(len(pools)))
    rng.shuffle(module_order)
    chosen: list[Question] = []
    while len(chosen) < count and any(pools):
        for index in module_order:
            if len(chosen) >= count:
                break
            if pools[index]:
                chosen.append(pools[index].pop())
    rng.shuffle(chosen)
    if shuffle_options:
        shuffled = []
        for question in chosen:
            options = list(question.options)
            rng.shuffle(options)
            shuffled.append(replace(question, options=tuple(options)))
        chosen = shuffled
    return DrawnQuiz(version=training_set.version, seed=seed, questions=tuple(chosen))


def score_quiz(quiz: DrawnQuiz, answers: Mapping[str, frozenset[str]], pass_percent: int) -> QuizResult:
    """Mark every question of ``quiz``; a question without an answer is wrong. Answers to questions
    not in the quiz are refused (a forged answer sheet must not pass)."""
    if not 0 <= pass_percent <= 100:
        raise InvalidInput("及格线必须在 0 到 100 之间。", "The pass mark must be between 0 and 100.")
    extra = set(answers) - set(quiz.question_ids)
    if extra:
        raise InvalidInput(
            "答卷包含不属于本次测验的题目。", "The answers name questions that are not in this quiz."
        )
    outcomes: list[QuestionOutcome] = []
    for question in quiz.questions:
        given = frozenset(answers.get(question.id, frozenset()))
        outcomes.append(QuestionOutcome(question, given, given == question.correct))
    total = len(outcomes)
    correct = sum(1 for o in outcomes if o.right)
    percent = correct * 100 // total if total else 0
    return QuizResult(
        correct=correct,
        total=total,
        percent=percent,
        passed=total > 0 and percent >= pass_percent,
        per_question=tuple(outcomes),
    )
