"""Drawing and marking the training quiz (domain/quiz.py): deterministic for a seed, spread across
modules, no duplicates; a multiple-choice answer is right only when it matches exactly."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.quiz import DrawnQuiz, draw_quiz, score_quiz
from desktop_app.domain.training_content import TrainingSet
from desktop_app.store.training_content import load_training_set

SET = load_training_set()
BANK = len(SET.questions())
seeds = st.integers(min_value=0, max_value=2**62)
counts = st.integers(min_value=1, max_value=BANK + 5)


def _right_answers(quiz: DrawnQuiz) -> dict[str, frozenset[str]]:
    return {q.id: q.correct for q in quiz.questions}


@settings(max_examples=200, deadline=None)
@given(seed=seeds, count=counts)
def test_draw_is_deterministic_distinct_and_sized(seed: int, count: int) -> None:
    quiz = draw_quiz(SET, count, seed)
    assert quiz == draw_quiz(SET, count, seed)
    assert quiz.version == SET.version and quiz.seed == seed
    assert len(quiz.questions) == min(count, BANK)
    assert len(set(quiz.question_ids)) == len(quiz.questions)


@settings(max_examples=200, deadline=None)
@given(seed=seeds, count=st.integers(min_value=1, max_value=BANK))
def test_draw_spreads_evenly_across_modules(seed: int, count: int) -> None:
    per_module = Counter(q.module_id for q in draw_quiz(SET, count, seed).questions)
    if count >= len(SET.modules):
        assert set(per_module) == {m.id for m in SET.modules}
    banks = {m.id: len(m.questions) for m in SET.modules}
    drawn = {m.id: per_module.get(m.id, 0) for m in SET.modules}
    for a in drawn:
        for b in drawn:  # round robin: never two more from one module unless the other ran out
            assert drawn[a] <= drawn[b] + 1 or drawn[b] == banks[b], drawn


@settings(max_examples=100, deadline=None)
@given(seed=seeds)
def test_drawn_questions_keep_their_content_and_only_options_move(seed: int) -> None:
    for drawn in draw_quiz(SET, 10, seed).questions:
        original = SET.question(drawn.id)
        assert sorted(drawn.options, key=lambda o: o.id) == sorted(original.options, key=lambda o: o.id)
        assert drawn.correct == original.correct
        assert drawn.explanation_zh == original.explanation_zh


def test_different_seeds_give_different_quizzes() -> None:
    quizzes = {draw_quiz(SET, 10, seed).question_ids for seed in range(20)}
    assert len(quizzes) > 15


def test_option_order_is_shuffled_by_the_seed() -> None:
    orders = {tuple(o.id for o in draw_quiz(SET, BANK, seed).questions[0].options) for seed in range(30)}
    assert len(orders) > 1
    plain = draw_quiz(SET, BANK, 3, shuffle_options=False)
    assert all(q.options == SET.question(q.id).options for q in plain.questions)


def test_a_small_bank_gives_everything_it_has() -> None:
    one = TrainingSet(SET.version, SET.modules[:1])
    quiz = draw_quiz(one, 50, 7)
    assert sorted(quiz.question_ids) == sorted(q.id for q in SET.modules[0].questions)


def test_a_quiz_needs_a_question() -> None:
    with pytest.raises(InvalidInput):
        draw_quiz(SET, 0, 1)


@settings(max_examples=200, deadline=None)
@given(seed=seeds, count=st.integers(min_value=1, max_value=20), data=st.data())
def test_percent_is_floor_and_within_bounds(seed: int, count: int, data: st.DataObject) -> None:
    quiz = draw_quiz(SET, count, seed)
    answers: dict[str, frozenset[str]] = {}
    for question in quiz.questions:
        picked = data.draw(st.sets(st.sampled_from(sorted(question.option_ids))))
        answers[question.id] = frozenset(picked)
    pass_mark = data.draw(st.integers(min_value=0, max_value=100))
    result = score_quiz(quiz, answers, pass_mark)
    assert result.total == len(quiz.questions)
    assert 0 <= result.correct <= result.total
    assert 0 <= result.percent <= 100
    assert result.percent == result.correct * 100 // result.total
    assert result.passed == (result.percent >= pass_mark)
    assert [o.question.id for o in result.per_question] == list(quiz.question_ids)
    for outcome in result.per_question:
        assert outcome.right == (answers[outcome.question.id] == outcome.question.correct)


@settings(max_examples=100, deadline=None)
@given(seed=seeds)
def test_all_right_passes_and_nothing_answered_fails(seed: int) -> None:
    quiz = draw_quiz(SET, 10, seed)
    perfect = score_quiz(quiz, _right_answers(quiz), 100)
    assert (perfect.correct, perfect.percent, perfect.passed, perfect.wrong) == (10, 100, True, ())
    empty = score_quiz(quiz, {}, 1)
    assert (empty.correct, empty.percent, empty.passed) == (0, 0, False)


def _multiple_choice_quiz() -> DrawnQuiz:
    question = next(q for q in SET.questions() if q.kind == "multiple" and len(q.correct) >= 2)
    return DrawnQuiz(SET.version, 0, (question,))


def test_multiple_choice_is_right_only_on_an_exact_match() -> None:
    quiz = _multiple_choice_quiz()
    question = quiz.questions[0]
    wrong_option = next(iter(question.option_ids - question.correct))
    some_right = frozenset(sorted(question.correct)[:-1])
    cases = {
        question.correct: True,
        some_right: False,  # one correct option missing
        question.correct | {wrong_option}: False,  # one wrong option added
        question.option_ids: False,  # everything ticked
        frozenset(): False,
    }
    for given_answer, right in cases.items():
        assert score_quiz(quiz, {question.id: given_answer}, 100).passed is right, given_answer


def test_percent_rounds_down_at_the_pass_mark() -> None:
    quiz = draw_quiz(SET, 9, 11)
    answers = _right_answers(quiz)
    answers[quiz.questions[0].id] = frozenset()  # 8 of 9 = 88.9 %
    result = score_quiz(quiz, answers, 89)
    assert (result.correct, result.percent, result.passed) == (8, 88, False)
    assert result.wrong[0].question.id == quiz.questions[0].id
    assert score_quiz(quiz, answers, 88).passed


def test_answers_to_questions_outside_the_quiz_are_refused() -> None:
    quiz = draw_quiz(SET, 3, 5)
    outsider = next(q for q in SET.questions() if q.id not in quiz.question_ids)
    with pytest.raises(InvalidInput):
        score_quiz(quiz, {outsider.id: outsider.correct}, 80)


def test_pass_mark_outside_0_to_100_is_refused() -> None:
    quiz = draw_quiz(SET, 3, 5)
    with pytest.raises(InvalidInput):
        score_quiz(quiz, {}, 101)
