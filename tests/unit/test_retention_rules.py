"""Retention rules: calendar months, the 10-year anti-money-laundering hold from ``buyer_since``, each
stage's period after the last activity, storage-only records, and the branch config's settings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.client_record import BUYER_STAGES, ClientRecord, ClientValues, Stage
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.retention_rules import (
    AML_HOLD_YEARS,
    MAX_MONTHS,
    RetentionRuleError,
    RetentionRules,
    add_months,
    destruction_due_on,
    is_due_for_destruction,
    last_activity,
    legal_hold_ends,
    under_legal_hold,
)

DEFAULT = RetentionRules()


def stamp(day: date, at: time = time(10, 0)) -> str:
    """A stored UTC timestamp (store.audit_repository.utc_timestamp's format)."""
    return datetime.combine(day, at).isoformat(timespec="microseconds") + "Z"


def client(
    stage: str = "lead",
    *,
    updated: date = date(2026, 1, 10),
    contact: date | None = None,
    buyer_since: date | None = None,
    storage_only: date | None = None,
) -> ClientRecord:
    return ClientRecord(
        id=1,
        assigned_agent_id=2,
        values=ClientValues(full_name="张三", phone_e164="+8613812345678", phone_kind="mobile", stage=stage),
        created_at=stamp(date(2025, 1, 1)),
        updated_at=stamp(updated),
        last_contact_at=None if contact is None else stamp(contact),
        buyer_since=None if buyer_since is None else stamp(buyer_since),
        storage_only_since=None if storage_only is None else stamp(storage_only),
    )


# ------------------------------------------------------------------------------------------ add_months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),
        (date(2028, 2, 29), 120, date(2038, 2, 28)),
        (date(2026, 1, 15), 24, date(2028, 1, 15)),
        (date(2026, 5, 10), 0, date(2026, 5, 10)),
        (date(2026, 1, 31), 600, date(2076, 1, 31)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
MONTHS = st.integers(min_value=0, max_value=MAX_MONTHS)


@given(DAYS, MONTHS)
def test_add_months_moves_exactly_that_many_calendar_months(day: date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or (day.day > 28 and later.day < day.day and (later + timedelta(1)).day == 1)


@given(DAYS, DAYS, MONTHS, MONTHS)
def test_add_months_is_monotone(a: date, b: date, m: int, n: int) -> None:
    first, second = min(a, b), max(a, b)
    assert add_months(first, m) <= add_months(second, m)
    assert add_months(a, min(m, n)) <= add_months(a, max(m, n))


# ---------------------------------------------------------------------------------------- legal hold


def test_the_hold_ends_exactly_ten_years_after_the_client_bought() -> None:
    buyer = client("contract", buyer_since=date(2026, 11, 29))
    assert AML_HOLD_YEARS == 10
    assert legal_hold_ends(buyer) == date(2036, 11, 29)
    assert under_legal_hold(buyer, date(2036, 11, 28))
    assert not under_legal_hold(buyer, date(2036, 11, 29))


def test_a_hold_from_29_february_ends_on_28_february() -> None:
    assert legal_hold_ends(client("closed", buyer_since=date(2028, 2, 29))) == date(2038, 2, 28)


def test_the_hold_uses_the_beijing_day_of_the_purchase() -> None:
    late = client("subscription")
    # 15:59 UTC is 23:59 in Beijing, still 31 March; 16:00 UTC is already 1 April there
    late = ClientRecord(**{**late.__dict__, "buyer_since": stamp(date(2026, 3, 31), time(15, 59))})
    assert legal_hold_ends(late) == date(2036, 3, 31)
    later = ClientRecord(**{**late.__dict__, "buyer_since": stamp(date(2026, 3, 31), time(16, 0))})
    assert legal_hold_ends(later) == date(2036, 4, 1)


def test_leads_have_no_hold_but_a_former_buyer_keeps_it() -> None:
    assert legal_hold_ends(client("lead")) is None
    assert legal_hold_ends(client("visiting")) is None
    assert not under_legal_hold(client("lead"), date(2026, 1, 10))
    # the subscription fell through and the stage went back: the transaction records stay held
    fallen_through = client("visiting", buyer_since=date(2026, 2, 1))
    assert legal_hold_ends(fallen_through) == date(2036, 2, 1)


def test_a_buyer_stage_without_buyer_since_holds_from_the_last_change() -> None:
    assert legal_hold_ends(client("contract", updated=date(2027, 5, 6))) == date(2037, 5, 6)


# ------------------------------------------------------------------------------------ due for destruction


def test_a_lead_is_due_24_months_after_its_last_activity() -> None:
    lead = client("lead", updated=date(2026, 1, 10))
    assert last_activity(lead) == date(2026, 1, 10)
    assert destruction_due_on(lead, DEFAULT) == date(2028, 1, 10)
    assert not is_due_for_destruction(lead, DEFAULT, date(2028, 1, 9))
    assert is_due_for_destruction(lead, DEFAULT, date(2028, 1, 10))


def test_a_follow_up_restarts_the_period() -> None:
    contacted = client("visiting", updated=date(2026, 1, 10), contact=date(2027, 6, 1))
    assert last_activity(contacted) == date(2027, 6, 1)
    assert destruction_due_on(contacted, DEFAULT) == date(2029, 6, 1)
    assert not is_due_for_destruction(contacted, DEFAULT, date(2028, 1, 10))
    # an edit after the last contact counts too
    edited = client("lead", updated=date(2027, 8, 1), contact=date(2027, 6, 1))
    assert destruction_due_on(edited, DEFAULT) == date(2029, 8, 1)


def test_branch_rules_change_the_period() -> None:
    rules = RetentionRules.from_settings({"lead_months": 6})
    assert rules.months_for("lead") == 6 and rules.months_for("visiting") == 24
    assert destruction_due_on(client("lead", updated=date(2026, 8, 31)), rules) == date(2027, 2, 28)


def test_a_buyer_is_never_due_before_the_hold_ends() -> None:
    buyer = client("closed", updated=date(2026, 2, 1), buyer_since=date(2026, 1, 10))
    assert destruction_due_on(buyer, DEFAULT) == date(2036, 1, 10)  # not 2029-02-01
    assert not is_due_for_destruction(buyer, DEFAULT, date(2036, 1, 9))
    assert is_due_for_destruction(buyer, DEFAULT, date(2036, 1, 10))
    # a longer stage period than the hold wins
    long = RetentionRules.from_settings({"closed_months": 600})
    assert destruction_due_on(buyer, long) == date(2076, 2, 1)
    # activity late in the hold pushes the due date past its end
    active = client(
        "closed", updated=date(2026, 2, 1), contact=date(2035, 6, 1), buyer_since=date(2026, 1, 10)
    )
    assert destruction_due_on(active, DEFAULT) == date(2038, 6, 1)


def test_a_storage_only_buyer_is_due_when_the_hold_ends() -> None:
    kept = client(
        "contract",
        updated=date(2034, 4, 1),
        contact=date(2034, 3, 1),
        buyer_since=date(2026, 1, 10),
        storage_only=date(2034, 5, 1),
    )
    assert destruction_due_on(kept, DEFAULT) == date(2036, 1, 10)  # not 2037-04-01
    assert not is_due_for_destruction(kept, DEFAULT, date(2036, 1, 9))
    assert is_due_for_destruction(kept, DEFAULT, date(2036, 1, 10))


def test_a_storage_only_record_without_a_hold_follows_its_stage() -> None:
    odd = client("lead", updated=date(2026, 1, 10), storage_only=date(2026, 2, 1))
    assert destruction_due_on(odd, DEFAULT) == date(2028, 1, 10)


# ------------------------------------------------------------------------------------------- settings


def test_defaults_and_settings_round_trip() -> None:
    assert DEFAULT.as_settings() == {
        "lead_months": 24,
        "visiting_months": 24,
        "subscription_months": 36,
        "contract_months": 36,
        "closed_months": 36,
    }
    assert RetentionRules.from_settings(DEFAULT.as_settings()) == DEFAULT
    assert RetentionRules.from_settings({}) == DEFAULT
    edge = RetentionRules.from_settings({"lead_months": 1, "closed_months": MAX_MONTHS})
    assert (edge.months_for("lead"), edge.months_for("closed")) == (1, 600)
    assert RetentionRules({Stage.LEAD: 12}).months_for("lead") == 12  # enum keys become codes
    assert RetentionRules({"lead": 12}).months_for("contract") == 36  # missing stages: defaults
    assert hash(RetentionRules.from_settings({})) == hash(DEFAULT)


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"lead": 24}, "lead"),  # no _months suffix
        ({"buyer_months": 24}, "buyer"),  # no such stage
        ({"_months": 24}, "_months"),
        ({"Lead_months": 24}, "Lead"),
        ({"lead_months": 0}, "lead"),
        ({"lead_months": 601}, "lead"),
        ({"lead_months": -1}, "lead"),
        ({"lead_months": True}, "lead"),
        ({"lead_months": "24"}, "lead"),
        ({"lead_months": 24.0}, "lead"),
        ({"lead_months": None}, "lead"),
    ],
)
def test_invalid_settings_are_refused_in_both_languages(settings: dict[str, object], named: str) -> None:
    with pytest.raises(RetentionRuleError) as caught:
        RetentionRules.from_settings(settings)
    error = caught.value
    assert isinstance(error, BranchVaultError) and error.code == "retention_rule_invalid"
    assert named in error.zh and named in error.en
    assert "保存期限" in error.zh and "retention" in error.en.lower()


