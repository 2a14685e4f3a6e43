"""The demo's compliance-review history: two finished past reviews improving towards the target,
not reported as altered, fast, and what review_counts gives the dashboard."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from decimal import Decimal

from desktop_app.domain.programme_periods import HalfYear
from desktop_app.domain.roles import Role
from desktop_app.services import compliance_reviews as reviews
from desktop_app.services.demo_review_history import seed_demo_history
from desktop_app.services.signed_in import SignedIn


def test_demo_history(signed_in: Callable[[Role], SignedIn]) -> None:
    manager = signed_in(Role.MANAGER)
    started = time.perf_counter()
    seed_demo_history(manager, random.Random(7))
    assert time.perf_counter() - started < 0.5
    listed = reviews.list_reviews(manager)
    assert [d.review.period_key for d in listed] == [
        HalfYear.of(manager.today()).previous().key(),
        HalfYear.of(manager.today()).previous().previous().key(),
    ]
    assert all(d.review.finished and not d.altered for d in listed)
    assert [d.score.percent for d in listed] == [Decimal("92.9"), Decimal("85.7")]
    counts = reviews.review_counts(manager, manager.today())
    assert counts.review_id == listed[0].review.id and (counts.passed, counts.applicable) == (26, 28)
    assert counts.open_rectifications == 1 and counts.overdue_rectifications == 0
    assert reviews.get_review(manager).review.id == listed[0].review.id  # no draft: the newest
    reviews.start_review(manager)  # the current half-year can still be reviewed
