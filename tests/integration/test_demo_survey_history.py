"""The demo branch's satisfaction history: five quarters of invented responses, the satisfied share
climbing past the 85 % target, the question remembered, written in well under half a second."""

from __future__ import annotations

import random
import time

import pytest

from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.roles import Role
from desktop_app.services.demo_survey_history import DEMO_QUESTION, seed_demo_history
from desktop_app.services.programme_settings import programme_policy
from desktop_app.services.satisfaction import quarter_responses


@pytest.mark.parametrize("seed", [14, 2026, 7])
def test_five_quarters_that_move_towards_the_target(signed_in, seed: int) -> None:
    manager = signed_in(Role.MANAGER)
    started = time.perf_counter()
    seed_demo_history(manager, random.Random(seed))
    assert time.perf_counter() - started < 0.5
    current = Quarter.of(manager.today())
    quarters = [current]
    for _ in range(4):
        quarters.insert(0, quarters[0].previous())
    spreads = [quarter_responses(manager, q) for q in quarters]
    assert all(30 <= s.responses <= 60 for s in spreads[:-1])
    assert spreads[-1].responses >= 3
    shares = [s.satisfied_percent() for s in spreads[:-1]]
    assert all(share is not None for share in shares)
    assert shares[0] < 85 <= shares[-1]  # type: ignore[operator]
    assert shares == sorted(shares)  # type: ignore[type-var]
    assert programme_policy(manager).survey_target_question == DEMO_QUESTION
    days = manager.db.execute(
        "SELECT min(response_day), max(response_day) FROM satisfaction_responses"
    ).fetchone()
    assert quarters[0].start.isoformat() <= days[0] and days[1] <= manager.today().isoformat()
    sources = dict(
        manager.db.execute("SELECT source, count(*) FROM satisfaction_responses GROUP BY source").fetchall()
    )
    assert sources["import"] > sources["paper"] > 0
