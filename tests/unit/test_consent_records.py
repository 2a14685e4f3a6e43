"""Rules for recording a signed consent form and withdrawing consent (domain/consent_records.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.client_record import ClientRecord, ClientValues
from desktop_app.domain.consent_form_number import ALPHABET, RANDOM_LENGTH
from desktop_app.domain.consent_purposes import (
    FEATURE_HQ_SUMMARY,
    FEATURE_MARKETING_CONTACT,
    FEATURE_SENSITIVE_DATA,
    GuardianRelation,
    PurposeId,
    consent_purposes,
)
from desktop_app.domain.consent_records import (
    LEGAL_HOLD_FIELDS,
    SCAN_MAX_BYTES,
    ConsentEvent,
    ConsentFormDraft,
    ConsentMethod,
    ConsentStatus,
    NotWithdrawable,
    ScanType,
    check_scan,
    current_status,
    granted_purposes,
    needs_reconsent,
    takes_part_in,
    validate_consent_form,
    validate_note,
    withdrawal_effect,
)
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.field_errors import InvalidField

TODAY = date(2026, 11, 30)
BRANCH = "SZ001"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"\x00" * 64
SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"%PDF-")
ASKED = [p.id.value for p in consent_purposes()]


def number(day: date = TODAY, branch: str = BRANCH, random: str = "K7QM2X") -> str:
    return f"{branch}-{day:%Y%m%d}-{random}"


def answers(**ticked: bool) -> dict[str, bool]:
    return {code: ticked.get(code, False) for code in ASKED}


def draft(**changes: object) -> ConsentFormDraft:
    base: dict[str, object] = {
        "form_number": number(),
        "answers": answers(sensitive_data=True),
        "signed_on": TODAY,
    }
    base.update(changes)
    return ConsentFormDraft(**base)  # type: ignore[arg-type]


def validate(form: ConsentFormDraft, *, under_14: bool | None = False, branch: str = BRANCH) -> object:
    return validate_consent_form(form, today=TODAY, branch_code=branch, client_under_14=under_14)


# ------------------------------------------------------------------------------------------- scans


@pytest.mark.parametrize(("data", "kind"), [(JPEG, ScanType.JPEG), (PNG, ScanType.PNG), (PDF, ScanType.PDF)])
def test_scans_are_typed_by_their_content(data: bytes, kind: ScanType) -> None:
    scan = check_scan(data)
    assert scan.media_type is kind and scan.data == data
    assert str(len(data)) in repr(scan) and "\\x" not in repr(scan)  # never the bytes


def test_a_scan_at_the_limit_is_accepted_and_one_byte_more_is_refused() -> None:
    assert check_scan(PDF + b"\x00" * (SCAN_MAX_BYTES - len(PDF))).media_type is ScanType.PDF
    with pytest.raises(InvalidField) as info:
        check_scan(PDF + b"\x00" * (SCAN_MAX_BYTES + 1 - len(PDF)))
    assert info.value.reason == "scan_too_large" and "MB" in info.value.zh and "MB" in info.value.en


@pytest.mark.parametrize(
    "data", [b"GIF89a" + b"\x00" * 20, b"PK\x03\x04 a zip", b"<html>", b"\xff\xd8", b"%PDF", b"x"]
)
def test_other_content_is_refused_whatever_the_file_was_called(data: bytes) -> None:
    with pytest.raises(InvalidField) as info:
        check_scan(data)
    assert info.value.field == "scan" and info.value.reason == "scan_type"
    assert "JPEG" in info.value.zh and "PDF" in info.value.en


def test_an_empty_scan_is_refused() -> None:
    with pytest.raises(InvalidField) as info:
        check_scan(b"")
    assert info.value.reason == "scan_empty"


@given(st.binary(max_size=64))
def test_content_without_a_known_signature_is_never_accepted(data: bytes) -> None:
    if any(data.startswith(magic) for magic in SIGNATURES):
        assert check_scan(data).data == data
    else:
        with pytest.raises(InvalidField):
            check_scan(data)


@given(st.sampled_from(SIGNATURES), st.integers(min_value=1, max_value=4096))
def test_any_size_over_the_limit_is_refused(magic: bytes, extra: int) -> None:
    with pytest.raises(InvalidField) as info:
        check_scan(magic + b"\x00" * (SCAN_MAX_BYTES - len(magic) + extra))
    assert info.value.reason == "scan_too_large"


# -------------------------------------------------------------------------------------------- forms


def test_a_valid_form_gives_one_answer_per_purpose_in_registry_order() -> None:
    entry = validate(draft(answers=answers(sensitive_data=True, marketing_contact=True), scan=PNG))
    assert [p.value for p, _ in entry.answers] == ASKED  # type: ignore[attr-defined]
    assert entry.granted() == {PurposeId.SENSITIVE_DATA, PurposeId.MARKETING_CONTACT}  # type: ignore[attr-defined]
    assert entry.method is ConsentMethod.PAPER_FORM and entry.guardian is None  # type: ignore[attr-defined]
    assert entry.scan.media_type is ScanType.PNG  # type: ignore[attr-defined]
    assert entry.form_number == number()  # type: ignore[attr-defined]


def test_the_form_number_is_read_as_typed() -> None:
    entry = validate(draft(form_number="  sz001-2026 1130-k7qm2x "))
    assert entry.form_number == number()  # type: ignore[attr-defined]


def test_home_purchase_is_not_asked() -> None:
    with pytest.raises(InvalidField) as info:
        validate(draft(answers={**answers(), "home_purchase": True}))
    assert info.value.reason == "unknown_purpose" and "home_purchase" in info.value.en


def test_every_consent_purpose_must_be_answered() -> None:
    partial = answers()
    del partial["hq_sharing"]
    with pytest.raises(InvalidField) as info:
        validate(draft(answers=partial))
    assert info.value.reason == "answer_missing"
    assert PurposeId.HQ_SHARING.label_zh in info.value.zh and PurposeId.HQ_SHARING.label_en in info.value.en


def test_another_branch_s_form_is_refused() -> None:
    with pytest.raises(InvalidField) as info:
        validate(draft(form_number=number(branch="GZ002")))
    assert info.value.reason == "other_branch" and "GZ002" in info.value.zh and BRANCH in info.value.en


def test_a_form_cannot_be_signed_before_it_was_printed_or_after_today() -> None:
    with pytest.raises(InvalidField) as before:
        validate(draft(form_number=number(TODAY), signed_on=TODAY - timedelta(days=1)))
    assert before.value.reason == "before_printed"
    with pytest.raises(InvalidField) as future:
        validate(draft(form_number=number(TODAY), signed_on=TODAY + timedelta(days=1)))
    assert future.value.reason == "future"
    assert validate(draft(form_number=number(TODAY - timedelta(days=5)), signed_on=TODAY - timedelta(days=2)))


def test_a_malformed_form_number_is_refused() -> None:
    for text in ("", "SZ001-20261130", "SZ001-20261131-K7QM2X", "SZ001-20261130-K7QM21"):
        with pytest.raises(InvalidInput):
            validate(draft(form_number=text))


def test_an_imported_record_may_have_no_form_number_but_not_another_branch_s() -> None:
    entry = validate(draft(form_number="", method="imported", signed_on=TODAY - timedelta(days=400)))
    assert entry.form_number is None and entry.method is ConsentMethod.IMPORTED  # type: ignore[attr-defined]
    with pytest.raises(InvalidField):
        validate(draft(form_number=number(branch="GZ002"), method="imported"))
    with pytest.raises(InvalidInput):
        validate(draft(method="by_telepathy"))


def test_a_client_under_14_needs_a_guardian() -> None:
    with pytest.raises(InvalidField) as info:
        validate(draft(), under_14=True)
    assert info.value.reason == "guardian_required" and "14" in info.value.zh
    entry = validate(draft(guardian_name="张大山", guardian_relation="father"), under_14=True)
    assert entry.guardian.name == "张大山" and entry.guardian.relation is GuardianRelation.FATHER  # type: ignore[attr-defined]


def test_a_guardian_is_refused_when_the_id_shows_14_or_older_and_allowed_when_unknown() -> None:
    guarded = draft(guardian_name="张大山", guardian_relation="mother")
    with pytest.raises(InvalidField) as info:
        validate(guarded, under_14=False)
    assert info.value.reason == "guardian_not_needed"
    assert validate(guarded, under_14=None).guardian is not None  # type: ignore[attr-defined]
    assert validate(draft(), under_14=None).guardian is None  # type: ignore[attr-defined]


def test_a_guardian_needs_a_valid_name_and_relation() -> None:
    with pytest.raises(InvalidField) as no_relation:
        validate(draft(guardian_name="张大山"), under_14=True)
    assert no_relation.value.field == "guardian_relation"
    with pytest.raises(InvalidField) as no_name:
        validate(draft(guardian_relation="father"), under_14=True)
    assert no_name.value.field == "guardian_name"
    with pytest.raises(InvalidInput) as bad_name:
        validate(draft(guardian_name="1234", guardian_relation="father"), under_14=True)
    assert bad_name.value.zh.startswith("监护人")
    with pytest.raises(InvalidInput):
        validate(draft(guardian_name="张大山", guardian_relation="uncle"), under_14=True)


def test_a_bad_scan_refuses_the_whole_form() -> None:
    with pytest.raises(InvalidField) as info:
        validate(draft(scan=b"GIF89a"))
    assert info.value.field == "scan"


def test_reprs_hold_no_personal_data() -> None:
    entry = validate(draft(guardian_name="张大山", guardian_relation="father", scan=JPEG), under_14=True)
    assert "张大山" not in repr(entry) and "张大山" not in repr(
        draft(guardian_name="张大山", guardian_relation="father")
    )


codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", min_size=1, max_size=16)
randoms = st.text(alphabet=ALPHABET, min_size=RANDOM_LENGTH, max_size=RANDOM_LENGTH)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(codes, days, days, randoms, st.dictionaries(st.sampled_from(ASKED), st.booleans()))
def test_never_a_future_signature_or_another_branch_s_form(
    code: str, printed: date, signed: date, random: str, ticked: dict[str, bool]
) -> None:
    form = draft(form_number=number(printed, code, random), signed_on=signed, answers=answers(**ticked))
    try:
        entry = validate(form)
    except InvalidInput:
        return
    assert code == BRANCH and printed <= signed <= TODAY
    assert entry.granted() == {PurposeId(k) for k, v in ticked.items() if v}  # type: ignore[attr-defined]


@given(days, randoms)
def test_this_branch_s_form_signed_between_printing_and_today_is_accepted(printed: date, random: str) -> None:
    signed = min(max(printed, TODAY - timedelta(days=30)), TODAY)
    form = draft(form_number=number(printed, BRANCH, random), signed_on=signed)
    if printed <= TODAY:
        assert validate(form).signed_on == signed  # type: ignore[attr-defined]
    else:
        with pytest.raises(InvalidField):
            validate(form)


def test_notes_are_squeezed_and_limited() -> None:
    assert validate_note("  客户  来电\n撤回 ") == "客户 来电 撤回"
    with pytest.raises(InvalidField):
        validate_note("字" * 201)


# --------------------------------------------------------------------------------------- withdrawal


def test_withdrawing_sensitive_data_deletes_id_and_income_without_a_hold() -> None:
    effect = withdrawal_effect(PurposeId.SENSITIVE_DATA, under_legal_hold=False)
    assert effect.delete_fields == {"id_type", "id_number", "income_band"}
    assert effect.keep_fields == frozenset() and effect.stops == {FEATURE_SENSITIVE_DATA}


def test_a_buyer_under_the_hold_keeps_only_the_id_document() -> None:
    effect = withdrawal_effect("sensitive_data", under_legal_hold=True)
    assert effect.keep_fields == LEGAL_HOLD_FIELDS == {"id_type", "id_number"}
    assert effect.delete_fields == {"income_band"}


@pytest.mark.parametrize(
    ("purpose_id", "feature"),
    [(PurposeId.HQ_SHARING, FEATURE_HQ_SUMMARY), (PurposeId.MARKETING_CONTACT, FEATURE_MARKETING_CONTACT)],
)
@pytest.mark.parametrize("hold", [True, False])
def test_withdrawing_hq_or_marketing_stops_the_feature_and_deletes_nothing(
    purpose_id: PurposeId, feature: str, hold: bool
) -> None:
    effect = withdrawal_effect(purpose_id, under_legal_hold=hold)
    assert effect.stops == {feature} and not effect.delete_fields and not effect.keep_fields


def test_home_purchase_cannot_be_withdrawn() -> None:
    with pytest.raises(NotWithdrawable) as info:
        withdrawal_effect(PurposeId.HOME_PURCHASE, under_legal_hold=False)
    assert "不能撤回" in info.value.zh and "cannot be withdrawn" in info.value.en


# ------------------------------------------------------------------------------------------- status


def event(purpose_id: str, what: str, at: str = "2026-11-30T00:00:00Z") -> ConsentEvent:
    return ConsentEvent(purpose_id, what, at)


def test_status_is_not_asked_without_events_and_the_latest_event_otherwise() -> None:
    assert set(current_status([]).values()) == {ConsentStatus.NOT_ASKED}
    assert PurposeId.HOME_PURCHASE not in current_status([])
    status = current_status(
        [
            event("sensitive_data", "granted"),
            event("hq_sharing", "granted"),
            event("hq_sharing", "withdrawn"),
            event("marketing_contact", "refused"),
            event("no_longer_a_purpose", "granted"),
        ]
    )
    assert status == {
        PurposeId.SENSITIVE_DATA: ConsentStatus.GRANTED,
        PurposeId.HQ_SHARING: ConsentStatus.WITHDRAWN,
        PurposeId.MARKETING_CONTACT: ConsentStatus.REFUSED,
    }
    assert granted_purposes([event("hq_sharing", "refused"), event("hq_sharing", "granted")]) == {
        PurposeId.HQ_SHARING
    }


@given(st.lists(st.tuples(st.sampled_from(ASKED), st.sampled_from(["granted", "refused", "withdrawn"]))))
def test_current_status_is_the_latest_event_of_each_purpose(history: list[tuple[str, str]]) -> None:
    status = current_status(event(p, e) for p, e in history)
    for code in ASKED:
        mine = [e for p, e in history if p == code]
        assert status[PurposeId(code)] is (ConsentStatus(mine[-1]) if mine else ConsentStatus.NOT_ASKED)


def test_reconsent_only_for_a_stale_version() -> None:
    assert needs_reconsent("2026-11-v1", {"2026-11-v1"})
    assert not needs_reconsent("2026-12-v2", {"2026-11-v1"})
    assert not needs_reconsent(None, {"2026-11-v1"})
    assert not needs_reconsent("2026-11-v1", [])


def client(
    *, hq: bool = False, marketing: bool = False, sensitive: bool = False, storage: bool = False
) -> ClientRecord:
    values = ClientValues(
        full_name="张伟",
        phone_e164="+8613812345678",
        phone_kind="mobile",
        stage="lead",
        sensitive_consent=sensitive,
    )
    return ClientRecord(
        id=1,
        assigned_agent_id=2,
        values=values,
        created_at="2026-11-30T00:00:00Z",
        updated_at="2026-11-30T00:00:00Z",
        last_contact_at=None,
        storage_only_since="2026-12-01T00:00:00Z" if storage else None,
        hq_consent=hq,
        marketing_consent=marketing,
    )


def test_takes_part_in_follows_the_flags_and_never_in_storage_only() -> None:
    assert takes_part_in(client(hq=True), FEATURE_HQ_SUMMARY)
    assert not takes_part_in(client(), FEATURE_HQ_SUMMARY)
    assert not takes_part_in(
        client(hq=True, marketing=True, sensitive=True, storage=True), FEATURE_HQ_SUMMARY
    )
    assert takes_part_in(client(marketing=True), FEATURE_MARKETING_CONTACT)
    assert not takes_part_in(client(hq=True), FEATURE_MARKETING_CONTACT)
    assert takes_part_in(client(sensitive=True), FEATURE_SENSITIVE_DATA)
    assert not takes_part_in(client(hq=True, marketing=True, sensitive=True), "no_such_feature")


@given(st.booleans(), st.booleans(), st.booleans())
def test_a_client_without_hq_consent_never_takes_part_in_hq_summaries(
    marketing: bool, sensitive: bool, storage: bool
) -> None:
    assert not takes_part_in(
        client(hq=False, marketing=marketing, sensitive=sensitive, storage=storage), FEATURE_HQ_SUMMARY
    )
