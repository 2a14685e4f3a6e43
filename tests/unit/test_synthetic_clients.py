"""The synthetic demo-client generator: deterministic, valid by the real validators, no duplicates."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.client_fields import is_cjk_ideograph
from desktop_app.domain.client_record import Stage, sensitive_fields_allowed, validate_draft
from desktop_app.domain.identity_documents import IdType, age_on
from desktop_app.domain.phone_numbers import PhoneKind
from desktop_app.domain.provincial_divisions import MAINLAND_CODES
from desktop_app.domain.resident_id_numbers import check_character
from desktop_app.domain.synthetic_clients import SyntheticClient, synthetic_clients

TODAY = date(2027, 1, 15)


def test_the_same_seed_gives_the_same_clients() -> None:
    assert synthetic_clients(60, seed=7, today=TODAY) == synthetic_clients(60, seed=7, today=TODAY)
    assert synthetic_clients(60, seed=7, today=TODAY) != synthetic_clients(60, seed=8, today=TODAY)


def test_a_longer_set_starts_with_the_shorter_one() -> None:
    assert synthetic_clients(80, seed=3, today=TODAY)[:20] == synthetic_clients(20, seed=3, today=TODAY)


def test_zero_clients_and_a_negative_count() -> None:
    assert synthetic_clients(0, today=TODAY) == []
    with pytest.raises(ValueError):
        synthetic_clients(-1, today=TODAY)


def _check_set(clients: list[SyntheticClient], today: date) -> None:
    phones: set[str] = set()
    ids: set[str] = set()
    for client in clients:
        draft = client.draft
        values = validate_draft(draft, today=today)
        assert values.phone_kind == PhoneKind.MOBILE
        assert values.phone_e164 not in phones
        phones.add(values.phone_e164)
        if values.id_number is not None:
            assert values.id_number not in ids
            ids.add(values.id_number)
            assert sensitive_fields_allowed(values.stage, values.sensitive_consent)
            assert values.income_band is not None
        if values.id_type == IdType.RESIDENT_ID:
            number = values.id_number
            assert number is not None and len(number) == 18
            assert number[17] == check_character(number[:17])
            assert number[:2] in MAINLAND_CODES
            assert 22 <= age_on(number, today) <= 66
        for followup in client.followups:
            assert followup.ago >= timedelta(days=1)  # in the past
            assert followup.note.strip()
        assert [f.ago for f in client.followups] == sorted((f.ago for f in client.followups), reverse=True)


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), count=st.integers(min_value=1, max_value=25))
def test_every_generated_client_passes_the_domain_validators(seed: int, count: int) -> None:
    _check_set(synthetic_clients(count, seed=seed, today=TODAY), TODAY)


def test_a_demo_sized_set_is_valid_and_realistic() -> None:
    today = date(2026, 6, 1)
    clients = synthetic_clients(500, today=today)
    _check_set(clients, today)
    drafts = [c.draft for c in clients]
    stages = Counter(d.stage for d in drafts)
    assert set(stages) == {stage.value for stage in Stage}
    sensitive = [d for d in drafts if d.id_number]
    assert len(sensitive) >= 50
    assert all(d.stage in ("subscription", "contract", "closed") and d.sensitive_consent for d in sensitive)
    assert {d.city for d in drafts} >= {"深圳市", "广州市", "北京市", "上海市"}
    assert sum(len(c.followups) for c in clients) >= len(clients)
    chinese = [d.name for d in drafts if all(is_cjk_ideograph(ch) for ch in d.name)]
    assert len(chinese) > 0.9 * len(drafts)
    assert any(
        len(name) >= 3 and name[:2] in ("欧阳", "司马", "上官", "诸葛", "东方", "慕容", "司徒", "皇甫")
        for name in chinese
    )
    assert any(" " in d.name for d in drafts)  # a few foreign names
    assert all(d.email.endswith(("@example.com", "@example.net", "@example.org")) for d in drafts if d.email)
