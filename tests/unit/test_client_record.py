"""The client draft validation and the one sensitive-data gate."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.client_record import (
    ClientDraft,
    Stage,
    draft_from_values,
    sensitive_fields_allowed,
    validate_draft,
)
from desktop_app.domain.field_errors import InvalidField

TODAY = date(2027, 1, 15)
RESIDENT_ID = "110105199003071239"


@pytest.mark.parametrize(
    ("stage", "consent", "allowed"),
    [
        (Stage.LEAD, True, False),
        (Stage.VISITING, True, False),
        (Stage.SUBSCRIPTION, True, True),
        (Stage.CONTRACT, True, True),
        (Stage.CLOSED, True, True),
        (Stage.SUBSCRIPTION, False, False),
        (Stage.CONTRACT, False, False),
        ("subscription", True, True),
    ],
)
def test_sensitive_fields_need_consent_and_subscription_stage(
    stage: str, consent: bool, allowed: bool
) -> None:
    assert sensitive_fields_allowed(stage, consent) is allowed


def test_a_first_visit_needs_only_a_surname_and_a_phone() -> None:
    values = validate_draft(ClientDraft(name="张", phone="138 1234 5678"), today=TODAY)
    assert values.full_name == "张" and values.phone_e164 == "+8613812345678"
    assert values.phone_kind == "mobile" and values.stage == "lead"
    assert values.id_number is None and values.income_band is None and values.province is None


def test_a_surname_alone_is_refused_after_the_first_visit() -> None:
    with pytest.raises(InvalidField) as info:
        validate_draft(ClientDraft(name="张", phone="13812345678", stage="visiting"), today=TODAY)
    assert info.value.field == "name" and "姓名" in info.value.zh and "Name" in info.value.en


@pytest.mark.parametrize(
    ("draft", "field", "zh", "en"),
    [
        (ClientDraft(name="", phone="13812345678"), "name", "姓名", "Name"),
        (ClientDraft(name="张伟", phone="12345"), "phone", "电话号码", "Phone number"),
        (ClientDraft(name="张伟", phone="13812345678", email="x@"), "email", "电子邮箱", "Email"),
        (
            ClientDraft(name="张伟", phone="13812345678", choices={"intention_level": "Z"}),
            "intention_level",
            "意向等级",
            "Intention level",
        ),
        (ClientDraft(name="张伟", phone="13812345678", stage="nope"), "stage", "客户阶段", "Stage"),
        (ClientDraft(name="张伟", phone="13812345678", province="广东"), "city", "城市", "City"),
    ],
)
def test_validation_errors_name_the_field_in_both_languages(
    draft: ClientDraft, field: str, zh: str, en: str
) -> None:
    with pytest.raises(InvalidField) as info:
        validate_draft(draft, today=TODAY)
    assert info.value.field == field
    assert info.value.zh.startswith(zh) and info.value.en.startswith(en)


def test_id_number_and_income_are_refused_without_consent() -> None:
    base = ClientDraft(name="张伟", phone="13812345678", stage="subscription")
    for draft, field in (
        (ClientDraft(**{**base.__dict__, "id_number": RESIDENT_ID}), "id_number"),
        (ClientDraft(**{**base.__dict__, "income_band": "30_50"}), "income_band"),
    ):
        with pytest.raises(InvalidField) as info:
            validate_draft(draft, today=TODAY)
        assert info.value.reason == "sensitive_consent_required"
        assert info.value.field == field
        assert RESIDENT_ID not in info.value.zh + info.value.en


def test_id_number_and_income_are_kept_with_consent_at_subscription() -> None:
    draft = ClientDraft(
        name="张伟",
        phone="13812345678",
        stage="subscription",
        id_number=RESIDENT_ID,
        income_band="30–50万元/年",
        sensitive_consent=True,
    )
    values = validate_draft(draft, today=TODAY)
    assert values.id_type == "resident_id" and values.id_number == RESIDENT_ID
    assert values.income_band == "30_50" and values.sensitive_consent is True


def test_a_stored_client_round_trips_through_a_draft() -> None:
    draft = ClientDraft(
        name="欧阳娜娜",
        phone="0755-26581234",
        stage="contract",
        id_type="cn_passport",
        id_number="E12345678",
        email="Zhang.Wei@Example.CN",
        province="广东",
        city="深圳市",
        district="南山区",
        address_detail="科技园路1号3栋",
        income_band="over_100",
        choices={
            "property_type": "住宅",
            "area_range": "90_120",
            "budget_band": "300_500",
            "payment_method": "按揭",
            "purchase_purpose": "自住",
            "purchase_timeline": "1_3_months",
            "intention_level": "a",
            "source_channel": "referral",
        },
        intended_districts="南山 福田",
        notes="周末看房",
        sensitive_consent=True,
    )
    values = validate_draft(draft, today=TODAY)
    assert values.email == "Zhang.Wei@example.cn" and values.province == "广东省"
    assert values.choice("intention_level") == "A" and values.phone_kind == "landline"
    assert validate_draft(draft_from_values(values), today=TODAY) == values
