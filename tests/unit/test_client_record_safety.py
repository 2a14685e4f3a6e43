"""Regression tests from the review of the client-records code: consent answers are real yes/no,
children's ID numbers wait for guardian consent, and reprs never show personal data."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.client_record import ClientDraft, consent_flag, validate_draft
from desktop_app.domain.field_errors import InvalidField

CHILD_ID = "440305201601011233"  # born 2016-01-01: ten years old in 2026
TODAY = date(2026, 11, 29)


@pytest.mark.parametrize("text", ["false", "0", "否", "no", ""])
def test_no_answers_are_not_consent(text: str) -> None:
    assert consent_flag(text) is False


@pytest.mark.parametrize("text", ["maybe", "2", "同意吗", "truthy"])
def test_unclear_answers_are_refused_not_guessed(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        consent_flag(text)
    assert "是" in caught.value.zh and "yes or no" in caught.value.en


def test_the_text_false_does_not_unlock_the_id_number() -> None:
    draft = ClientDraft(
        name="张伟",
        phone="13812345678",
        stage="contract",
        id_number="11010519491231002X",
        sensitive_consent="false",
    )  # type: ignore[arg-type]
    with pytest.raises(InvalidField) as caught:
        validate_draft(draft, today=TODAY)
    assert caught.value.reason == "sensitive_consent_required"


def test_a_childs_id_number_needs_guardian_consent() -> None:
    draft = ClientDraft(
        name="张小明", phone="13812345678", stage="contract", id_number=CHILD_ID, sensitive_consent=True
    )
    with pytest.raises(InvalidField) as caught:
        validate_draft(draft, today=TODAY)
    assert caught.value.reason == "guardian_consent_required"
    assert "监护人" in caught.value.zh and CHILD_ID not in caught.value.zh + caught.value.en


def test_reprs_show_no_personal_data() -> None:
    draft = ClientDraft(name="欧阳娜娜", phone="13812345678", notes="住在科技园")
    values = validate_draft(draft, today=TODAY)
    for text in (repr(draft), repr(values)):
        for secret in ("欧阳娜娜", "13812345678", "8613812345678", "科技园"):
            assert secret not in text


def test_a_street_typed_into_the_district_field_stays_hidden() -> None:
    from desktop_app.domain.masking import mask_address

    assert mask_address("广东省", "深圳市", "南山区科技园南路腾讯大厦", "3栋") == "广东省深圳市******"
    assert mask_address("广东省", "深圳市", "南山区", "科技园南路") == "广东省深圳市南山区******"
    assert mask_address("上海市", "上海市", "浦东新区", "世纪大道1号") == "上海市浦东新区******"
