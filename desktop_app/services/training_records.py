"""Privacy training: taking the quarter's quiz, each member's status, the records a manager keeps.

Rule: every member (all four roles) takes a quiz each quarter, drawn from the newest bundled
training set (store/training_content.py) by a random seed kept with the attempt; the answers are
marked here against the quiz drawn again from that version and seed — never against questions
the caller passes in — with the policy's pass mark (services/programme_settings.py). Each attempt
is a row in branch.db and one ``training.quiz_attempt`` audit entry with the score and the result,
never the answers. Managers record classroom sessions (``training.session_recorded``); managers
and auditors see every member's training and the quarter's figures (domain/training_figures.py).
Reason and legal basis: PIPL Art. 51(4) (regular training of staff handling personal
information), GB/T 35273-2020 §11.6 (training and assessment), evidence for the HQ compliance visit.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.branch_time import branch_day_of
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.permissions import Action
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.quiz import DrawnQuiz, QuizResult, draw_quiz, score_quiz
from desktop_app.domain.roles import Role
from desktop_app.domain.training_due import TrainingDue, training_due
from desktop_app.domain.training_figures import (
    AttemptFact,
    StaffSpan,
    TrainingCounts,
    count_day,
    training_counts_of,
)
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.programme_settings import programme_policy
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.training_content import load_training_set
from desktop_app.store.training_repository import APP, StaffDates, TrainingAttempt, TrainingRepository

if TYPE_CHECKING:
    from desktop_app.services.training_import import LmsImportReport

MAX_TOPIC = 200
MAX_TRAINER = 100
FREE_TEXT_HINT_ZH = "请勿填写客户姓名、证件号码等个人信息"
FREE_TEXT_HINT_EN = "Do not enter client names, ID numbers or other personal details here"


class QuizOutOfDate(InvalidInput):
    code = "quiz_out_of_date"

    def __init__(self) -> None:
        super().__init__(
            "这份测验与当前的题库或测验设置不一致（可能设置已更改），请重新开始测验。",
            "This quiz no longer matches the question bank or the quiz settings (they may have "
            "changed); start the quiz again.",
        )


@dataclass(frozen=True)
class TrainingStatus:
    """The signed-in member's training this quarter."""

    quarter: Quarter
    due: TrainingDue
    attempts: int
    best_percent: int | None
    passed: bool
    attended_session: bool

    @property
    def completed(self) -> bool:
        return self.passed or self.attended_session


@dataclass(frozen=True)
class StaffTrainingRow:
    """One member's training in a quarter (the records tab and ``training status``)."""

    staff_id: int
    username: str
    display_name: str
    role: Role
    completed: bool
    attempts: int
    first_percent: int | None
    first_passed: bool | None
    best_percent: int | None
    sessions: int
    due: TrainingDue | None  # the current quarter only


def new_seed() -> int:
    return secrets.randbits(62)


def _quiz_for(me: SignedIn, version: str | None, seed: int) -> DrawnQuiz:
    policy = programme_policy(me)
    return draw_quiz(load_training_set(version), policy.quiz_questions, seed)


def start_quiz(me: SignedIn) -> DrawnQuiz:
    """A new quiz from the newest training set (nothing is written until it is submitted)."""
    check_permission(me, Action.TRAINING_TAKE)
    return _quiz_for(me, None, new_seed())


def submit_quiz(me: SignedIn, quiz: DrawnQuiz, answers: Mapping[str, Iterable[str]]) -> QuizResult:
    """Mark ``answers`` against the quiz drawn again from its version and seed, record the attempt
    in this quarter and audit it (score and result only)."""
    check_permission(me, Action.TRAINING_TAKE)
    drawn = _quiz_for(me, quiz.version, quiz.seed)
    if drawn.question_ids != quiz.question_ids:
        raise QuizOutOfDate()
    policy = programme_policy(me)
    given = {question: frozenset(options) for question, options in answers.items()}
    result = score_quiz(drawn, given, policy.quiz_pass_percent)
    taken_at = me.now_utc()
    quarter = Quarter.of(branch_day_of(taken_at))
    with me.db.transaction():
        attempt_id = TrainingRepository(me.db).add_attempt(
            staff_id=me.session.staff_id,
            quarter=quarter.key(),
            source=APP,
            set_version=drawn.version,
            seed=drawn.seed,
            score_percent=result.percent,
            passed=result.passed,
            taken_at=taken_at,
            answers=given,
            recorded_by=me.session.staff_id,
            recorded_at=taken_at,
        )
        record(
            me,
            "training.quiz_attempt",
            target_type="training_attempt",
            target_id=str(attempt_id),
            details={
                "quarter": quarter.key(),
                "version": drawn.version,
                "questions": result.total,
                "score": result.percent,
                "pass_mark": policy.quiz_pass_percent,
                "passed": result.passed,
            },
        )
    return result