def test_rules_cannot_be_changed_after_validation() -> None:
    given_months = {"lead": 12}
    rules = RetentionRules(given_months)
    given_months["lead"] = 0  # the caller's dict is copied
    assert rules.months_for("lead") == 12
    with pytest.raises(TypeError):
        rules.months_by_stage["lead"] = 0  # type: ignore[index]
    with pytest.raises(RetentionRuleError):
        RetentionRules({"lead": 0})


# ---------------------------------------------------------------------------------------- properties

STAGES = st.sampled_from([stage.value for stage in Stage])
STAMP_DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
RULES = st.builds(
    RetentionRules,
    st.dictionaries(STAGES, st.integers(min_value=1, max_value=MAX_MONTHS), max_size=5),
)


@st.composite
def clients(draw: st.DrawFn, storage_only: bool | None = None) -> ClientRecord:
    """Consistent records: a buyer_since only for buyers (or former buyers), on or before the last
    change; storage only only for a held buyer, after its last activity and before the hold ends."""
    stage = draw(STAGES)
    updated = draw(STAMP_DAYS)
    contact = draw(st.none() | STAMP_DAYS)
    bought: date | None = None
    if stage in BUYER_STAGES or draw(st.booleans()):
        bought = draw(st.none() | st.dates(min_value=date(2000, 1, 1), max_value=updated))
    record = client(stage, updated=updated, contact=contact, buyer_since=bought)
    hold_end = legal_hold_ends(record)
    wanted = draw(st.booleans()) if storage_only is None else storage_only
    if wanted and hold_end is not None and last_activity(record) < hold_end:
        since = draw(st.dates(min_value=last_activity(record), max_value=hold_end - timedelta(1)))
        record = client(stage, updated=updated, contact=contact, buyer_since=bought, storage_only=since)
    return record


