"""A year of plausible privacy-training history for the demo branch (issue 14, "Demo history").

Rule: the four past quarters and the current one get quiz attempts and classroom sessions written
through the training repository with explicit past dates, so the dashboard shows coverage rising
from 75 % to 100 % and a first-attempt pass rate between 80 % and 100 %, with some misses early in
the year. The demo's four accounts are dated back to before that year (they were "hired" then),
and four former colleagues who left during it are added as disabled accounts (no key slot, as a
disabled account has), so each past quarter counts the staff active at its end. In the current
quarter the manager and the agent are done and IT and the auditor are still due, so the agent is
never locked out by the training gate and the manager can take the others through the quiz.
Everything here is invented and fast (no KDF, no audit entries: history, not actions taken now).
Reason: the "done when" of issue 14 — the dashboard's figures computed from records on the demo.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.programme_policy import ProgrammePolicy
from desktop_app.domain.quiz import draw_quiz, score_quiz
from desktop_app.domain.roles import Role
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.staff_repository import StaffRepository
from desktop_app.store.training_content import load_training_set
from desktop_app.store.training_repository import APP, LMS, TrainingRepository

# (username, display name, role, the past quarter index they left in: 0 = four quarters ago)
FORMER_STAFF = (
    ("former.zhao", "赵敏（已离职）", Role.AGENT, 2),
    ("former.qian", "钱进（已离职）", Role.AGENT, 2),
    ("former.sun", "孙悦（已离职）", Role.AGENT, 3),
    ("former.li", "李想（已离职）", Role.AGENT, 4),
)

# Per past quarter (oldest first): for each member in order (the current four, then the former):
# "P" passed first time, "FP" failed then passed, "F" failed only, "C" classroom only, "-" nothing.
_PLAN = (
    ("P", "P", "FP", "-", "P", "P", "-", "C"),  # 8 active: 6 done (75 %); first time 4 of 5 (80 %)
    ("P", "P", "P", "C", "FP", "P", "P", "-"),  # 8 active: 7 done (87.5 %); 5 of 6 (83.3 %)
    ("P", "FP", "P", "C", "-", "-", "P", "P"),  # 6 active (two left): all done; 4 of 5 (80 %)
    ("P", "P", "P", "P", "-", "-", "-", "P"),  # 5 active (one more left): all done; 5 of 5
)
_CURRENT = ("P", "P", "-", "-")  # manager, agent done; IT, auditor still due
_PASS_MARK = ProgrammePolicy().quiz_pass_percent
_QUESTIONS = ProgrammePolicy().quiz_questions


def _utc(day: date, rng: random.Random) -> str:
    moment = datetime.combine(day, time(rng.randint(9, 17), rng.randint(0, 59)), BRANCH_TIME)
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _day_in(quarter: Quarter, rng: random.Random, latest: date) -> date:
    last = min(quarter.end, latest)
    span = max((last - quarter.start).days, 0)
    return quarter.start + timedelta(days=rng.randint(0, min(span, 40)))


def _add_attempt(
    me: SignedIn,
    training: TrainingRepository,
    staff_id: int,
    quarter: Quarter,
    day: date,
    target: int,
    rng: random.Random,
) -> None:
    """An app attempt (three in four) answered so it scores about ``target`` — a real quiz drawn
    from the bundled set, so it can be shown again — or a learning-platform result."""
    taken = _utc(day, rng)
    if rng.random() < 0.25:
        training.add_attempt(
            staff_id=staff_id,
            quarter=quarter.key(),
            source=LMS,
            score_percent=target,
            passed=target >= _PASS_MARK,
            taken_at=taken,
            recorded_by=me.session.staff_id,
            recorded_at=taken,
        )
        return
    seed = rng.randrange(1 << 62)
    quiz = draw_quiz(load_training_set(), _QUESTIONS, seed)
    right = round(target * len(quiz.questions) / 100)
    answers = {q.id: (q.correct if n < right else frozenset()) for n, q in enumerate(quiz.questions)}
    result = score_quiz(quiz, answers, _PASS_MARK)
    training.add_attempt(
        staff_id=staff_id,
        quarter=quarter.key(),
        source=APP,
        set_version=quiz.version,
        seed=seed,
        score_percent=result.percent,
        passed=result.passed,
        taken_at=taken,
        answers=answers,
        recorded_by=staff_id,
        recorded_at=taken,
    )


def seed_demo_history(me: SignedIn, rng: random.Random) -> None:
    """Write the history (``me``: the demo manager, signed in; today = ``me.today()``)."""
    db = me.db
    today = me.today()
    current = Quarter.of(today)
    past = [current]
    for _ in range(4):
        past.insert(0, past[0].previous())
    past = past[:4]
    hired = _utc(past[0].start - timedelta(days=60), rng)
    staff = StaffRepository(db)
    training = TrainingRepository(db)
    order = {Role.MANAGER: 0, Role.AGENT: 1, Role.IT_ADMIN: 2, Role.AUDITOR: 3}
    current_staff = sorted((m for m in staff.list() if m.active), key=lambda m: order[m.role])[:4]
    with db.transaction():
        for member in current_staff:
            staff.backdate_created_at(member.id, hired)
        members = [m.id for m in current_staff]
        for username, name, role, left in FORMER_STAFF:
            if staff.get(username) is None:
                added = staff.add(
                    username=username,
                    display_name=name,
                    role=role,
                    must_change_password=False,
                    password_changed_at=0.0,
                    created_at=hired,
                    created_by=me.session.staff_id,
                )
                left_on = (
                    past[left].start + timedelta(days=20) if left < 4 else current.start + timedelta(days=5)
                )
                left_on = min(left_on, today)
                staff.set_active(added.id, False, at=_utc(left_on, rng))
            found = staff.get(username)
            assert found is not None
            members.append(found.id)
        plans = [*_PLAN, _CURRENT]
        for quarter, plan in zip([*past, current], plans, strict=True):
            attendees = []
            for staff_id, what in zip(members, plan, strict=False):
                day = _day_in(quarter, rng, today)
                if what == "C":
                    attendees.append(staff_id)
                    continue
                scores = {"P": [rng.randint(82, 100)], "FP": [rng.randint(40, 70), rng.randint(82, 100)]}
                for n, score in enumerate(scores.get(what, [])):
                    taken_day = min(day + timedelta(days=n), quarter.end, today)
                    _add_attempt(me, training, staff_id, quarter, taken_day, score, rng)
            if attendees:
                day = _day_in(quarter, rng, today)
                training.add_session(
                    day=day,
                    quarter=quarter.key(),
                    topic="门店隐私保护集中培训：身份证件处理与电话诈骗识别",
                    trainer="总部合规部 刘老师",
                    attendee_ids=attendees,
                    recorded_by=me.session.staff_id,
                    created_at=_utc(day, rng),
                )
