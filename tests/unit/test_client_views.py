"""The masked client views built in the domain: list row, detail page, HQ per-client row."""

from __future__ import annotations

from dataclasses import asdict, fields, replace

import pytest

from desktop_app.domain.client_field_registry import CLIENT_FIELDS
from desktop_app.domain.client_record import ClientDraft, ClientRecord, ClientValues, validate_draft
from desktop_app.domain.client_views import (
    ClientDetail,
    ClientSummary,
    HqClientRow,
    client_detail,
    client_summary,
    hq_client_row,
    masked_phone,
)
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.masking import FieldKind, mask
from desktop_app.domain.phone_numbers import PhoneKind, validate_phone

RESIDENT_ID = "110105199003071239"


def record(values: ClientValues, **extra: object) -> ClientRecord:
    return ClientRecord(
        id=7,
        assigned_agent_id=3,
        values=values,
        created_at="2027-01-15T02:00:00+00:00",
        updated_at="2027-01-15T02:00:00+00:00",
        last_contact_at=None,
        **extra,  # type: ignore[arg-type]
    )


def buyer() -> ClientRecord:
    return record(
        validate_draft(
            ClientDraft(
                name="欧阳娜娜",
                phone="0755-26581234",
                stage="subscription",
                id_number=RESIDENT_ID,
                income_band="30_50",
                sensitive_consent=True,
                email="zhang.wei@example.cn",
                province="广东省",
                city="深圳市",
                district="南山区",
                address_detail="科技园路1号3栋",
                notes="只看南向",
                choices={
                    "intention_level": "A",
                    "property_type": "residential",
                    "budget_band": "300_500",
                    "source_channel": "referral",
                },
            )
        )
    )


def old_rule(text: str) -> str:
    """The mask the list used to compute by parsing the stored number again (the reference)."""
    number = validate_phone(text)
    if number.kind is PhoneKind.MOBILE:
        return mask(FieldKind.MAINLAND_MOBILE, number.display.replace(" ", ""))
    if number.kind is PhoneKind.LANDLINE:
        return mask(FieldKind.LANDLINE, number.display)
    return mask(FieldKind.FOREIGN_PHONE, number.display)


def test_the_list_row_is_masked_and_holds_codes_only() -> None:
    row = client_summary(buyer())
    assert (row.name, row.phone, row.intention_level, row.stage) == (
        "欧***",
        "0755-******34",
        "A",
        "subscription",
    )
    assert not {f.name for f in fields(ClientSummary)} & {
        "notes",
        "id_number",
        "email",
        "address",
        "income_band",
    }
    assert "只看南向" not in repr(row) and "26581234" not in repr(row)


def test_the_reconsent_flag_comes_from_the_stale_notice_versions() -> None:
    client = replace(buyer(), notice_version="2026-01", has_form=True)
    assert client_summary(client, frozenset({"2026-01"})).needs_reconsent
    assert not client_summary(client, frozenset({"2025-06"})).needs_reconsent
    assert not client_summary(replace(client, has_form=False), frozenset({"2026-01"})).needs_reconsent


def test_the_detail_masks_every_personal_field_and_gives_choices_as_codes() -> None:
    view = client_detail(buyer())
    assert (view.name, view.phone, view.id_number) == ("欧***", "0755-******34", "110***********1239")
    assert view.email == "z***@example.cn" and view.address == "广东省深圳市南山区******"
    assert (view.income_band, view.income_band_shown) == ("30_50", True)
    assert view.choices == {
        "intention_level": "A",
        "property_type": "residential",
        "budget_band": "300_500",
        "source_channel": "referral",
    }
    assert view.notes == "只看南向" and not view.id_number_held
    assert "19900307" not in repr(asdict(view)) and "科技园" not in repr(asdict(view))


def test_an_unknown_income_code_is_not_shown_and_never_raises() -> None:
    client = buyer()
    view = client_detail(replace(client, values=replace(client.values, income_band="exactly_420000")))
    assert (view.income_band, view.income_band_shown) == ("exactly_420000", False)
    view = client_detail(replace(client, values=replace(client.values, income_band=None)))
    assert (view.income_band, view.income_band_shown) == (None, False)


def test_an_id_kept_only_for_the_legal_hold_is_not_shown_at_all() -> None:
    client = buyer()
    view = client_detail(replace(client, values=replace(client.values, sensitive_consent=False)))
    assert view.id_number == "" and view.id_number_held


