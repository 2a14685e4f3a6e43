"""The consent-purpose registry: kinds, what each purpose unlocks, withdrawal and guardians."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.client_record import BUYER_STAGES, Stage, draft_fields, sensitive_fields_allowed
from desktop_app.domain.consent_purposes import (
    FEATURE_HQ_SUMMARY,
    FEATURE_MARKETING_CONTACT,
    GUARDIAN_AGE,
    PURPOSES,
    ConsentKind,
    PurposeId,
    consent_purposes,
    features_unlocked,
    fields_unlocked,
    purpose,
    purposes_unlocking,
    requires_guardian,
)
from desktop_app.domain.field_errors import FieldLabel

PURPOSE_FIELD = FieldLabel("purpose", "目的", "purpose")
purpose_sets = st.sets(st.sampled_from(list(PurposeId)))


def test_the_four_purposes_and_their_kinds() -> None:
    kinds = {p.id: p.kind for p in PURPOSES.values()}
    assert kinds == {
        PurposeId.HOME_PURCHASE: ConsentKind.NOTICE_ONLY,
        PurposeId.SENSITIVE_DATA: ConsentKind.SEPARATE,
        PurposeId.HQ_SHARING: ConsentKind.SEPARATE,
        PurposeId.MARKETING_CONTACT: ConsentKind.OPTIONAL,
    }
    assert [p.id for p in consent_purposes()] == [
        PurposeId.SENSITIVE_DATA,
        PurposeId.HQ_SHARING,
        PurposeId.MARKETING_CONTACT,
    ]
    assert [p.id for p in PURPOSES.values() if p.needs_own_signature] == [
        PurposeId.SENSITIVE_DATA,
        PurposeId.HQ_SHARING,
    ]


def test_labels_in_both_languages_and_parse() -> None:
    for pid in PurposeId:
        assert pid.label_zh and pid.label_en and pid.label_zh != pid.label_en
        assert PurposeId.parse(pid.label_zh, PURPOSE_FIELD) is pid
    assert purpose("hq_sharing").id is PurposeId.HQ_SHARING


def test_sensitive_fields_are_unlocked_only_by_the_sensitive_consent() -> None:
    for name in ("id_type", "id_number", "income_band"):
        assert purposes_unlocking(name) == (PurposeId.SENSITIVE_DATA,)
    assert purposes_unlocking("phone") == (PurposeId.HOME_PURCHASE,)
    assert purposes_unlocking("no_such_field") == ()
    assert "id_number" not in fields_unlocked([])
    assert "id_number" not in fields_unlocked([PurposeId.HQ_SHARING, PurposeId.MARKETING_CONTACT])
    assert {"id_type", "id_number", "income_band"} <= fields_unlocked(["sensitive_data"])


def test_every_client_field_belongs_to_exactly_one_purpose() -> None:
    owned = [name for p in PURPOSES.values() for name in p.fields]
    assert len(owned) == len(set(owned))
    assert set(owned) == draft_fields() - {"sensitive_consent"}


def test_art30_statement_for_sensitive_data_only() -> None:
    sensitive = purpose(PurposeId.SENSITIVE_DATA)
    assert sensitive.states_necessity
    for wording in (sensitive.necessity, sensitive.impact):
        assert wording.zh and wording.en
    assert "身份" in sensitive.necessity.zh and "ID number" in sensitive.necessity.en
    assert [p.id for p in PURPOSES.values() if p.states_necessity] == [PurposeId.SENSITIVE_DATA]


def test_withdrawal() -> None:
    assert not purpose(PurposeId.HOME_PURCHASE).withdrawable
    for p in consent_purposes():
        assert p.withdrawable and p.withdrawal_stops.zh and p.withdrawal_stops.en


def test_hq_summary_only_with_hq_consent() -> None:
    assert FEATURE_HQ_SUMMARY in features_unlocked([PurposeId.HQ_SHARING])
    assert FEATURE_HQ_SUMMARY not in features_unlocked(
        [PurposeId.SENSITIVE_DATA, PurposeId.MARKETING_CONTACT]
    )
    assert FEATURE_MARKETING_CONTACT in features_unlocked(["marketing_contact"])
    assert [p.id for p in PURPOSES.values() if p.shares_with_recipient] == [PurposeId.HQ_SHARING]


@given(purpose_sets)
def test_unlocking_is_exactly_the_union_of_granted_and_notice_only(granted: set[PurposeId]) -> None:
    in_effect = [p for p in PURPOSES.values() if p.id in granted or p.kind is ConsentKind.NOTICE_ONLY]
    assert fields_unlocked(granted) == frozenset().union(*(p.fields for p in in_effect))
    assert features_unlocked(granted) == frozenset().union(*(p.features for p in in_effect))
    # withdrawing one purpose never unlocks more
    for pid in granted:
        assert fields_unlocked(granted - {pid}) <= fields_unlocked(granted)
        assert features_unlocked(granted - {pid}) <= features_unlocked(granted)
    assert (FEATURE_HQ_SUMMARY in features_unlocked(granted)) == (PurposeId.HQ_SHARING in granted)


@given(st.integers(min_value=0, max_value=120))
def test_guardian_under_14(age: int) -> None:
    assert requires_guardian(age) == (age < 14)
    assert GUARDIAN_AGE == 14
    assert all(p.needs_guardian(age) == (age < 14) for p in PURPOSES.values())


@given(st.sampled_from(list(Stage)), st.booleans())
def test_sensitive_fields_allowed_follows_the_registry(stage: Stage, consent: bool) -> None:
    assert sensitive_fields_allowed(stage, consent) == (consent and stage in BUYER_STAGES)
    assert sensitive_fields_allowed(stage.value, consent) == sensitive_fields_allowed(stage, consent)
