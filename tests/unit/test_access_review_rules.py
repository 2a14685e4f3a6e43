"""domain/access_review.py: the review period for each ``access_review_months``, the due date, days
inactive and the last-of-a-role rule."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.access_review import (
    days_since,
    is_inactive,
    next_review_due,
    protected_from_removal,
    review_period,
)
from desktop_app.domain.roles import Role


def test_review_periods() -> None:
    assert review_period(date(2026, 11, 3), 3) == review_period(date(2026, 10, 1), 3)
    q4 = review_period(date(2026, 11, 3), 3)
    assert (q4.key, q4.start, q4.end) == ("2026Q4", date(2026, 10, 1), date(2026, 12, 31))
    assert review_period(date(2026, 7, 1), 6).key == "2026H2"
    assert review_period(date(2026, 7, 1), 12).key == "2026"
    monthly = review_period(date(2026, 2, 14), 1)
    assert (monthly.key, monthly.end) == ("2026M02", date(2026, 2, 28))
    odd = review_period(date(2026, 12, 5), 5)  # Jan-May, Jun-Oct, Nov-Dec
    assert (odd.key, odd.start, odd.end) == ("2026M11", date(2026, 11, 1), date(2026, 12, 31))


def test_due_and_inactive() -> None:
    assert next_review_due(None, date(2026, 1, 10), 3) == date(2026, 4, 10)
    assert next_review_due(date(2026, 11, 30), date(2026, 1, 10), 3) == date(2027, 2, 28)
    assert days_since("2026-10-01T02:00:00.000000Z", date(2026, 12, 30)) == 90
    assert days_since("2027-01-01T00:00:00Z", date(2026, 12, 30)) == 0  # never negative
    assert is_inactive(90, 90) and not is_inactive(89, 90)


def test_last_of_a_role() -> None:
    assert protected_from_removal(Role.MANAGER, 1) and protected_from_removal(Role.IT_ADMIN, 1)
    assert not protected_from_removal(Role.MANAGER, 2)
    assert not protected_from_removal(Role.AGENT, 1) and not protected_from_removal(Role.AUDITOR, 1)
