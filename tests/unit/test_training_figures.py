"""The training figures' definitions (issue 14, the targets table) and the due dates and gate, with
injected dates: a mid-quarter joiner, disabled staff, no attempts, a first attempt that fails then
a pass, a classroom session, the grace period from the quarter's start or the account's creation."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.permissions import Action
from desktop_app.domain.roles import Role
from desktop_app.domain.training_due import DueStatus, gated_action, training_due
from desktop_app.domain.training_figures import (
    AttemptFact,
    StaffSpan,
    TrainingCounts,
    count_day,
    training_counts_of,
)

Q_START, Q_END = date(2026, 10, 1), date(2026, 12, 31)


def span(staff_id: int, created: date = date(2026, 1, 5), disabled: date | None = None) -> StaffSpan:
    return StaffSpan(staff_id, created, disabled, disabled is None)


def test_no_attempts_no_completions() -> None:
    counts = training_counts_of([span(1), span(2)], [], [], counted_on=Q_END)
    assert counts == TrainingCounts(active_staff=2, completed=0, quiz_takers=0, first_attempt_passed=0)


def test_first_attempt_fails_then_passes_completes_but_not_first_time() -> None:
    attempts = [
        AttemptFact(1, "2026-10-05T02:00:00.000000Z", False),
        AttemptFact(1, "2026-10-05T03:00:00.000000Z", True),
        AttemptFact(2, "2026-10-07T03:00:00.000000Z", True),
    ]
    counts = training_counts_of([span(1), span(2), span(3)], attempts, [], counted_on=Q_END)
    assert counts == TrainingCounts(active_staff=3, completed=2, quiz_takers=2, first_attempt_passed=1)


def test_first_attempt_is_the_earliest_whatever_the_order_given() -> None:
    attempts = [AttemptFact(1, "2026-11-05T03:00:00Z", True), AttemptFact(1, "2026-10-05T03:00:00Z", False)]
    counts = training_counts_of([span(1)], attempts, [], counted_on=Q_END)
    assert counts.first_attempt_passed == 0 and counts.completed == 1


def test_mid_quarter_joiner_counts_and_a_later_joiner_does_not() -> None:
    joiner = span(2, created=date(2026, 11, 20))
    later = span(3, created=date(2027, 1, 4))
    counts = training_counts_of([span(1), joiner, later], [], [], counted_on=Q_END)
    assert counts.active_staff == 2


def test_disabled_staff_are_not_counted_even_with_attempts() -> None:
    gone = span(2, disabled=date(2026, 12, 1))
    left_later = span(3, disabled=date(2027, 2, 1))  # active at the quarter's end
    attempts = [AttemptFact(2, "2026-10-02T03:00:00Z", True), AttemptFact(3, "2026-10-02T03:00:00Z", False)]
    counts = training_counts_of([span(1), gone, left_later], attempts, [], counted_on=Q_END)
    assert counts == TrainingCounts(active_staff=2, completed=0, quiz_takers=1, first_attempt_passed=0)


def test_disabled_at_an_unknown_time_never_counts() -> None:
    unknown = StaffSpan(2, date(2026, 1, 1), None, active_now=False)
    assert training_counts_of([span(1), unknown], [], [], counted_on=Q_END).active_staff == 1


def test_classroom_attendance_completes_without_a_quiz() -> None:
    counts = training_counts_of([span(1), span(2)], [], [2, 2, 9], counted_on=Q_END)
    assert counts == TrainingCounts(active_staff=2, completed=1, quiz_takers=0, first_attempt_passed=0)


def test_a_current_quarter_counts_staff_active_today() -> None:
    assert count_day(Q_START, Q_END, date(2026, 11, 2)) == date(2026, 11, 2)
    assert count_day(Q_START, Q_END, date(2027, 3, 2)) == Q_END
    starts_tomorrow = span(2, created=date(2026, 11, 3))
    counts = training_counts_of([span(1), starts_tomorrow], [], [], counted_on=date(2026, 11, 2))
    assert counts.active_staff == 1


def _due(today: date, **kw: object) -> object:
    args: dict[str, object] = {
        "quarter_key": "2026Q4",
        "quarter_start": Q_START,
        "quarter_end": Q_END,
        "today": today,
        "created_on": date(2025, 3, 1),
        "completed": False,
        "role": Role.AGENT,
        "grace_days": 14,
        "gate_client_data": True,
        "gate_it_admin": False,
    }
    args.update(kw)
    return training_due(**args)  # type: ignore[arg-type]


def test_due_within_grace_then_overdue_and_gated() -> None:
    first = _due(date(2026, 10, 1))
    assert first.status is DueStatus.DUE and first.days_left == 14 and first.deadline == date(2026, 10, 14)
    last = _due(date(2026, 10, 14))
    assert last.status is DueStatus.DUE and last.days_left == 1 and not last.gated
    after = _due(date(2026, 10, 15))
    assert after.status is DueStatus.OVERDUE and after.gated and after.days_left == 0


def test_done_is_never_gated() -> None:
    done = _due(date(2026, 12, 1), completed=True)
    assert done.status is DueStatus.DONE and not done.gated


def test_a_new_member_gets_the_grace_period_from_their_first_day() -> None:
    joined = date(2026, 11, 20)
    due = _due(date(2026, 11, 25), created_on=joined)
    assert due.status is DueStatus.DUE and due.deadline == date(2026, 12, 3) and due.days_left == 9
    assert _due(date(2026, 12, 4), created_on=joined).gated
    # joined two days before the quarter ends: the deadline is the quarter's last day
    assert _due(date(2026, 12, 30), created_on=date(2026, 12, 29)).deadline == Q_END


def test_the_gate_follows_the_policy_and_it_is_off_for_it_by_default() -> None:
    late = date(2026, 11, 1)
    assert not _due(late, gate_client_data=False).gated
    assert not _due(late, role=Role.IT_ADMIN).gated
    assert _due(late, role=Role.IT_ADMIN).status is DueStatus.OVERDUE
    assert _due(late, role=Role.IT_ADMIN, gate_it_admin=True).gated
    auditor = _due(late, role=Role.AUDITOR)  # no client-data action to close: overdue, never gated
    assert auditor.status is DueStatus.OVERDUE and not auditor.gated


def test_which_actions_the_gate_closes() -> None:
    assert gated_action(Action.CLIENT_VIEW_OWN, Role.AGENT)
    assert gated_action(Action.CLIENT_REVEAL, Role.MANAGER)
    assert not gated_action(Action.TRAINING_TAKE, Role.AGENT)
    assert not gated_action(Action.INCIDENT_REPORT, Role.AGENT)
    assert not gated_action(Action.INCIDENT_ASSESS, Role.MANAGER)
    assert not gated_action(Action.OWN_PASSWORD_CHANGE, Role.AGENT)
    assert gated_action(Action.CONFIG_EDIT, Role.IT_ADMIN)
    assert not gated_action(Action.STAFF_MANAGE, Role.IT_ADMIN)
    assert not gated_action(Action.KEYS_ROTATE, Role.IT_ADMIN)