def attempt_quiz(attempt: TrainingAttempt) -> DrawnQuiz | None:
    """An app attempt's quiz, drawn again from its version and seed, to show it again."""
    if attempt.source != APP or attempt.seed is None:
        return None
    count = len(attempt.answers or {})
    return draw_quiz(load_training_set(attempt.set_version), max(count, 1), attempt.seed)


def _created_on(member: StaffDates) -> date:
    return branch_day_of(member.created_at)


def staff_span(member: StaffDates) -> StaffSpan:
    disabled = branch_day_of(member.disabled_at) if member.disabled_at else None
    if not member.active and disabled is None:  # disabled before anyone recorded when
        disabled = date.min
    return StaffSpan(member.staff_id, _created_on(member), disabled, member.active)


def member_due(me: SignedIn, member: StaffDates, completed: bool, today: date) -> TrainingDue:
    """The member's status: the grace period runs from the quarter's start, their account's
    creation or the day the branch got the programme (migration 14), whichever is latest."""
    policy = programme_policy(me)
    quarter = Quarter.of(today)
    started = TrainingRepository(me.db).started_at()
    starts_on = max(_created_on(member), branch_day_of(started)) if started else _created_on(member)
    return training_due(
        quarter_key=quarter.key(),
        quarter_start=quarter.start,
        quarter_end=quarter.end,
        today=today,
        created_on=starts_on,
        completed=completed,
        role=Role(member.role),
        grace_days=policy.training_grace_days,
        gate_client_data=policy.training_gate_client_data,
        gate_it_admin=policy.training_gate_it_admin,
    )


def _me(me: SignedIn, repo: TrainingRepository) -> StaffDates:
    for member in repo.staff_dates():
        if member.staff_id == me.session.staff_id:
            return member
    raise InvalidInput("找不到您的账户。", "Your account was not found.")  # pragma: no cover


def my_training_status(me: SignedIn) -> TrainingStatus:
    """The signed-in member's training this quarter (every role; their own records only)."""
    check_permission(me, Action.TRAINING_TAKE)
    repo = TrainingRepository(me.db)
    today = me.today()
    quarter = Quarter.of(today)
    attempts = repo.attempts(quarter.key(), me.session.staff_id)
    attended = any(me.session.staff_id in s.attendee_ids for s in repo.sessions(quarter.key()))
    passed = any(a.passed for a in attempts)
    due = member_due(me, _me(me, repo), passed or attended, today)
    return TrainingStatus(
        quarter=quarter,
        due=due,
        attempts=len(attempts),
        best_percent=max((a.score_percent for a in attempts), default=None),
        passed=passed,
        attended_session=attended,
    )


def _counted_on(me: SignedIn, quarter: Quarter) -> date:
    return count_day(quarter.start, quarter.end, me.today())


def staff_training_overview(me: SignedIn, quarter: Quarter) -> list[StaffTrainingRow]:
    """Every member active at the quarter's end (today while it is current) with their training."""
    check_permission(me, Action.PROGRAMME_VIEW)
    repo = TrainingRepository(me.db)
    today = me.today()
    counted_on = _counted_on(me, quarter)
    attempts = repo.attempts(quarter.key())
    sessions = repo.sessions(quarter.key())
    rows = []
    for member in repo.staff_dates():
        if not staff_span(member).active_on(counted_on):
            continue
        own = [a for a in attempts if a.staff_id == member.staff_id]
        attended = sum(1 for s in sessions if member.staff_id in s.attendee_ids)
        completed = any(a.passed for a in own) or attended > 0
        rows.append(
            StaffTrainingRow(
                staff_id=member.staff_id,
                username=member.username,
                display_name=member.display_name,
                role=Role(member.role),
                completed=completed,
                attempts=len(own),
                first_percent=own[0].score_percent if own else None,
                first_passed=own[0].passed if own else None,
                best_percent=max((a.score_percent for a in own), default=None),
                sessions=attended,
                due=member_due(me, member, completed, today) if quarter.contains(today) else None,
            )
        )
    return rows


