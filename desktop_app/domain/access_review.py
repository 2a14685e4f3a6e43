"""The periodic access review's rules: its period, when it is due, inactive accounts, the fingerprint.

Rule: a manager reviews every staff account once per period of ``access_review_months`` (3: one per
calendar quarter, keyed like ``2026Q4``) and decides for each member: keep (the role is still
needed), disable, or change the role. The review is overdue once more than ``access_review_months``
have passed since the last finished one (with none, since the first account was added). An account
is inactive after ``inactive_account_days`` without a successful sign-in (never signed in: counted
from when it was added). Reason: GB/T 22239-2019 8.1.4.2 (access control: remove or disable
redundant and expired accounts, review privileges) and PIPL Art. 51 (least privilege). A finished
review's content is hashed into its ``access_review.finish`` audit entry, so an edit made behind the
app's back (triggers dropped with sqlcipher3) shows. Pure rules: no Qt, no SQL, no I/O.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.domain.branch_time import branch_day_of
from desktop_app.domain.programme_periods import Quarter, add_months
from desktop_app.domain.roles import Role


class Decision(StrEnum):
    KEEP = "keep"
    DISABLE = "disable"
    CHANGE_ROLE = "change_role"

    @property
    def label_zh(self) -> str:
        return {"keep": "保留", "disable": "停用", "change_role": "调整角色"}[self.value]

    @property
    def label_en(self) -> str:
        return {"keep": "keep", "disable": "disable", "change_role": "change role"}[self.value]


@dataclass(frozen=True)
class ReviewPeriod:
    key: str
    start: date
    end: date  # inclusive


def review_period(day: date, months: int) -> ReviewPeriod:
    """The review period holding ``day``: quarters for 3 (``2026Q4``), half-years for 6 (``2026H2``),
    the year for 12 (``2026``), otherwise ``2026M07`` for the period starting in July."""
    if months == 3:
        quarter = Quarter.of(day)
        return ReviewPeriod(quarter.key(), quarter.start, quarter.end)
    months = max(1, min(12, months))
    index = (day.month - 1) // months
    first_month = index * months + 1
    start = date(day.year, first_month, 1)
    end = min(add_months(start, months) - timedelta(days=1), date(day.year, 12, 31))
    if months == 12:
        key = str(day.year)
    elif months == 6:
        key = f"{day.year}H{index + 1}"
    else:
        key = f"{day.year}M{first_month:02d}"
    return ReviewPeriod(key, start, end)


def next_review_due(last_finished_on: date | None, first_account_on: date, months: int) -> date:
    """The day by which the next review must be finished."""
    return add_months(last_finished_on or first_account_on, months)


def days_since(moment: str, today: date) -> int:
    """Whole days from a stored timestamp (``2026-10-01T08:00:00Z``, the branch's day) to ``today``
    (never negative)."""
    return max(0, (today - branch_day_of(moment)).days)


def is_inactive(days_inactive: int, limit_days: int) -> bool:
    return days_inactive >= limit_days


def protected_from_removal(role: Role, active_in_role: int) -> bool:
    """The last active IT administrator or manager is never disabled or moved to another role."""
    return role in (Role.IT_ADMIN, Role.MANAGER) and active_in_role <= 1


@dataclass(frozen=True)
class ReviewItem:
    """One member as the review saw them, and the manager's decision."""

    id: int
    review_id: int
    staff_id: int
    username: str
    display_name: str
    role: Role
    active: bool
    last_sign_in: str | None
    days_inactive: int
    decision: Decision | None = None
    new_role: Role | None = None
    note: str = ""
    decided_at: str | None = None
    decided_by: int | None = None


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    period_key: str
    started_at: str
    started_by: int
    finished_at: str | None = None
    finished_by: int | None = None
    fingerprint: str = ""

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


def fingerprint(review: ReviewRecord, items: list[ReviewItem]) -> str:
    """SHA-256 over what a finished review states: its period, who started it, and each member's
    snapshot and decision (who, when, note). Recorded in the ``access_review.finish`` audit entry."""
    body = {
        "review": [review.id, review.period_key, review.started_at, review.started_by],
        "items": sorted(
            [
                i.staff_id,
                i.username,
                i.display_name,
                i.role.value,
                i.active,
                i.last_sign_in,
                i.days_inactive,
                None if i.decision is None else i.decision.value,
                None if i.new_role is None else i.new_role.value,
                i.note,
                i.decided_at,
                i.decided_by,
            ]
            for i in items
        ),
    }
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
