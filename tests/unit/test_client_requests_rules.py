"""Rules for individuals' requests: kinds and statuses, the 30-day due date, overdue, and the texts
a manager writes (refusal reason, explanation, description), with hypothesis properties."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.client_field_registry import CLIENT_FIELDS
from desktop_app.domain.client_record import draft_fields
from desktop_app.domain.client_requests import (
    DESCRIPTION_MAX,
    KIND_FIELD,
    REPLY_DAYS,
    TEXT_MAX,
    TEXT_MIN,
    IdentityNotVerified,
    RequestClosed,
    RequestKind,
    RequestStatus,
    WrongRequestKind,
    changed_fields_text,
    check_answerable,
    column_labels,
    correctable_fields,
    due_date,
    field_display,
    is_overdue,
    parse_kind,
    parse_status,
    validate_correction,
    validate_description,
    validate_outcome,
    validate_received_on,
    validate_refusal_reason,
)
from desktop_app.domain.field_errors import InvalidField

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


def test_kinds_and_statuses_have_both_labels_and_parse_from_either() -> None:
    assert [k.label_zh for k in RequestKind] == ["查阅复制", "更正", "删除", "撤回同意", "解释说明"]
    assert [k.label_en for k in RequestKind] == [
        "Copy of data",
        "Correction",
        "Deletion",
        "Withdrawal of consent",
        "Explanation",
    ]
    assert parse_kind("撤回同意") is RequestKind.WITHDRAWAL
    assert parse_kind("copy of data") is RequestKind.COPY
    assert parse_status("已拒绝") is RequestStatus.REFUSED
    with pytest.raises(InvalidField) as unknown:
        RequestKind.parse("complaint", KIND_FIELD)
    assert unknown.value.field == "request_kind" and "查阅复制" in unknown.value.zh


def test_due_date_table() -> None:
    received = date(2026, 11, 2)
    assert due_date(received) == date(2026, 12, 2)  # provisional: from receipt
    assert due_date(received, date(2026, 11, 10)) == date(2026, 12, 10)
    assert due_date(received, date(2026, 10, 1)) == date(2026, 12, 2)  # never before receipt
    assert due_date(date(2027, 2, 1), date(2027, 2, 1)) == date(2027, 3, 3)


@given(dates, st.one_of(st.none(), dates))
def test_due_date_is_thirty_days_after_the_later_of_receipt_and_verification(
    received: date, verified: date | None
) -> None:
    due = due_date(received, verified)
    assert due >= received + timedelta(days=REPLY_DAYS)
    start = received if verified is None else max(received, verified)
    assert (due - start).days == REPLY_DAYS
    if verified is not None:
        assert due >= due_date(received)  # verifying never brings the deadline forward


@given(dates, st.integers(min_value=-400, max_value=400), st.sampled_from(list(RequestStatus)))
def test_only_open_requests_past_their_due_date_are_overdue(
    due: date, offset: int, status: RequestStatus
) -> None:
    today = due + timedelta(days=offset)
    assert is_overdue(status, due, today) == (status is RequestStatus.OPEN and offset > 0)


def test_received_date_cannot_be_in_the_future_or_over_a_year_ago() -> None:
    today = date(2026, 11, 29)
    assert validate_received_on(today, today) == today
    with pytest.raises(InvalidField) as future:
        validate_received_on(today + timedelta(days=1), today)
    assert future.value.reason == "in_future" and future.value.field == "received_on"
    with pytest.raises(InvalidField) as old:
        validate_received_on(today - timedelta(days=400), today)
    assert old.value.reason == "too_old"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "required"),
        (" \n\t ", "required"),
        ("不行", "too_short"),
        ("电话13812345678不一致", "contains_number"),
        ("证件号 ４４０３ 不符", "contains_number"),  # full-width digits count too
        ("好" * (TEXT_MAX + 1), "too_long"),
        ("理由\x07含控制字符", "control_character"),
    ],
)
def test_refusal_reason_is_required_trimmed_and_carries_no_long_numbers(text: str, reason: str) -> None:
    with pytest.raises(InvalidField) as refused:
        validate_refusal_reason(text)
    assert refused.value.reason == reason and refused.value.field == "refusal_reason"
    assert refused.value.zh.startswith("拒绝理由") and refused.value.en.startswith("Reason for refusing")


def test_texts_are_trimmed_keeping_single_line_breaks() -> None:
    assert (
        validate_refusal_reason("  无法核验身份，  请本人到店\r\n\r\n\r\n带证件 ")
        == "无法核验身份， 请本人到店\n\n带证件"
    )
    assert validate_outcome("已于 11 月 29 日说明用途") == "已于 11 月 29 日说明用途"
    with pytest.raises(InvalidField) as no_outcome:
        validate_outcome("")
    assert no_outcome.value.field == "request_outcome"


readable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=TEXT_MAX + 50)


@given(readable)
def test_an_accepted_reason_is_clean_and_within_limits(text: str) -> None:
    try:
        cleaned = validate_refusal_reason(text)
    except InvalidField as refused:
        assert refused.reason in {"required", "too_short", "too_long", "contains_number", "control_character"}
        return
    assert cleaned == cleaned.strip() and TEXT_MIN <= len(cleaned) <= TEXT_MAX
    assert not re.search(r"\d{4,}", cleaned)
    assert "\r" not in cleaned and "\n\n\n" not in cleaned


@given(st.text(alphabet="0123456789", min_size=4, max_size=20), readable, readable)
def test_any_run_of_four_digits_is_refused(digits: str, before: str, after: str) -> None:
    with pytest.raises(InvalidField):
        validate_refusal_reason(f"{before[:100]}理由{digits}说明{after[:100]}")


@given(st.text(max_size=DESCRIPTION_MAX + 50))
def test_description_is_optional_and_length_checked(text: str) -> None:
    try:
        cleaned = validate_description(text)
    except InvalidField as refused:
        assert refused.reason in {"too_long", "control_character"}
        return
    assert len(cleaned) <= DESCRIPTION_MAX and cleaned == cleaned.strip()


def test_description_may_hold_numbers_and_may_be_empty() -> None:
    assert validate_description("") == ""
    assert validate_description(" 客户要求把电话改为 13812345678 ") == "客户要求把电话改为 13812345678"


def test_corrections_name_only_correctable_draft_fields() -> None:
    correctable = correctable_fields()
    assert set(correctable) <= draft_fields()
    assert "stage" not in correctable and "sensitive_consent" not in correctable
    assert validate_correction({"name": "王芳", "phone": "13812345678"}) == {
        "name": "王芳",
        "phone": "13812345678",
    }
    with pytest.raises(InvalidField) as empty:
        validate_correction({})
    assert empty.value.reason == "required"
    with pytest.raises(InvalidField) as unknown:
        validate_correction({"stage": "closed"})
    assert unknown.value.reason == "unknown_field" and "stage" in unknown.value.en


def test_every_stored_field_has_labels_and_reads_in_both_languages() -> None:
    assert tuple(column_labels()) == CLIENT_FIELDS.column_names()
    assert field_display("intention_level", "A") == ("A（高意向）", "A (strong)")
    assert field_display("phone_e164", "+8613987654321") == ("139 8765 4321", "139 8765 4321")
    assert field_display("sensitive_consent", True) == ("是", "Yes")
    assert field_display("email", None) == ("", "")
    assert field_display("stage", "unknown_code") == ("unknown_code", "unknown_code")
    assert changed_fields_text(["full_name", "phone_e164"]) == ("姓名、电话号码", "name, phone number")


def test_only_open_verified_requests_of_the_right_kind_may_be_answered() -> None:
    check_answerable("open", "copy", identity_verified=True, kinds=(RequestKind.COPY,))
    check_answerable("open", "copy", identity_verified=False, verification_needed=False)  # a refusal
    with pytest.raises(IdentityNotVerified) as unverified:
        check_answerable("open", "copy", identity_verified=False)
    assert "核验" in unverified.value.zh and "verify" in unverified.value.en
    with pytest.raises(WrongRequestKind):
        check_answerable("open", "deletion", identity_verified=True, kinds=(RequestKind.COPY,))
    for status in ("completed", "refused"):
        with pytest.raises(RequestClosed) as closed:
            check_answerable(status, "copy", identity_verified=True, verification_needed=False)
        assert "cannot be changed again" in closed.value.en