def training_counts(me: SignedIn, quarter: Quarter) -> TrainingCounts:
    """The quarter's training figures (domain/training_figures.py has the definitions)."""
    check_permission(me, Action.PROGRAMME_VIEW)
    repo = TrainingRepository(me.db)
    attempts = [AttemptFact(a.staff_id, a.taken_at, a.passed) for a in repo.attempts(quarter.key())]
    attendees = [staff for s in repo.sessions(quarter.key()) for staff in s.attendee_ids]
    return training_counts_of(
        [staff_span(m) for m in repo.staff_dates()],
        attempts,
        attendees,
        counted_on=_counted_on(me, quarter),
    )


def _check_text(value: str, limit: int, zh: str, en: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise InvalidInput(f"请填写{zh}。", f"Enter the {en}.")
    if len(text) > limit:
        raise InvalidInput(f"{zh}不能超过 {limit} 个字。", f"The {en} must be at most {limit} characters.")
    return text


def record_session(me: SignedIn, day: date, topic: str, trainer: str, attendee_ids: Sequence[int]) -> int:
    """Record a classroom session (manager). Attendees must be staff active on ``day``; the day is
    today or earlier. Free text (topic, trainer) must not name clients (FREE_TEXT_HINT_*)."""
    check_permission(me, Action.PROGRAMME_MANAGE)
    topic = _check_text(topic, MAX_TOPIC, "培训主题", "topic")
    trainer = _check_text(trainer, MAX_TRAINER, "讲师", "trainer")
    if day > me.today():
        raise InvalidInput("培训日期不能晚于今天。", "The session's date cannot be in the future.")
    repo = TrainingRepository(me.db)
    staff = {m.staff_id: m for m in repo.staff_dates()}
    if not attendee_ids:
        raise InvalidInput("请至少选择一位参加人员。", "Choose at least one attendee.")
    for staff_id in attendee_ids:
        member = staff.get(staff_id)
        if member is None or not staff_span(member).active_on(day):
            name = member.username if member else str(staff_id)
            raise InvalidInput(
                f"{name} 在 {day.isoformat()} 不是在职员工。",
                f"{name} was not an active staff member on {day.isoformat()}.",
            )
    quarter = Quarter.of(day)
    with me.db.transaction():
        session_id = repo.add_session(
            day=day,
            quarter=quarter.key(),
            topic=topic,
            trainer=trainer,
            attendee_ids=attendee_ids,
            recorded_by=me.session.staff_id,
            created_at=me.now_utc(),
        )
        record(
            me,
            "training.session_recorded",
            target_type="training_session",
            target_id=str(session_id),
            details={"day": day.isoformat(), "quarter": quarter.key(), "attendees": len(set(attendee_ids))},
        )
    return session_id


def import_lms_results(me: SignedIn, path: Path, dry_run: bool = False) -> LmsImportReport:
    """The learning platform's results (services/training_import.py has the rules)."""
    from desktop_app.services.training_import import import_lms_results as run  # local: it imports us

    return run(me, path, dry_run)


def attendee_choices(me: SignedIn) -> list[tuple[int, str, str]]:
    """(id, username, display name) of the active staff, for the session dialog (managers)."""
    check_permission(me, Action.PROGRAMME_MANAGE)
    return [
        (m.staff_id, m.username, m.display_name) for m in TrainingRepository(me.db).staff_dates() if m.active
    ]


def staff_ids_by_username(me: SignedIn, usernames: Sequence[str]) -> list[int]:
    """The ids of ``usernames`` (the CLI's ``--attendee``); an unknown name is refused."""
    known = {m.username: m.staff_id for m in TrainingRepository(me.db).staff_dates()}
    missing = [name for name in usernames if name not in known]
    if missing:
        names = "、".join(missing)
        raise InvalidInput(f"找不到员工：{names}", f"No staff member named: {', '.join(missing)}")
    return [known[name] for name in usernames]
