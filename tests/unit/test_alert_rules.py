"""The anomaly-alert rules over generated audit histories with an injected clock: every rule's
boundary (threshold − 1: nothing, threshold: an alert) and a quiet month of a six-person branch
that raises nothing."""

from __future__ import annotations

import random
from dataclasses import fields, replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain import alert_rules
from desktop_app.domain.alert_rules import RULE_CODES, RULES, AuditEvent, periodic_hits
from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.security_policy import SecurityPolicy

POLICY = SecurityPolicy()
# Friday 2027-01-15 in Beijing
DAY0 = datetime(2027, 1, 15, tzinfo=BRANCH_TIME)


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> float:
    return (DAY0 + timedelta(days=day, hours=hour, minutes=minute, seconds=second)).timestamp()


class History:
    """Builds a list of audit events with increasing sequence numbers."""

    def __init__(self) -> None:
        self.events: list[AuditEvent] = []

    def add(
        self,
        when: float,
        actor: str,
        action: str,
        *,
        role: str = "agent",
        outcome: str = "success",
        target: str = "",
        reason: str = "",
        details: dict[str, Any] | None = None,
    ) -> AuditEvent:
        event = AuditEvent(
            len(self.events) + 1, when, actor, role, action, outcome, target, reason, details or {}
        )
        self.events.append(event)
        return event

    def hits(self, policy: SecurityPolicy = POLICY, now: float | None = None) -> list[alert_rules.Hit]:
        last = max((e.at for e in self.events), default=at(0, 12))
        return periodic_hits(
            sorted(self.events, key=lambda e: e.seq), policy, now if now is not None else last
        )


def rules_of(hits: list[alert_rules.Hit]) -> list[str]:
    return [hit.rule for hit in hits]


def test_the_rule_table_is_complete_and_reads_real_settings() -> None:
    assert RULE_CODES == {
        "off_hours_sign_in",
        "failed_sign_ins",
        "bulk_reveal",
        "enumeration",
        "manager_override",
        "export_spike",
        "audit_chain_failure",
        "key_or_policy_change",
        "keyring_off",
        "view_spike",
        "integrity_failure",
        "backup_failed",
    }
    names = {f.name for f in fields(SecurityPolicy)}
    for rule in RULES:
        assert set(rule.policy_fields) <= names, rule.code
        assert rule.zh and rule.en and rule.doc
        assert rule.kind in (alert_rules.ON_WRITE, alert_rules.PERIODIC, alert_rules.RAISED)
    assert not any(action.startswith("alert.") for action in alert_rules.ON_WRITE_ACTIONS)
    assert not any(action.startswith("alert.") for action in alert_rules.PERIODIC_ACTIONS)


# --- off-hours sign-in ---


@pytest.mark.parametrize(
    ("hour", "minute", "alerted"),
    [(7, 59, True), (8, 0, False), (12, 0, False), (20, 59, False), (21, 0, True), (2, 30, True)],
)
def test_off_hours_boundaries_in_beijing_time(hour: int, minute: int, alerted: bool) -> None:
    history = History()
    history.add(at(0, hour, minute), "zhangwei", "auth.sign_in")
    assert rules_of(history.hits()) == (["off_hours_sign_in"] if alerted else [])


def test_weekends_are_business_days_and_failures_are_not_sign_ins() -> None:
    history = History()
    history.add(at(1, 10), "zhangwei", "auth.sign_in")  # Saturday 10:00
    history.add(at(2, 15), "lina", "auth.sign_in", role="manager")  # Sunday 15:00
    history.add(at(2, 23), "zhangwei", "auth.sign_in", outcome="failure")  # a failure at night
    assert history.hits() == []


def test_the_business_hours_follow_the_policy() -> None:
    history = History()
    history.add(at(0, 8, 30), "zhangwei", "auth.sign_in")
    assert rules_of(history.hits(replace(POLICY, alert_business_start_hour=9))) == ["off_hours_sign_in"]


