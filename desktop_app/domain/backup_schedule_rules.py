"""When the scheduled backup is due, whether backups and restore drills are overdue, and what a valid
schedule is — pure rules, no I/O.

Rules:
- A schedule is a time of day ``HH:MM`` in the branch's calendar (Beijing time, domain/branch_time.py,
  whatever the PC's own time zone), a folder and a number of generations kept (1–``GENERATIONS_MAX``).
- The backup is *due* once today's scheduled moment has passed and no successful backup (scheduled or
  not) was taken since that moment. A PC that is off at that time backs up when someone next signs in.
  After a failed scheduled attempt (a USB disk unplugged, a full disk) the next attempt waits
  ``RETRY_MINUTES``, so a missing disk does not make the app try (and alert) every minute.
- A backup is *overdue* when no backup was **verified** within ``backup_max_age_days`` (security policy):
  a backup nobody opened may not restore. A restore drill is overdue when no drill passed within
  ``restore_drill_days``.
Reason: GB/T 22239-2019 8.1.4.9 (data backup and recovery: back up important data regularly, keep
the copy off this machine, and test that it restores); PIPL Art. 51 (technical measures against loss).
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.errors import InvalidInput

GENERATIONS_MIN = 1
GENERATIONS_MAX = 365
RETRY_MINUTES = 30
DAY = 86400.0
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_time(text: str) -> time:
    """``HH:MM`` (24-hour, Beijing time) or InvalidInput."""
    found = _HHMM.match(text.strip())
    if found is None:
        raise InvalidInput(
            f"备份时间“{text}”无效：请用 24 小时制 HH:MM，例如 12:30。",
            f"Backup time '{text}' is not valid: use 24-hour HH:MM, e.g. 12:30.",
        )
    return time(int(found.group(1)), int(found.group(2)))


def normalised_time(text: str) -> str:
    moment = parse_time(text)
    return f"{moment.hour:02d}:{moment.minute:02d}"


def check_generations(generations: int) -> int:
    if not GENERATIONS_MIN <= generations <= GENERATIONS_MAX:
        raise InvalidInput(
            f"保留份数必须在 {GENERATIONS_MIN} 到 {GENERATIONS_MAX} 之间。",
            f"Generations kept must be between {GENERATIONS_MIN} and {GENERATIONS_MAX}.",
        )
    return generations


def scheduled_moment(now: float, hhmm: str) -> float:
    """The POSIX time of today's scheduled backup (today in Beijing time)."""
    local = datetime.fromtimestamp(now, BRANCH_TIME)
    at = parse_time(hhmm)
    return local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0).timestamp()


def is_due(
    now: float,
    *,
    enabled: bool,
    hhmm: str,
    last_success_at: float | None,
    last_failure_at: float | None = None,
) -> bool:
    """Whether the scheduled backup should run now (see the module's rules)."""
    if not enabled:
        return False
    moment = scheduled_moment(now, hhmm)
    if now < moment:
        return False
    if last_success_at is not None and last_success_at >= moment:
        return False
    retrying = last_failure_at is not None and last_failure_at >= moment
    return not (retrying and now - last_failure_at < RETRY_MINUTES * 60)  # type: ignore[operator]


def next_run(now: float, *, enabled: bool, hhmm: str, last_success_at: float | None) -> float | None:
    """When the next scheduled backup will be taken (None when off; ``now`` when due already)."""
    if not enabled:
        return None
    moment = scheduled_moment(now, hhmm)
    if now < moment:
        return moment
    if last_success_at is None or last_success_at < moment:
        return now
    return (datetime.fromtimestamp(moment, BRANCH_TIME) + timedelta(days=1)).timestamp()


def overdue(now: float, last_at: float | None, limit_days: int) -> bool:
    """Nothing within ``limit_days`` days (never done counts as overdue)."""
    return last_at is None or now - last_at > limit_days * DAY


def days_since(now: float, last_at: float | None) -> int | None:
    return None if last_at is None else int((now - last_at) // DAY)
