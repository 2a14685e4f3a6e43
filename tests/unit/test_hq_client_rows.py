"""Per-client rows: masked exactly like the domain's HqClientRow view; the setting's validation and
expiry; an unreadable stored setting counts as off."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.client_record import ClientRecord, ClientValues
from desktop_app.domain.client_views import hq_client_row
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.hq_summary.client_rows import (
    ClientRowsSetting,
    LegalBasis,
    client_row,
    client_rows_setting,
)

names = st.one_of(
    st.text("王李欧阳娜伟明", min_size=1, max_size=5), st.text("ABCxyz ", min_size=1, max_size=12)
)
districts = st.one_of(st.none(), st.sampled_from(("南山区", "浦东新区", "Kowloon City", "科技园路1号", "  ")))


@given(
    name=names,
    district=districts,
    level=st.sampled_from(("A", "B", "C", None)),
    stage=st.sampled_from(("lead", "visiting", "closed")),
)
def test_rows_mask_like_the_hq_client_row_view(
    name: str, district: str | None, level: str | None, stage: str
) -> None:
    if not name.strip():
        return
    values = ClientValues(
        full_name=name,
        phone_e164="+8613800000000",
        phone_kind="mobile",
        stage=stage,
        district=district,
        choices={} if level is None else {"intention_level": level},
    )
    view = hq_client_row(ClientRecord(1, 7, values, "t", "t", None))
    row = client_row(
        pseudonym="p",
        full_name=name,
        district=district,
        intention_level=level,
        property_type=None,
        budget_band=None,
        stage=stage,
        agent_id=7,
    )
    assert row["masked_name"] == view.name and row["district"] == view.district
    assert (row["intention_level"], row["stage"], row["agent_code"]) == (
        view.intention_level,
        view.stage,
        "A7",
    )


def test_setting_validation_and_expiry() -> None:
    assert client_rows_setting(enabled=False, legal_basis="entrustment") == ClientRowsSetting()
    with pytest.raises(InvalidInput):
        client_rows_setting(enabled=True)
    with pytest.raises(InvalidInput):
        client_rows_setting(enabled=True, legal_basis="entrustment", reference="W", expires="31/12/2030")
    with pytest.raises(InvalidInput):
        client_rows_setting(enabled=True, legal_basis="same_entity", reference="x" * 121)
    setting = client_rows_setting(
        enabled=True, legal_basis="entrustment", reference=" W-1 ", expires="2030-06-30"
    )
    assert setting == ClientRowsSetting(True, LegalBasis.ENTRUSTMENT, "W-1", date(2030, 6, 30))
    assert setting.active_on(date(2030, 6, 30)) and not setting.active_on(date(2030, 7, 1))
    assert ClientRowsSetting.from_json(setting.to_json()) == setting
    assert not ClientRowsSetting().active_on(date(2030, 1, 1))


@pytest.mark.parametrize(
    "stored",
    [None, b"", b"not json", b'{"enabled": true}', b'{"enabled": true, "legal_basis": "entrustment"}', b"[]"],
)
def test_unreadable_or_invalid_stored_setting_is_off(stored: bytes | None) -> None:
    assert ClientRowsSetting.from_json(stored) == ClientRowsSetting()
