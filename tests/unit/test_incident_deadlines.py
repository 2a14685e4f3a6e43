"""The three incident clocks with an injected "now" (domain/incident_deadlines.py): before, at and
after the due moment, met on time or late, not required for a non-breach."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop_app.domain.incident_deadlines import (
    DeadlineHours,
    DeadlineKind,
    DeadlineStatus,
    IncidentTimes,
    deadline,
    deadlines,
    overdue_count,
)
from desktop_app.domain.incident_figures import BreachBaseline

HOURS = DeadlineHours(internal=24, regulator=72, clients=72)
FOUND = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


def _times(**changes: object) -> IncidentTimes:
    base: dict[str, object] = {
        "discovered_at": "2026-03-01T02:00:00.000000Z",
        "is_breach": None,
        "internal_reported_at": None,
        "regulator_reported_at": None,
        "clients_notified_at": None,
    }
    base.update(changes)
    return IncidentTimes(**base)  # type: ignore[arg-type]


def test_before_the_due_moment_counts_down() -> None:
    d = deadline(DeadlineKind.INTERNAL, _times(), HOURS, FOUND + timedelta(hours=20, minutes=30))
    assert d.status is DeadlineStatus.PENDING
    assert d.seconds == 3 * 3600 + 30 * 60
    assert d.text_zh() == "剩余 3小时30分" and d.text_en() == "3 h 30 min left"


def test_at_the_due_moment_it_is_overdue_by_nothing() -> None:
    d = deadline(DeadlineKind.INTERNAL, _times(), HOURS, FOUND + timedelta(hours=24))
    assert d.status is DeadlineStatus.OVERDUE and d.seconds == 0


def test_after_the_due_moment_it_is_overdue() -> None:
    d = deadline(DeadlineKind.REGULATOR, _times(), HOURS, FOUND + timedelta(days=4, hours=1))
    assert d.status is DeadlineStatus.OVERDUE
    assert d.seconds == 25 * 3600
    assert d.text_en() == "overdue by 1 d 1 h 00 min"


def test_met_once_recorded_on_time_or_late() -> None:
    on_time = deadline(
        DeadlineKind.INTERNAL,
        _times(internal_reported_at="2026-03-01T10:00:00Z"),
        HOURS,
        FOUND + timedelta(days=9),
    )
    assert on_time.status is DeadlineStatus.MET and not on_time.late
    late = deadline(
        DeadlineKind.INTERNAL,
        _times(internal_reported_at="2026-03-02T04:00:00Z"),
        HOURS,
        FOUND + timedelta(days=9),
    )
    assert late.status is DeadlineStatus.MET and late.late and late.seconds == 2 * 3600


def test_not_a_breach_needs_no_regulator_or_client_notice() -> None:
    now = FOUND + timedelta(days=10)
    statuses = [d.status for d in deadlines(_times(is_breach=False), HOURS, now)]
    assert statuses == [DeadlineStatus.OVERDUE, DeadlineStatus.NOT_REQUIRED, DeadlineStatus.NOT_REQUIRED]
    assert overdue_count(_times(is_breach=False), HOURS, now) == 1
    assert overdue_count(_times(is_breach=True), HOURS, now) == 3


def test_closed_without_notice_waives_the_client_clock_only() -> None:
    times = _times(is_breach=True, closed_without_notice=True)
    kinds = {d.kind: d.status for d in deadlines(times, HOURS, FOUND + timedelta(days=5))}
    assert kinds[DeadlineKind.CLIENTS] is DeadlineStatus.NOT_REQUIRED
    assert kinds[DeadlineKind.REGULATOR] is DeadlineStatus.OVERDUE


def test_hours_come_from_the_policy() -> None:
    strict = DeadlineHours(internal=1, regulator=4, clients=24)
    d = deadline(DeadlineKind.REGULATOR, _times(), strict, FOUND + timedelta(hours=3))
    assert d.status is DeadlineStatus.PENDING and d.seconds == 3600


def test_breach_baseline_rules() -> None:
    from desktop_app.domain.incident_figures import breach_baseline

    common = {"year": 2027, "recorded": 3, "register_covers_year": True}
    assert breach_baseline(year_setting=0, count_setting=-1, **common) == BreachBaseline(2026, 3, "records")  # type: ignore[arg-type]
    assert breach_baseline(year_setting=2024, count_setting=-1, **common).year == 2024  # type: ignore[arg-type]
    assert breach_baseline(year_setting=0, count_setting=7, **common).count == 7  # type: ignore[arg-type]
    unknown = breach_baseline(
        year=2027, year_setting=0, count_setting=-1, recorded=0, register_covers_year=False
    )
    assert unknown.count is None and unknown.source == "none"
