"""The training figures of one quarter, by the programme's definitions (issue 14, the targets table).

Rule:
- ``active_staff``: staff (all roles) active at the quarter's end, or today while the quarter is
  current: created on or before that day and not disabled on or before it. Someone created after
  the quarter ended does not count for it; someone disabled during it does not count either; a
  member who joined mid-quarter counts in the quarter they were active at its end.
- ``completed``: of those, who passed a quiz attempt dated in the quarter (in the app or imported
  from the learning platform) or attended a classroom session dated in it.
- ``quiz_takers``: of those, who have at least one attempt in the quarter; ``first_attempt_passed``:
  of the takers, whose first attempt in the quarter (earliest ``taken_at``) passed.
Reason: training coverage = completed / active staff (target 100 %), quiz pass rate = first-attempt
passes / takers (target 90 %). Legal basis: PIPL Art. 51(4) (regular training of staff).
Plain Python: the staff and records are passed in, the days are branch (Beijing) days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TrainingCounts:
    active_staff: int
    completed: int
    quiz_takers: int
    first_attempt_passed: int


@dataclass(frozen=True)
class StaffSpan:
    """When a staff member existed: created on ``created_on``, disabled on ``disabled_on`` (None
    while active). ``unknown_disable`` marks an account disabled at a time nobody recorded."""

    staff_id: int
    created_on: date
    disabled_on: date | None
    active_now: bool = True

    def active_on(self, day: date) -> bool:
        if self.created_on > day:
            return False
        if self.disabled_on is not None:
            return self.disabled_on > day
        return self.active_now


@dataclass(frozen=True)
class AttemptFact:
    staff_id: int
    taken_at: str  # UTC ISO timestamp: orders the attempts
    passed: bool


def count_day(quarter_start: date, quarter_end: date, today: date) -> date:
    """The day staff are counted on: the quarter's last day, or today while it is current."""
    if quarter_start <= today <= quarter_end:
        return today
    return quarter_end


def training_counts_of(
    staff: Iterable[StaffSpan],
    attempts: Sequence[AttemptFact],
    attendees: Iterable[int],
    *,
    counted_on: date,
) -> TrainingCounts:
    """The counts from the quarter's attempts and classroom attendees (both already limited to the
    quarter) and every staff member's span."""
    active = {span.staff_id for span in staff if span.active_on(counted_on)}
    first: dict[int, AttemptFact] = {}
    passed: set[int] = set()
    for attempt in sorted(attempts, key=lambda a: (a.taken_at, a.staff_id)):
        if attempt.staff_id not in active:
            continue
        first.setdefault(attempt.staff_id, attempt)
        if attempt.passed:
            passed.add(attempt.staff_id)
    completed = passed | (set(attendees) & active)
    return TrainingCounts(
        active_staff=len(active),
        completed=len(completed),
        quiz_takers=len(first),
        first_attempt_passed=sum(1 for a in first.values() if a.passed),
    )