@given(clients(), RULES)
def test_never_due_before_the_last_activity(record: ClientRecord, rules: RetentionRules) -> None:
    due = destruction_due_on(record, rules)
    assert due >= last_activity(record)
    if not record.storage_only:
        assert due > last_activity(record)  # at least one month of keeping


@given(clients(), RULES)
def test_a_buyer_is_never_due_while_held(record: ClientRecord, rules: RetentionRules) -> None:
    hold_end = legal_hold_ends(record)
    due = destruction_due_on(record, rules)
    if hold_end is None:
        return
    assert due >= hold_end
    assert under_legal_hold(record, hold_end - timedelta(1))
    assert not is_due_for_destruction(record, rules, hold_end - timedelta(1))
    if record.storage_only:
        assert due == hold_end


@given(clients(storage_only=False), STAGES, st.integers(1, MAX_MONTHS), st.integers(1, MAX_MONTHS))
def test_due_date_is_monotone_in_the_months(record: ClientRecord, stage: str, m: int, n: int) -> None:
    shorter = RetentionRules({stage: min(m, n)})
    longer = RetentionRules({stage: max(m, n)})
    assert destruction_due_on(record, shorter) <= destruction_due_on(record, longer)


@given(clients(), RULES, STAMP_DAYS, STAMP_DAYS)
def test_once_due_always_due(record: ClientRecord, rules: RetentionRules, a: date, b: date) -> None:
    first, later = min(a, b), max(a, b)
    due = destruction_due_on(record, rules)
    assert is_due_for_destruction(record, rules, first) is (first >= due)
    if is_due_for_destruction(record, rules, first):
        assert is_due_for_destruction(record, rules, later)
        assert not under_legal_hold(record, first)
