"""The demo branch's year of programme history: every part seeds its own records, the manager's
dashboard has all six targets computed from them (none "no data"), the auditor sees the client
figures from the snapshot, and the history costs little time."""

from __future__ import annotations

import time
from pathlib import Path

from desktop_app.services.demo_profile import DEMO_MANAGER, DEMO_USERS, create_demo_profile
from desktop_app.services.programme_status import programme_status
from desktop_app.services.sign_in import sign_in, sign_out
from tests.support.contexts import context_of

AUDITOR = DEMO_USERS[3]


def test_demo_branch_has_all_six_targets_with_data(tmp_path: Path) -> None:
    ctx = create_demo_profile(tmp_path / "demo", clients=120)
    me = sign_in(context_of(ctx), DEMO_MANAGER.username, DEMO_MANAGER.password)
    try:
        status = programme_status(me)
    finally:
        sign_out(me)
    for result in status.results:
        assert result.value_percent is not None or result.met is not None, result
        assert result.met is not None, result
    for point in status.trend:
        assert point.quarter
    # the figures move over the year: at least one target is missed in some earlier quarter
    assert any(r.met is False for point in status.trend[:-1] for r in point.results)
    auditor = sign_in(context_of(ctx), AUDITOR.username, AUDITOR.password)
    try:
        seen = programme_status(auditor)
    finally:
        sign_out(auditor)
    assert seen.client_facts.live is False and seen.client_facts.computed_at is not None
    assert seen.results == status.results


def test_programme_history_is_fast_and_optional(tmp_path: Path) -> None:
    started = time.perf_counter()
    create_demo_profile(tmp_path / "without", clients=60, programme_history=False)
    without = time.perf_counter() - started
    started = time.perf_counter()
    ctx = create_demo_profile(tmp_path / "with", clients=60)
    with_history = time.perf_counter() - started
    assert with_history - without < 3.0  # one sign-in (KDF) plus the seeding
    me = sign_in(context_of(ctx), DEMO_MANAGER.username, DEMO_MANAGER.password)
    try:
        campaigns = me.db.execute("SELECT count(*) FROM education_campaigns").fetchone()[0]
        facts = me.db.execute("SELECT count(*) FROM programme_client_facts").fetchone()[0]
    finally:
        sign_out(me)
    assert campaigns > 0 and facts == 1
