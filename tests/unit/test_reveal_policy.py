"""Reveal reasons, revealable fields, the unmasked text and the bulk-reveal guard (property tests)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.client_record import ClientValues
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.reveal_policy import (
    REASON_FIELD,
    RevealableField,
    RevealReason,
    bulk_reveal_decision,
    override_active,
    override_expires_at,
    parse_field,
    revealed_text,
    reveals_in_window,
    validate_reason,
)
from desktop_app.domain.security_policy import SecurityPolicy

POLICY = SecurityPolicy()
WINDOW = POLICY.bulk_reveal_window_minutes * 60
NOW = 1_800_000_000.0


def test_reasons_have_both_labels_and_parse_from_either() -> None:
    assert [r.label_zh for r in RevealReason] == ["网签/签约", "贷款办理", "客户核对", "其他"]
    assert all(r.label_en for r in RevealReason)
    assert RevealReason.parse("贷款办理", REASON_FIELD) is RevealReason.LOAN_PROCESSING
    assert validate_reason("签约") == (RevealReason.CONTRACT_SIGNING, "")
    assert validate_reason("Verifying with the client", "  电话 核对 ") == (
        RevealReason.CLIENT_VERIFICATION,
        "电话 核对",
    )


def test_other_needs_four_to_two_hundred_characters() -> None:
    for text in ("", "   ", "abc", "三个字"):
        with pytest.raises(InvalidField) as refused:
            validate_reason(RevealReason.OTHER, text)
        assert refused.value.field == "reveal_reason_text"
    assert validate_reason("other", "客户来电") == (RevealReason.OTHER, "客户来电")
    assert validate_reason("其他", "x" * 200)[1] == "x" * 200
    with pytest.raises(InvalidField):
        validate_reason("其他", "x" * 201)
    with pytest.raises(InvalidField):
        validate_reason(RevealReason.LOAN_PROCESSING, "x" * 201)
    with pytest.raises(InvalidField):
        validate_reason("because")


def test_fields_parse_and_unknown_fields_are_refused() -> None:
    assert {f.value for f in RevealableField} == {"name", "id_number", "phone", "email", "address"}
    assert parse_field("证件号码") is RevealableField.ID_NUMBER
    for bad in ("notes", "income_band", ""):
        with pytest.raises(InvalidField):
            parse_field(bad)


def test_revealed_text_is_the_stored_value_as_displayed() -> None:
    values = ClientValues(
        full_name="欧阳娜娜",
        phone_e164="+8613812345678",
        phone_kind="mobile",
        stage="subscription",
        id_type="resident_id",
        id_number="110105199003071239",
        email="zhang.wei@example.cn",
        province="北京市",
        city="北京市",
        district="朝阳区",
        address_detail="建国路1号",
    )
    assert revealed_text(values, RevealableField.NAME) == "欧阳娜娜"
    assert revealed_text(values, RevealableField.PHONE) == "138 1234 5678"
    assert revealed_text(values, RevealableField.ID_NUMBER) == "110105199003071239"
    assert revealed_text(values, RevealableField.EMAIL) == "zhang.wei@example.cn"
    assert revealed_text(values, RevealableField.ADDRESS) == "北京市朝阳区建国路1号"
    bare = ClientValues(full_name="张伟", phone_e164="+8613812345678", phone_kind="mobile", stage="lead")
    for empty in (RevealableField.ID_NUMBER, RevealableField.EMAIL, RevealableField.ADDRESS):
        assert revealed_text(bare, empty) == ""


# --------------------------------------------------------------------------------- bulk guard: examples


def test_the_twenty_first_reveal_in_the_window_is_blocked() -> None:
    assert bulk_reveal_decision([NOW] * 19, NOW, POLICY).allowed
    blocked = bulk_reveal_decision([NOW] * 20, NOW, POLICY)
    assert not blocked.allowed and blocked.reveals_in_window == 20 and not blocked.override_active
    assert bulk_reveal_decision([NOW] * 20, NOW + WINDOW, POLICY).allowed  # the window has passed
    assert not bulk_reveal_decision([NOW] * 20, NOW + WINDOW - 1, POLICY).allowed


def test_an_override_lasts_one_window() -> None:
    times = [NOW] * 50
    assert bulk_reveal_decision(times, NOW, POLICY, [NOW]).allowed
    assert bulk_reveal_decision(times, NOW + WINDOW - 1, POLICY, [NOW]).allowed
    assert override_expires_at(NOW, POLICY) == NOW + WINDOW
    late = [NOW + WINDOW - 1] * 20
    assert not bulk_reveal_decision(late, NOW + WINDOW, POLICY, [NOW]).allowed
    assert not override_active([NOW + 1], NOW, POLICY)  # dated in the future: not trusted


# ------------------------------------------------------------------------------ bulk guard: properties

offsets = st.lists(st.floats(min_value=-3 * WINDOW, max_value=WINDOW, allow_nan=False), max_size=60)
policies = st.builds(
    SecurityPolicy,
    bulk_reveal_threshold=st.integers(min_value=1, max_value=40),
    bulk_reveal_window_minutes=st.integers(min_value=1, max_value=120),
)


@given(offsets, policies)
def test_without_override_allowed_exactly_below_the_threshold(
    deltas: list[float], policy: SecurityPolicy
) -> None:
    times = [NOW + d * policy.bulk_reveal_window_minutes for d in deltas]
    decision = bulk_reveal_decision(times, NOW, policy)
    start = NOW - policy.bulk_reveal_window_minutes * 60
    assert decision.reveals_in_window == sum(1 for t in times if t > start)
    assert decision.allowed == (decision.reveals_in_window < policy.bulk_reveal_threshold)
    assert not decision.override_active


@given(offsets, st.floats(min_value=-3 * WINDOW, max_value=WINDOW, allow_nan=False))
def test_one_more_reveal_never_unblocks(deltas: list[float], extra: float) -> None:
    times = [NOW + d for d in deltas]
    before = bulk_reveal_decision(times, NOW, POLICY)
    after = bulk_reveal_decision([*times, NOW + extra], NOW, POLICY)
    assert after.reveals_in_window >= before.reveals_in_window
    assert not (after.allowed and not before.allowed)


@given(offsets, st.lists(st.floats(min_value=-3 * WINDOW, max_value=WINDOW, allow_nan=False), max_size=3))
def test_an_override_in_force_always_allows(deltas: list[float], grants: list[float]) -> None:
    times = [NOW + d for d in deltas]
    overrides = [NOW + g for g in grants]
    decision = bulk_reveal_decision(times, NOW, POLICY, overrides)
    in_force = any(NOW - WINDOW < g <= NOW for g in overrides)
    assert decision.override_active == in_force
    assert decision.allowed == (in_force or decision.reveals_in_window < POLICY.bulk_reveal_threshold)


@given(offsets, st.floats(min_value=0, max_value=WINDOW, allow_nan=False))
def test_waiting_a_full_window_after_the_last_reveal_always_allows(deltas: list[float], wait: float) -> None:
    times = [NOW + d for d in deltas]
    later = max(times, default=NOW) + WINDOW + wait
    decision = bulk_reveal_decision(times, later, POLICY)
    assert decision.allowed and decision.reveals_in_window == 0


@given(
    st.lists(st.integers(min_value=-3 * WINDOW, max_value=WINDOW), max_size=60),
    st.integers(min_value=-(10**6), max_value=10**6),
)
def test_only_the_time_since_each_reveal_matters(deltas: list[int], shift: int) -> None:
    times = [NOW + d for d in deltas]
    moved = [t + shift for t in times]
    assert bulk_reveal_decision(times, NOW, POLICY) == bulk_reveal_decision(moved, NOW + shift, POLICY)
    assert reveals_in_window(times, NOW, POLICY) == reveals_in_window(moved, NOW + shift, POLICY)
