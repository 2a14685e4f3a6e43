"""The HQ summary carries the privacy programme's block (services/hq_summary_builder.py) on a real
encrypted branch: a manager's summary holds exactly ``programme_counts`` for the quarter of the
period's last day with the branch's targets; an agent's summary sends ``programme: null`` without
auditing a refusal; the payload with the block still hashes, signs and approves."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, timedelta

from desktop_app.domain.hq_summary import canonical_json
from desktop_app.domain.hq_summary.payload import TOP_LEVEL_FIELDS, approval_matches, with_approval
from desktop_app.domain.hq_summary.programme_block import check_block
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.roles import Role
from desktop_app.services.hq_summary_builder import build_summary
from desktop_app.services.programme_settings import set_programme_settings
from desktop_app.services.programme_status import programme_counts
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository

SignIn = Callable[[Role], SignedIn]


def build(ctx: SignedIn, start: date, end: date) -> dict[str, object]:
    return build_summary(ctx, start, end, submission_id=str(uuid.uuid4()))


def test_a_managers_summary_carries_the_programme_counts_and_targets(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    set_programme_settings(
        manager, {"breach_baseline_count": 4, "breach_baseline_year": 2025, "target_quiz_pass": 80}
    )
    today = manager.today()
    payload = build(manager, today - timedelta(days=2), today)
    assert set(payload) == set(TOP_LEVEL_FIELDS)
    block = payload["programme"]
    assert isinstance(block, dict)
    check_block(block)
    quarter = Quarter.of(today)
    expected = asdict(programme_counts(manager, quarter))
    assert {k: v for k, v in block.items() if k != "targets"} == expected
    assert block["quarter"] == quarter.key() and block["year"] == quarter.year
    assert block["breaches_baseline"] == 4 and block["baseline_year"] == 2025
    assert block["targets"] == {
        "training_coverage": 100,
        "quiz_pass": 80,
        "satisfaction": 85,
        "compliance_review": 95,
        "education": 50,
        "breach_reduction": 30,
    }
    # counts only: integers, strings and nulls (canonical JSON refuses floats)
    canonical_json(payload)
    assert all(isinstance(v, (int, str)) or v is None for k, v in block.items() if k != "targets")
    approved = with_approval(payload, approved_by=9, approved_at="2026-12-06T10:00:00Z")
    assert approval_matches(approved)


def test_the_block_is_for_the_quarter_of_the_periods_last_day(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    last_quarter = Quarter.of(manager.today()).previous()
    payload = build(manager, last_quarter.end - timedelta(days=6), last_quarter.end)
    block = payload["programme"]
    assert isinstance(block, dict) and block["quarter"] == last_quarter.key()


def test_an_agents_summary_sends_no_block_and_audits_no_refusal(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    payload = build(agent, agent.today(), agent.today())
    assert "programme" in payload and payload["programme"] is None
    assert not [e for e in AuditRepository(agent.db).iter_all() if e.action == "access.denied"]


def test_a_demo_year_of_programme_records_travels_whole(signed_in: SignIn) -> None:
    """With every part's records (the demo's year of history, once the parts are merged), the block
    is still exactly programme_counts, passes HQ's checks and carries non-zero figures."""
    import random

    import pytest

    demo = pytest.importorskip("desktop_app.services.demo_programme")
    manager = signed_in(Role.MANAGER)
    demo.seed_programme_history(manager, random.Random(14))
    today = manager.today()
    block = build(manager, today - timedelta(days=6), today)["programme"]
    assert isinstance(block, dict)
    check_block(block)
    expected = asdict(programme_counts(manager, Quarter.of(today)))
    assert {k: v for k, v in block.items() if k != "targets"} == expected
    present = {part for part, _ in demo.DEMO_HISTORY_MODULES} - set(getattr(demo, "NOT_MERGED_YET", ()))
    if "survey" in present:
        assert block["survey_responses"] > 0
    if "education" in present:
        assert block["education_active_clients"] is not None  # the manager holds the client key
    if "training" in present:
        assert block["active_staff"] > 0