def test_view_attributes_are_named_as_the_registry_fields() -> None:
    """The field registry keys fields by their canonical names; the views use the same names."""
    canonical = set(CLIENT_FIELDS.names()) | {"choices"}
    own = {"id", "assigned_agent_id", "phone_kind", "address", "created_at", "updated_at", "last_contact_at"}
    flags = {"id_number_held", "income_band_shown", "needs_reconsent"}
    for view in (ClientDetail, ClientSummary, HqClientRow):
        assert {f.name for f in fields(view)} - own - flags <= canonical, view


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "+86 199 1234 5678",
        "010-62581234",
        "020-87654321",
        "0755-26581234",
        "0571-87654321",
        "0912-2123456",
        "+852 9123 4567",
        "+853 6612 3456",
        "+886 912 345 678",
        "+1 415 555 2671",
        "+44 7911 123456",
        "+65 9123 4567",
    ],
)
def test_a_stored_phone_is_masked_as_before_without_parsing_it(typed: str) -> None:
    number = validate_phone(typed)
    assert masked_phone(number.e164, number.kind.value) == old_rule(typed)


def test_every_mainland_area_code_masks_as_the_parsed_display_did() -> None:
    """Area code lengths come from the number plan (010, 02x: two digits after the 0; others three)."""
    areas = ["10", *(f"2{d}" for d in range(10)), *(str(code) for code in range(300, 1000))]
    checked = 0
    for area in areas:
        for subscriber in ("2658123", "26581234", "8765432", "87654321"):
            try:
                number = validate_phone(f"0{area}{subscriber}")
            except InvalidInput:
                continue
            assert masked_phone(number.e164, number.kind.value) == old_rule(number.e164), number.display
            checked += 1
    assert checked > 500


@pytest.mark.parametrize(
    ("e164", "kind", "masked"),
    [
        ("+8613812345678", "mobile", "138****5678"),
        ("+86138123", "mobile", "+86 ***123"),  # not the shape of a mobile: the foreign rule
        ("+85291234567", "mobile", "+852 ****4567"),
        ("+8675526581234", "landline", "0755-******34"),
        ("+861062581234", "landline", "010-******34"),
        ("+86755", "landline", "***755"),  # never more than half
        ("", "mobile", ""),
        ("not a number", "landline", "********mber"),
        ("+8613812345678", "unknown kind", "+86 *******5678"),
    ],
)
def test_odd_stored_phones_are_masked_more_never_less(e164: str, kind: str, masked: str) -> None:
    assert masked_phone(e164, kind) == masked


def test_the_hq_row_is_built_from_the_domain_alone_and_shows_only_masked_values() -> None:
    row = hq_client_row(buyer())
    assert row == HqClientRow(
        name="欧***",
        district="南山区",
        intention_level="A",
        property_type="residential",
        budget_band="300_500",
        stage="subscription",
    )
    text = repr(asdict(row))
    for raw in ("欧阳娜娜", "26581234", RESIDENT_ID, "zhang.wei", "科技园", "只看南向", "30_50"):
        assert raw not in text


def test_the_hq_row_never_shows_an_address_line_typed_into_the_district() -> None:
    client = buyer()
    typed_in = replace(client, values=replace(client.values, district="科技园路1号"))
    assert hq_client_row(typed_in).district == ""
    assert hq_client_row(replace(client, values=replace(client.values, district=None))).district == ""


def test_the_hq_row_holds_exactly_the_fields_the_registry_sends_as_a_masked_row() -> None:
    """The registry records what headquarters receives; the HQ row the domain builds must agree
    (issue 13's row: masked name, district, intention, property type, budget band, stage), and the
    phone and ID number reach HQ only as the keyed pseudonym, never as values."""
    from desktop_app.domain.client_field_registry import HqShare

    in_row = {f.name for f in CLIENT_FIELDS if f.hq is HqShare.MASKED_ROW}
    assert in_row == {f.name for f in fields(HqClientRow)}
    assert {f.name for f in CLIENT_FIELDS if f.hq is HqShare.PSEUDONYM} == {"phone", "id_number"}
    never = {"email", "address_detail", "notes", "income_band"}
    assert {f.name for f in CLIENT_FIELDS if f.hq is HqShare.NONE} >= never
