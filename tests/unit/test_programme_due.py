"""What the programme has due, on injected days: training after the grace period, the review six
months after the last one, a quarter without survey responses, campaigns short of the year's
number, open incidents and overdue rectifications."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.domain.programme_due import (
    DueFacts,
    DueKind,
    DueState,
    due_items,
    next_review_due,
)

FACTS = DueFacts(
    as_of=date(2026, 11, 10),
    quarter_start=date(2026, 10, 1),
    quarter_end=date(2026, 12, 31),
    year_end=date(2026, 12, 31),
    active_staff=10,
    trained_staff=10,
    training_grace_days=14,
    last_review_finished_on=date(2026, 7, 1),
    review_interval_months=6,
    survey_responses=5,
    campaigns_this_year=4,
    campaigns_per_year=4,
    open_incidents=0,
    overdue_incident_deadlines=0,
    open_rectifications=0,
    overdue_rectifications=0,
)


def _item(facts: DueFacts, kind: DueKind):  # type: ignore[no-untyped-def]
    return {item.kind: item for item in due_items(facts)}[kind]


def test_all_ok_in_kind_order() -> None:
    items = due_items(FACTS)
    assert [i.kind for i in items] == list(DueKind)
    assert all(i.state is DueState.OK for i in items), items
    assert all(i.text_zh and i.text_en for i in items)


def test_training_is_due_within_the_grace_period_and_overdue_after() -> None:
    facts = replace(FACTS, trained_staff=7)
    within = _item(replace(facts, as_of=date(2026, 10, 15)), DueKind.TRAINING)
    assert (within.state, within.count, within.due_on) == (DueState.DUE, 3, date(2026, 10, 15))
    after = _item(replace(facts, as_of=date(2026, 10, 16)), DueKind.TRAINING)
    assert after.state is DueState.OVERDUE


def test_training_uses_each_members_own_grace_when_given() -> None:
    """Regression: a branch that got the programme on 6 December (or a member who joined then) has
    until 20 December; the dashboard said "overdue since 15 October" while the member's own tab
    said "14 days left"."""
    facts = replace(FACTS, trained_staff=8, as_of=date(2026, 12, 7))
    joined_late = _item(
        replace(facts, training_deadlines=(date(2026, 12, 20), date(2026, 12, 20))), DueKind.TRAINING
    )
    assert (joined_late.state, joined_late.due_on) == (DueState.DUE, date(2026, 12, 20))
    one_late = _item(
        replace(facts, training_deadlines=(date(2026, 12, 20), date(2026, 10, 15))), DueKind.TRAINING
    )
    assert (one_late.state, one_late.due_on) == (DueState.OVERDUE, date(2026, 10, 15))


def test_a_past_quarter_with_untrained_staff_is_overdue() -> None:
    facts = replace(FACTS, trained_staff=9, training_grace_days=120, as_of=date(2026, 12, 31))
    assert _item(facts, DueKind.TRAINING).state is DueState.OVERDUE


def test_review_due_six_months_after_the_last() -> None:
    assert next_review_due(date(2026, 7, 1), 6, date(2026, 11, 10)) == date(2027, 1, 1)
    assert next_review_due(date(2026, 8, 31), 6, date(2026, 11, 10)) == date(2027, 2, 28)
    assert next_review_due(None, 6, date(2026, 11, 10)) == date(2026, 11, 10)
    assert _item(FACTS, DueKind.REVIEW).state is DueState.OK
    soon = _item(replace(FACTS, as_of=date(2026, 12, 5)), DueKind.REVIEW)
    assert (soon.state, soon.due_on) == (DueState.DUE, date(2027, 1, 1))
    late = _item(replace(FACTS, as_of=date(2027, 1, 2)), DueKind.REVIEW)
    assert late.state is DueState.OVERDUE


def test_no_review_yet_is_due_now() -> None:
    item = _item(replace(FACTS, last_review_finished_on=None), DueKind.REVIEW)
    assert item.state is DueState.DUE and item.due_on is None


def test_survey_without_responses_is_due_then_overdue_when_the_quarter_ended() -> None:
    none = replace(FACTS, survey_responses=0)
    assert _item(none, DueKind.SURVEY).state is DueState.DUE
    assert _item(replace(none, as_of=date(2026, 12, 31)), DueKind.SURVEY).state is DueState.OVERDUE


def test_campaigns_short_of_the_policy() -> None:
    short = replace(FACTS, campaigns_this_year=1)
    item = _item(short, DueKind.CAMPAIGNS)
    assert (item.state, item.count) == (DueState.DUE, 3)
    assert _item(replace(short, as_of=date(2026, 12, 31)), DueKind.CAMPAIGNS).state is DueState.OVERDUE
    assert _item(replace(FACTS, campaigns_this_year=6), DueKind.CAMPAIGNS).state is DueState.OK


def test_incidents_and_rectifications() -> None:
    assert _item(replace(FACTS, open_incidents=2), DueKind.INCIDENTS).state is DueState.DUE
    missed = replace(FACTS, open_incidents=1, overdue_incident_deadlines=1)
    assert _item(missed, DueKind.INCIDENTS).state is DueState.OVERDUE
    assert _item(replace(FACTS, open_rectifications=2), DueKind.RECTIFICATIONS).state is DueState.DUE
    late = replace(FACTS, open_rectifications=2, overdue_rectifications=1)
    item = _item(late, DueKind.RECTIFICATIONS)
    assert (item.state, item.count) == (DueState.OVERDUE, 1)
