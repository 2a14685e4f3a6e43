"""The branch's calendar: China Standard Time (UTC+8, no daylight saving).

Timestamps are stored in UTC; every "today", due date, retention day and date shown to staff is a
day in Beijing time, so a request received at 07:00 in the morning counts as received today, not
yesterday in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

BRANCH_TIME = timezone(timedelta(hours=8), "Asia/Shanghai")


def branch_day(now: float) -> date:
    """The branch's calendar day at the POSIX time ``now``."""
    return datetime.fromtimestamp(now, BRANCH_TIME).date()


def utc_timestamp(now: float) -> str:
    """The stored form of the POSIX time ``now``: ISO 8601 in UTC with microseconds and a ``Z``."""
    return datetime.fromtimestamp(now, UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def branch_day_of(timestamp: str) -> date:
    """The branch's calendar day of a stored ISO timestamp (UTC when it carries no offset)."""
    moment = datetime.fromisoformat(timestamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BRANCH_TIME).date()