# --- failed sign-ins (all accounts) ---


def test_failed_sign_ins_threshold_within_an_hour() -> None:
    n = POLICY.alert_failed_signins_per_hour
    below = History()
    for i in range(n - 1):
        below.add(at(0, 10, i * 6), f"user{i % 3}", "auth.sign_in", outcome="failure")
    assert below.hits() == []
    reached = History()
    for i in range(n):
        reached.add(at(0, 10, i * 6), f"user{i % 3}", "auth.sign_in", outcome="failure")  # 0..54 min
    hits = reached.hits()
    assert rules_of(hits) == ["failed_sign_ins"] and len(hits[0].evidence) == n


def test_failed_sign_ins_spread_over_more_than_an_hour_raise_nothing() -> None:
    history = History()
    n = POLICY.alert_failed_signins_per_hour
    for i in range(n):
        history.add(
            at(0, 10) + i * (3600 / (n - 1)), "x", "auth.sign_in", outcome="failure"
        )  # last at +60 min
    assert history.hits() == []


def test_failures_recorded_late_count_at_their_own_time() -> None:
    history = History()
    n = POLICY.alert_failed_signins_per_hour
    history.add(at(0, 9), "lina", "auth.sign_in", role="manager")
    # written at the next successful sign-in, hours later, carrying the time each happened
    for i in range(n):
        history.add(
            at(0, 3, i), "(unknown)", "auth.sign_in", outcome="failure", details={"recorded_late": True}
        )
    hits = history.hits()
    assert rules_of(hits) == ["failed_sign_ins"]
    spread = History()
    for i in range(n):  # one failure a day, recorded together at one sign-in: no burst
        spread.add(at(-i, 3), "(unknown)", "auth.sign_in", outcome="failure", details={"recorded_late": True})
    assert spread.hits() == []


# --- bulk reveals ---


def test_bulk_reveal_threshold_in_its_window() -> None:
    n, window = POLICY.bulk_reveal_threshold, POLICY.bulk_reveal_window_minutes * 60
    below = History()
    for i in range(n - 1):
        below.add(at(0, 11) + i * window / n, "zhangwei", "client.reveal", target=str(i))
    assert below.hits() == []
    reached = History()
    for i in range(n - 1):
        reached.add(at(0, 11) + i * window / n, "zhangwei", "client.reveal", target=str(i))
    # the bulk guard refuses the next one: refused attempts count too
    reached.add(
        at(0, 11) + (n - 1) * window / n,
        "zhangwei",
        "client.reveal",
        outcome="denied",
        reason="bulk_reveal_threshold",
    )
    hits = reached.hits()
    assert rules_of(hits) == ["bulk_reveal"] and hits[0].subject == "zhangwei"


def test_bulk_reveals_are_per_user_and_zero_switches_them_off() -> None:
    n = POLICY.bulk_reveal_threshold
    history = History()
    for i in range(n):
        history.add(at(0, 11, 0, i), f"agent{i % 2}", "client.reveal")  # n between two users
    assert history.hits() == []
    one = History()
    for i in range(n):
        one.add(at(0, 11, 0, i), "agent0", "client.reveal")
    assert rules_of(one.hits()) == ["bulk_reveal"]
    assert one.hits(replace(POLICY, bulk_reveal_threshold=0)) == []


# --- enumeration ---


def test_enumeration_counts_id_and_phone_searches_only() -> None:
    n = POLICY.alert_sensitive_searches_per_hour
    history = History()
    for i in range(n - 1):
        history.add(at(0, 14, i % 60, i), "zhangwei", "client.search", details={"kind": "phone"})
    history.add(at(0, 14, 30), "zhangwei", "client.search", details={"kind": "name"})
    assert history.hits() == []
    history.add(at(0, 14, 40), "zhangwei", "client.search", details={"kind": "id"})
    hits = history.hits()
    assert rules_of(hits) == ["enumeration"] and len(hits[0].evidence) == n


