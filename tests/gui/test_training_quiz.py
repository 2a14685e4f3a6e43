"""The "My training" tab with pytest-qt: the quarter's status, the modules in the UI language, and
a quiz taken with some wrong answers — the score, passed or not, and for each wrong answer the
correct answer and its explanation; the attempt is recorded by the training service."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.quiz import DrawnQuiz
from desktop_app.domain.roles import Role
from desktop_app.services.training_records import my_training_status
from desktop_app.store.training_content import load_training_set
from desktop_app.ui import dialogs
from desktop_app.ui.programme.area import ProgrammeArea
from desktop_app.ui.training.my_training_tab import OVERVIEW, QUIZ, RESULT, MyTrainingTab, make_tab
from tests.gui.conftest import signed_in, wait_idle

TIMEOUT = 15_000


def _tab(qtbot, shell) -> MyTrainingTab:
    tab = make_tab(shell)
    assert isinstance(tab, MyTrainingTab)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.show()
    return tab


def _start(qtbot, tab: MyTrainingTab) -> DrawnQuiz:
    with qtbot.waitSignal(tab.quiz_started, timeout=TIMEOUT):
        qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert tab.stack.currentIndex() == QUIZ
    assert tab.quiz is not None
    return tab.quiz


def _wrong_choice(question) -> frozenset[str]:
    wrong = sorted(question.option_ids - question.correct)
    return frozenset(wrong[:1])


def _submit(qtbot, tab: MyTrainingTab) -> None:
    with qtbot.waitSignal(tab.submitted, timeout=TIMEOUT):
        qtbot.mouseClick(tab.submit_button, Qt.MouseButton.LeftButton)
    assert tab.stack.currentIndex() == RESULT
    wait_idle(qtbot, tab.shell)


def test_a_quiz_with_two_wrong_answers_passes_and_explains_them(qtbot, branch, make_shell) -> None:
    me = signed_in(branch.context(), *branch.users[Role.AGENT])
    shell = make_shell(me, language="en")
    tab = _tab(qtbot, shell)
    assert tab.windowTitle() == "My training"
    assert "due by" in tab.status_label.text()
    training = load_training_set()
    assert tab.module_list.count() == len(training.modules)
    assert tab.module_list.item(0).text() == training.modules[0].title_en
    assert "Personal Information Protection Law" in tab.module_view.toPlainText()
    tab.module_list.setCurrentRow(4)
    assert training.modules[4].title_en in tab.module_view.toPlainText()

    quiz = _start(qtbot, tab)
    assert len(quiz.questions) == 10 and len(tab.quiz_form.boxes) == 10
    wrong_one, unanswered, *rest = quiz.questions
    for question in rest:
        for option_id in question.correct:  # click like a person: radio buttons and check boxes
            tab.quiz_form.box(question.id).rows[
                [o.id for o in question.options].index(option_id)
            ].button.click()
    tab.quiz_form.box(wrong_one.id).choose(_wrong_choice(wrong_one))
    dialogs.set_next_answer(dialogs.Button.Yes)  # "1 question has no answer … submit anyway?"
    _submit(qtbot, tab)
    assert "1 question(s) have no answer" in dialogs.history()[-1].text

    view = tab.result_view
    assert view.score.text() == "Score: 8 of 10 correct (80%)"
    assert view.verdict.text().startswith("Passed")
    details = view.explanation_text()
    for question in (wrong_one, unanswered):
        assert question.text_en in details
        assert question.explanation_en in details
        for option_id in question.correct:
            assert question.option(option_id).en in details
    assert "(no answer)" in details
    assert "Your answer:" in details and "Correct answer:" in details
    for question in rest:
        assert question.explanation_en not in details  # only wrong answers are explained

    status = my_training_status(me)
    assert (status.attempts, status.passed, status.best_percent) == (1, True, 80)
    assert "done" in tab.status_label.text()
    tab.back_button.click()
    assert tab.stack.currentIndex() == OVERVIEW


def test_a_failed_quiz_in_chinese_shows_chinese_explanations(qtbot, branch, make_shell) -> None:
    me = signed_in(branch.context(), *branch.users[Role.MANAGER])
    shell = make_shell(me, language="zh_CN")
    tab = _tab(qtbot, shell)
    assert tab.windowTitle() == "我的培训"
    assert "个人信息保护法" in tab.module_view.toPlainText()
    quiz = _start(qtbot, tab)
    for index, question in enumerate(quiz.questions):
        box = tab.quiz_form.box(question.id)
        box.choose(question.correct if index % 2 else _wrong_choice(question))
    _submit(qtbot, tab)
    view = tab.result_view
    assert "5" in view.score.text() and "50" in view.score.text()
    assert view.verdict.text().startswith("未通过")
    details = view.explanation_text()
    for question in quiz.questions[::2]:
        assert question.explanation_zh in details
    assert my_training_status(me).passed is False
    assert "1" in tab.status_label.text()  # attempts this quarter

    # switching the language re-labels the result in place
    shell.language.apply("en")
    qtbot.waitUntil(lambda: quiz.questions[0].explanation_en in view.explanation_text(), timeout=TIMEOUT)
    assert view.verdict.text().startswith("Not passed")
    assert tab.module_list.item(0).text() == load_training_set().modules[0].title_en
    with qtbot.waitSignal(tab.quiz_started, timeout=TIMEOUT):
        tab.again_button.click()
    assert tab.quiz is not None and tab.quiz.seed != quiz.seed


def test_leaving_a_quiz_records_nothing(qtbot, branch, make_shell) -> None:
    me = signed_in(branch.context(), *branch.users[Role.AGENT])
    shell = make_shell(me, language="en")
    tab = _tab(qtbot, shell)
    _start(qtbot, tab)
    dialogs.set_next_answer(dialogs.Button.Yes)
    tab.leave_button.click()
    assert tab.stack.currentIndex() == OVERVIEW
    assert my_training_status(me).attempts == 0


def test_clicking_an_option_text_ticks_it(qtbot, branch, make_shell) -> None:
    me = signed_in(branch.context(), *branch.users[Role.AGENT])
    shell = make_shell(me, language="en")
    tab = _tab(qtbot, shell)
    quiz = _start(qtbot, tab)
    single = next(q for q in quiz.questions if q.kind == "single")
    box = tab.quiz_form.box(single.id)
    qtbot.mouseClick(box.rows[1].label, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(box.rows[0].label, Qt.MouseButton.LeftButton)
    assert box.given() == {box.rows[0].option.id}  # single choice: one at a time
    assert box.rows[0].label.text().startswith("A. ")


@pytest.mark.parametrize("role", list(Role))
def test_every_role_gets_the_tab_in_the_programme_area(qtbot, branch, make_shell, role: Role) -> None:
    me = signed_in(branch.context(), *branch.users[role])
    shell = make_shell(me, language="en")
    area = ProgrammeArea(shell)
    qtbot.addWidget(area)
    assert any(isinstance(w, MyTrainingTab) for w in area.tab_widgets)
    assert area.show_tab(MyTrainingTab)
