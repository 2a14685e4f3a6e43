"""The compliance-review figures the programme dashboard gathers (target: review score >= 95%).

``ReviewCounts`` is the contract of issue 14 (services/compliance_reviews.review_counts): the latest
FINISHED review on or before a day, its passed / failed / not-applicable counts (applicable =
passed + failed, so the dashboard computes passed / applicable) and the rectifications open and
overdue on that day. Counts only: no notes, no names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReviewCounts:
    review_id: int | None
    period_key: str | None  # "2026H2"
    finished_on: date | None
    passed: int
    failed: int
    not_applicable: int
    applicable: int  # passed + failed
    open_rectifications: int
    overdue_rectifications: int


NO_REVIEW = ReviewCounts(None, None, None, 0, 0, 0, 0, 0, 0)
