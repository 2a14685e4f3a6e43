"""The demo's audit-log review history: six monthly reviews signed by the auditor, the last one
covering last month (so the review is not overdue), one with findings and a follow-up, none shown
as altered; fast. Also: the demo registry lists the part."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import timedelta
from itertools import pairwise

from desktop_app.domain.log_review import ReviewOutcome
from desktop_app.domain.roles import Role
from desktop_app.services import log_reviews
from desktop_app.services.demo_logreview_security import seed_log_reviews
from desktop_app.services.demo_security import DEMO_SECURITY_MODULES
from desktop_app.services.signed_in import SignedIn


def test_seeded_reviews_are_monthly_intact_and_not_overdue(signed_in: Callable[[Role], SignedIn]) -> None:
    assert ("logreview", "desktop_app.services.demo_logreview_security") in DEMO_SECURITY_MODULES
    auditor = signed_in(Role.AUDITOR)
    started = time.perf_counter()
    seed_log_reviews(auditor, random.Random(7))
    assert time.perf_counter() - started < 0.5
    views = log_reviews.log_reviews(auditor)
    assert len(views) == 6 and not any(v.altered for v in views)
    first_of_month = auditor.today().replace(day=1)
    assert views[0].review.period_end == first_of_month - timedelta(days=1)
    for newer, older in pairwise(views):
        assert older.review.period_end + timedelta(days=1) == newer.review.period_start
    assert [v.review.outcome for v in views].count(ReviewOutcome.FINDINGS) == 1
    status = log_reviews.log_review_status(auditor)
    assert not status.overdue and status.last == views[0].review
    assert status.default_start == first_of_month