# --- manager override, chain failures, key and policy changes, keyring ---


def test_per_entry_rules() -> None:
    history = History()
    history.add(at(0, 10), "lina", "client.reveal_override", role="manager", target="zhangwei")
    history.add(at(0, 10), "zhangwei", "client.reveal_override", outcome="denied", target="zhangwei")
    history.add(at(0, 10), "audit.chen", "audit.verify", role="auditor")  # passed
    history.add(at(0, 10), "audit.chen", "audit.verify", role="auditor", outcome="failure")
    history.add(at(0, 10), "lina", "signin_state.rolled_back", role="manager", outcome="failure")
    history.add(
        at(0, 10), "it", "keys.rekey", role="it_admin", details={"phase": "started", "reason": "requested"}
    )
    history.add(at(0, 10), "it", "keys.rekey", role="it_admin", details={"phase": "completed"})
    history.add(at(0, 10), "li", "keys.rekey", details={"phase": "started", "reason": "password_changed"})
    history.add(at(0, 10), "it", "config.edit", role="it_admin")
    history.add(at(0, 10), "it", "branch.init", role="it_admin", details={"keyring": True})
    history.add(at(0, 10), "it", "branch.provision", role="it_admin", details={"keyring": False})
    assert [(h.rule, h.evidence) for h in history.hits()] == [
        ("manager_override", (1,)),
        ("audit_chain_failure", (4,)),
        ("audit_chain_failure", (5,)),
        ("key_or_policy_change", (6,)),
        ("key_or_policy_change", (9,)),
        ("keyring_off", (11,)),
    ]


# --- export spikes (per Beijing day) ---


def test_export_spike_per_beijing_day() -> None:
    n = POLICY.alert_exports_per_day
    history = History()
    for i in range(n - 1):
        history.add(
            at(0, 7, i), "lina", "export.prepare", role="manager"
        )  # 07:xx Beijing = 23:xx UTC the day before
    history.add(at(0, 23, 59), "lina", "audit.export", role="manager", outcome="denied")
    history.add(at(1, 0, 1), "lina", "audit.export", role="manager")  # the next Beijing day
    assert history.hits() == []
    history.add(at(0, 12), "lina", "client.import.rejects_export", role="manager")
    hits = history.hits()
    assert rules_of(hits) == ["export_spike"] and hits[0].details["count"] == n


# --- view spikes ---


def views(history: History, who: str, day: int, count: int) -> None:
    for i in range(count):
        history.add(at(day, 9) + i * 60, who, "client.view", target=str(i))


def test_view_spike_needs_factor_times_usual_and_the_minimum() -> None:
    factor, minimum = POLICY.alert_views_factor, POLICY.alert_views_minimum
    usual = 20  # median 20 over the previous days: the bar is factor × 20 = 60 (above the minimum)
    base = History()
    for day in range(-10, 0):
        views(base, "zhangwei", day, usual)
    at_bar = History()
    at_bar.events = list(base.events)
    views(at_bar, "zhangwei", 0, factor * usual)
    assert at_bar.hits() == []
    over = History()
    over.events = list(base.events)
    views(over, "zhangwei", 0, factor * usual + 1)
    hits = over.hits()
    assert rules_of(hits) == ["view_spike"] and hits[0].details["usual"] == usual
    # a quiet agent: usual 5, today minimum − 1 is far above 3 × 5 but below the minimum
    quiet = History()
    for day in range(-10, 0):
        views(quiet, "li", day, 5)
    views(quiet, "li", 0, minimum - 1)
    assert quiet.hits() == []
    views(quiet, "li", 0, 1)
    assert rules_of(quiet.hits()) == ["view_spike"]


def test_the_usual_is_the_median_of_the_last_30_days_with_views() -> None:
    counts = {DAY0.date() - timedelta(days=d): (100 if d > 30 else 10) for d in range(1, 60)}
    counts[DAY0.date() - timedelta(days=3)] = 0  # a day without views does not count
    assert alert_rules.usual_views(counts, DAY0.date()) == 10


