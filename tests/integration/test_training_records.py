"""Training records on a real branch: taking the quiz (marked against the quiz drawn again from its
seed, audited without the answers), each member's status, classroom sessions, the overview and the
quarter's figures by the contract's definitions (disabled staff, a member created after the quarter)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest

from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.quiz import DrawnQuiz
from desktop_app.domain.roles import Role
from desktop_app.domain.training_due import DueStatus
from desktop_app.domain.training_figures import TrainingCounts
from desktop_app.services.programme_settings import set_programme_settings
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff, disable_staff, reset_password
from desktop_app.services.training_records import (
    QuizOutOfDate,
    my_training_status,
    record_session,
    staff_training_overview,
    start_quiz,
    submit_quiz,
    training_counts,
)
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.training_repository import TrainingRepository
from tests.conftest import Clock

SignIn = Callable[[Role], SignedIn]
DAY = 86_400.0


def right_answers(quiz: DrawnQuiz) -> dict[str, frozenset[str]]:
    return {q.id: q.correct for q in quiz.questions}


def wrong_answers(quiz: DrawnQuiz) -> dict[str, frozenset[str]]:
    return {q.id: frozenset() for q in quiz.questions}


def _entries(me: SignedIn, action: str) -> list[object]:
    return [e for e in AuditRepository(me.db).iter_all() if e.action == action]


def test_quiz_pass_is_recorded_and_audited_without_answers(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    assert my_training_status(agent).due.status is DueStatus.DUE
    quiz = start_quiz(agent)
    assert quiz.questions
    result = submit_quiz(agent, quiz, right_answers(quiz))
    assert result.passed and result.percent == 100
    status = my_training_status(agent)
    assert status.completed and status.attempts == 1 and status.due.status is DueStatus.DONE
    [attempt] = TrainingRepository(agent.db).attempts(Quarter.of(agent.today()).key())
    assert attempt.seed == quiz.seed and attempt.set_version == quiz.version and attempt.answers
    [entry] = _entries(agent, "training.quiz_attempt")
    details = entry.details  # type: ignore[attr-defined]
    assert details["score"] == 100 and details["passed"] is True
    text = json.dumps(details, ensure_ascii=False)
    assert all(q.id not in text for q in quiz.questions)  # never the answers


def test_a_failed_attempt_keeps_the_training_due(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    quiz = start_quiz(agent)
    result = submit_quiz(agent, quiz, wrong_answers(quiz))
    assert not result.passed and result.wrong
    assert my_training_status(agent).due.status is DueStatus.DUE


def test_the_questions_given_are_never_trusted(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    quiz = start_quiz(agent)
    easy = replace(quiz, questions=quiz.questions[:1])  # a one-question quiz answered right
    with pytest.raises(QuizOutOfDate):
        submit_quiz(agent, easy, right_answers(easy))
    # the right ids with forged "correct" options are marked against the real quiz
    forged = replace(quiz, questions=tuple(replace(q, correct=frozenset()) for q in quiz.questions))
    assert not submit_quiz(agent, forged, wrong_answers(quiz)).passed


def test_the_pass_mark_and_question_count_come_from_the_policy(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    set_programme_settings(manager, {"quiz_questions": 3, "quiz_pass_percent": 100})
    quiz = start_quiz(manager)
    assert len(quiz.questions) == 3
    answers = right_answers(quiz)
    first = quiz.questions[0].id
    answers[first] = frozenset()
    assert not submit_quiz(manager, quiz, answers).passed


def test_sessions_overview_and_counts(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    it = signed_in(Role.IT_ADMIN)
    agent = signed_in(Role.AGENT)
    auditor = signed_in(Role.AUDITOR)
    quarter = Quarter.of(manager.today())
    # agent: fails then passes; auditor: passes first time; manager: classroom only; IT: nothing
    quiz = start_quiz(agent)
    submit_quiz(agent, quiz, wrong_answers(quiz))
    submit_quiz(agent, quiz, right_answers(quiz))
    quiz = start_quiz(auditor)
    submit_quiz(auditor, quiz, right_answers(quiz))
    ids = {r.username: r.staff_id for r in staff_training_overview(manager, quarter)}
    record_session(manager, manager.today(), "PIPL 基础与身份证件处理", "总部合规部 刘老师", [ids["lina"]])
    counts = training_counts(manager, quarter)
    assert counts == TrainingCounts(active_staff=4, completed=3, quiz_takers=2, first_attempt_passed=1)
    rows = {r.username: r for r in staff_training_overview(auditor, quarter)}
    assert rows["zhangwei"].attempts == 2 and rows["zhangwei"].first_passed is False
    assert rows["lina"].sessions == 1 and rows["lina"].completed
    assert not rows["it.admin"].completed and rows["it.admin"].due is not None
    # a member created now and one disabled now: neither counts in the quarter that ended before
    add_staff(it, "new.agent", "新同事", Role.AGENT, password="Agt!Newbie#2026x", must_change=False)
    assert training_counts(manager, quarter).active_staff == 5
    clock.advance(100 * DAY)  # into the next quarter
    manager = signed_in(Role.MANAGER)
    it = signed_in(Role.IT_ADMIN)
    disable_staff(it, "zhangwei")
    manager = signed_in(Role.MANAGER)
    assert training_counts(manager, quarter).active_staff == 5  # the agent was active at its end
    current = Quarter.of(manager.today())
    assert training_counts(manager, current).active_staff == 4  # disabled now
    manager2 = signed_in(Role.MANAGER)
    assert training_counts(manager2, quarter.previous()).active_staff == 0  # nobody existed yet


def test_disable_records_when(signed_in: SignIn) -> None:
    it = signed_in(Role.IT_ADMIN)
    disable_staff(it, "audit.chen")
    it = signed_in(Role.IT_ADMIN)
    found = {m.username: m for m in TrainingRepository(it.db).staff_dates()}
    disabled_at = found["audit.chen"].disabled_at
    assert disabled_at is not None and disabled_at[:10] == it.now_utc()[:10]
    assert found["lina"].disabled_at is None
    reset_password(it, "audit.chen")  # re-enabled: active again from now on
    it = signed_in(Role.IT_ADMIN)
    again = {m.username: m for m in TrainingRepository(it.db).staff_dates()}["audit.chen"]
    assert again.active and again.disabled_at is None


def test_who_may_do_what(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    quarter = Quarter.of(agent.today())
    with pytest.raises(PermissionDenied):
        training_counts(agent, quarter)
    with pytest.raises(PermissionDenied):
        staff_training_overview(agent, quarter)
    auditor = signed_in(Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        record_session(auditor, auditor.today(), "t", "t", [1])
    it = signed_in(Role.IT_ADMIN)
    assert my_training_status(it).due.status is DueStatus.DUE  # every role takes the quiz


def test_a_session_in_the_future_or_without_attendees_is_refused(signed_in: SignIn) -> None:
    from desktop_app.domain.errors import InvalidInput

    manager = signed_in(Role.MANAGER)
    with pytest.raises(InvalidInput):
        record_session(manager, manager.today() + timedelta(days=1), "主题", "讲师", [1])
    with pytest.raises(InvalidInput):
        record_session(manager, manager.today(), "主题", "讲师", [])
    with pytest.raises(InvalidInput):
        record_session(manager, date(2020, 1, 1), "主题", "讲师", [1])  # nobody on the staff then


def test_the_grace_period_never_starts_before_the_programme_arrived(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    with manager.db.transaction():  # as if the branch was upgraded to the programme on 10 February
        manager.db.execute("UPDATE training_programme_start SET started_at = '2027-02-10T02:00:00Z'")
    clock.advance(36 * DAY)  # 20 February: 50 days into the quarter
    agent = signed_in(Role.AGENT)
    due = my_training_status(agent).due
    assert due.status is DueStatus.DUE and due.deadline == date(2027, 2, 23) and not due.gated
