"""The scheduled backup's timing rules: Beijing time whatever the PC's zone, across midnight, retries."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop_app.domain.backup_schedule_rules import (
    RETRY_MINUTES,
    check_generations,
    is_due,
    next_run,
    normalised_time,
    overdue,
    scheduled_moment,
)
from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.errors import InvalidInput


def beijing(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=BRANCH_TIME).timestamp()


@pytest.mark.parametrize("text", ["9:05", "09:05", " 23:59 ", "00:00"])
def test_times_accepted(text: str) -> None:
    assert len(normalised_time(text)) == 5


@pytest.mark.parametrize("text", ["24:00", "12:60", "noon", "1230", "", "12:3", "-1:00"])
def test_times_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        normalised_time(text)


def test_generations_bounds() -> None:
    assert check_generations(1) == 1
    for bad in (0, -3, 366):
        with pytest.raises(InvalidInput):
            check_generations(bad)


def test_due_after_the_time_in_beijing_time_not_utc() -> None:
    # 21:30 Beijing is 13:30 UTC: at 14:00 UTC (22:00 Beijing) it is due, at 21:00 Beijing not yet
    assert not is_due(beijing("2027-03-01T21:00"), enabled=True, hhmm="21:30", last_success_at=None)
    assert is_due(beijing("2027-03-01T22:00"), enabled=True, hhmm="21:30", last_success_at=None)
    assert not is_due(beijing("2027-03-01T22:00"), enabled=False, hhmm="21:30", last_success_at=None)


def test_across_midnight_the_new_day_waits_for_its_own_time() -> None:
    taken = beijing("2027-03-01T23:50")  # yesterday's backup, taken late
    # 00:10 the next day (16:10 UTC the day before): today's 00:05 passed, yesterday's backup is older
    assert is_due(beijing("2027-03-02T00:10"), enabled=True, hhmm="00:05", last_success_at=taken)
    # with 23:45 as the time: at 00:10 on 2 March today's time has not come yet
    assert not is_due(beijing("2027-03-02T00:10"), enabled=True, hhmm="23:45", last_success_at=taken)
    assert scheduled_moment(beijing("2027-03-02T00:10"), "23:45") == beijing("2027-03-02T23:45")


def test_not_due_again_after_a_success_and_the_next_run_is_tomorrow() -> None:
    now = beijing("2027-03-01T22:00")
    done = beijing("2027-03-01T21:31")
    assert not is_due(now, enabled=True, hhmm="21:30", last_success_at=done)
    assert next_run(now, enabled=True, hhmm="21:30", last_success_at=done) == beijing("2027-03-02T21:30")
    assert next_run(now, enabled=True, hhmm="21:30", last_success_at=None) == now
    assert next_run(beijing("2027-03-01T08:00"), enabled=True, hhmm="21:30", last_success_at=None) == beijing(
        "2027-03-01T21:30"
    )
    assert next_run(now, enabled=False, hhmm="21:30", last_success_at=None) is None


def test_a_failure_waits_before_retrying() -> None:
    failed = beijing("2027-03-01T21:30")
    soon = failed + (RETRY_MINUTES - 1) * 60
    later = failed + (RETRY_MINUTES + 1) * 60
    assert not is_due(soon, enabled=True, hhmm="21:30", last_success_at=None, last_failure_at=failed)
    assert is_due(later, enabled=True, hhmm="21:30", last_success_at=None, last_failure_at=failed)
    yesterday = failed - 86400  # a failure before today's time does not hold today's attempt back
    assert is_due(failed + 60, enabled=True, hhmm="21:30", last_success_at=None, last_failure_at=yesterday)


def test_overdue() -> None:
    now = beijing("2027-03-10T12:00")
    assert overdue(now, None, 7)
    assert not overdue(now, now - timedelta(days=7).total_seconds(), 7)
    assert overdue(now, now - timedelta(days=7, seconds=1).total_seconds(), 7)