# --- properties over generated histories ---


@settings(max_examples=40, deadline=None)
@given(
    threshold=st.integers(min_value=2, max_value=40),
    gaps=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=60),
)
def test_a_burst_alerts_exactly_when_threshold_entries_fall_in_the_window(
    threshold: int, gaps: list[int]
) -> None:
    policy = replace(POLICY, alert_sensitive_searches_per_hour=threshold)
    history = History()
    when = at(0, 9)
    for gap in gaps:
        when += gap * 60
        history.add(when, "zhangwei", "client.search", details={"kind": "phone"})
    times = [e.at for e in history.events]
    expected = any(times[i + threshold - 1] - times[i] < 3600 for i in range(len(times) - threshold + 1))
    assert bool(history.hits(policy)) == expected


# --- a quiet month ---

STAFF = [
    ("wang.it", "it_admin"),
    ("lina", "manager"),
    ("zhangwei", "agent"),
    ("liuyang", "agent"),
    ("chenjing", "agent"),
    ("audit.chen", "auditor"),
]


def quiet_month(rng: random.Random) -> History:
    """A month of a six-person branch at work: sign-ins in business hours (weekends too), now and
    then a mistyped password, searches by name and the odd phone or ID search, a few reveals, views
    near each agent's usual, an HQ summary and an audit export a week."""
    history = History()
    usual = {"zhangwei": 25, "liuyang": 15, "chenjing": 8, "lina": 10}
    for day in range(-30, 1):
        for who, role in STAFF:
            if role == "it_admin" and rng.random() < 0.8:
                continue
            if role == "auditor" and rng.random() < 0.7:
                continue
            start = at(day, rng.randint(8, 10), rng.randint(0, 59))
            if rng.random() < 0.05:
                history.add(start - 30, who, "auth.sign_in", role=role, outcome="failure")
            history.add(start, who, "auth.sign_in", role=role)
            if who in usual:
                base = usual[who]
                for i in range(max(0, int(rng.gauss(base, base / 4)))):
                    history.add(start + 600 + i * 300, who, "client.view", role=role, target=str(i))
                for i in range(rng.randint(0, 6)):
                    kind = rng.choice(["name", "name", "phone", "id"])
                    history.add(
                        start + 900 + i * 400, who, "client.search", role=role, details={"kind": kind}
                    )
                for i in range(rng.randint(0, 4)):
                    history.add(start + 1200 + i * 700, who, "client.reveal", role=role, target=str(i))
            history.add(start + rng.randint(4, 10) * 3600, who, "auth.sign_out", role=role)
        if day % 7 == 0:
            history.add(at(day, 17), "lina", "export.prepare", role="manager")
            history.add(at(day, 17, 30), "audit.chen", "audit.export", role="auditor")
            history.add(at(day, 17, 40), "audit.chen", "audit.verify", role="auditor")
    history.events.sort(key=lambda e: e.at)
    history.events = [replace(e, seq=i + 1) for i, e in enumerate(history.events)]
    return history


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_a_quiet_month_raises_no_alert(seed: int) -> None:
    history = quiet_month(random.Random(seed))
    assert len(history.events) > 1000
    assert history.hits(now=at(0, 20)) == []


def test_the_quiet_month_generator_is_not_blind() -> None:
    """The same month with one burst of reveals and one late sign-in raises exactly those two."""
    history = quiet_month(random.Random(1))
    for i in range(POLICY.bulk_reveal_threshold):
        history.add(at(-3, 15, 0, i * 5), "liuyang", "client.reveal", target=str(i))
    history.add(at(-2, 23, 30), "chenjing", "auth.sign_in")
    assert sorted(rules_of(history.hits(now=at(0, 20)))) == ["bulk_reveal", "off_hours_sign_in"]
