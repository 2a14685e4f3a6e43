"""The demo's access-review history: last period's review finished with one member disabled, not
reported as altered, fast; this period's review is due and can be started."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import timedelta

from desktop_app.domain.access_review import Decision, review_period
from desktop_app.domain.roles import Role
from desktop_app.services import access_reviews as reviews
from desktop_app.services.demo_accessreview_security import FORMER_AGENT, seed_access_review_history
from desktop_app.services.demo_security import DEMO_SECURITY_MODULES
from desktop_app.services.signed_in import SignedIn


def test_demo_access_review_history(signed_in: Callable[[Role], SignedIn]) -> None:
    assert ("accessreview", "desktop_app.services.demo_accessreview_security") in DEMO_SECURITY_MODULES
    manager = signed_in(Role.MANAGER)
    started = time.perf_counter()
    seed_access_review_history(manager, random.Random(7))
    assert time.perf_counter() - started < 0.5
    today = manager.today()
    last_key = review_period(review_period(today, 3).start - timedelta(days=1), 3).key
    listed = reviews.list_reviews(manager)
    assert [d.review.period_key for d in listed] == [last_key]
    detail = listed[0]
    assert detail.review.finished and not detail.altered
    disabled = [i.username for i in detail.items if i.decision is Decision.DISABLE]
    assert disabled == [FORMER_AGENT[0]]
    status = reviews.review_status(manager)
    assert status.due and not status.reviewed
    fresh = reviews.start_review(manager)  # this period: the former agent is not listed again
    assert FORMER_AGENT[0] not in {i.username for i in fresh.items}
