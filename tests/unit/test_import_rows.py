"""One spreadsheet row to a validated client or a rejection: cell values as Excel gives them, the
consent column, dropping sensitive fields, and splitting a whole address."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.import_rows import (
    DROPPED_NO_CONSENT,
    DROPPED_STAGE,
    AcceptedRow,
    DroppedField,
    RejectedRow,
    cell_text,
    parse_row,
    split_address,
)

fx = importlib.import_module("tests.fixtures.import.make_fixtures")
TODAY = date(2027, 1, 15)
MAPPING = ["name", "phone", "id_number", "income_band", "stage", "sensitive_consent", "ignore"]


def parse(cells: Sequence[object], *, file_consent: bool = False, mapping: Sequence[str] = MAPPING) -> object:
    return parse_row(cells, mapping, row_number=7, file_consent=file_consent, today=TODAY)


def accepted(cells: Sequence[object], **kwargs: bool) -> AcceptedRow:
    row = parse(cells, **kwargs)
    assert isinstance(row, AcceptedRow), row
    return row


def rejected(cells: Sequence[object], **kwargs: bool) -> RejectedRow:
    row = parse(cells, **kwargs)
    assert isinstance(row, RejectedRow), row
    return row


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (13812345678.0, "13812345678"),
        (13812345678, "13812345678"),
        (3.5, "3.5"),
        (True, "是"),
        (datetime(2023, 5, 1), "2023-05-01"),
        (datetime(2023, 5, 1, 9, 30), "2023-05-01 09:30:00"),
        (date(2023, 5, 1), "2023-05-01"),
        ("  张伟 ", "张伟"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_a_phone_stored_as_a_float_is_read_as_the_number() -> None:
    row = accepted(["张伟", 13812345678.0, None, None, None, None, "extra"])
    assert row.values.phone_e164 == "+8613812345678" and row.values.stage == "lead" and row.row_number == 7


def test_surname_and_phone_are_enough() -> None:
    assert accepted(["张", "13812345678"]).values.full_name == "张"


def test_an_id_number_excel_stored_as_a_number_is_rejected_not_corrected() -> None:
    for number in (1.10105199003071e17, 110105199003071239):
        row = rejected(["李娜", "13912345678", number, None, "认购", "是"])
        assert (row.field, row.reason, row.row_number) == ("id_number", "lost_precision", 7)
        assert "Excel" in row.message_zh and "text" in row.message_en
    old_id = accepted(["李娜", "13912345678", 110105900307123, None, "认购", "是"])  # 15 digits are exact
    assert old_id.values.id_type == "resident_id_15" and old_id.values.id_number == "110105900307123"


def test_sensitive_fields_are_kept_only_with_consent_and_a_buyer_stage() -> None:
    cells = ["李娜", "13912345678", fx.LINA_ID, "30–50万元/年", "认购", None]
    without = accepted(cells)
    assert without.values.id_number is None and without.values.income_band is None
    assert without.dropped == (
        DroppedField("id_number", DROPPED_NO_CONSENT),
        DroppedField("income_band", DROPPED_NO_CONSENT),
    )
    with_column = accepted([*cells[:5], "是"])
    assert with_column.values.id_number == fx.LINA_ID and with_column.values.sensitive_consent
    assert with_column.dropped == ()
    with_file = accepted(cells, file_consent=True)
    assert with_file.values.income_band == "30_50" and with_file.dropped == ()
    lead = accepted(["李娜", "13912345678", fx.LINA_ID, None, "线索", "是"])
    assert lead.values.id_number is None and lead.dropped == (DroppedField("id_number", DROPPED_STAGE),)
    assert lead.values.sensitive_consent  # the consent itself is still recorded


def test_a_dropped_id_number_is_not_validated() -> None:
    row = accepted(["刘洋", "13412345678", fx.bad_checksum("44030519880615001"), None, None, None])
    assert row.dropped == (DroppedField("id_number", DROPPED_NO_CONSENT),)


def test_a_kept_id_number_is_validated_like_intake() -> None:
    row = rejected(["赵敏", "13712345678", fx.bad_checksum("11010519900307123"), None, "签约", "是"])
    assert row.field == "id_number" and row.cells[0] == "赵敏"


@pytest.mark.parametrize("answer", ["是", "yes", "Y", 1, 1.0, "同意", True])
def test_consent_column_yes(answer: object) -> None:
    assert accepted(["李娜", "13912345678", fx.LINA_ID, None, "认购", answer]).values.id_number == fx.LINA_ID


@pytest.mark.parametrize("answer", ["否", "no", 0, "", None, "未同意"])
def test_consent_column_no(answer: object) -> None:
    assert accepted(["李娜", "13912345678", fx.LINA_ID, None, "认购", answer]).values.id_number is None


@pytest.mark.parametrize("answer", ["也许", "false?", 2, "待签"])
def test_an_unclear_consent_answer_rejects_the_row(answer: object) -> None:
    row = rejected(["李娜", "13912345678", None, None, None, answer])
    assert row.field == "sensitive_consent" and "是" in row.message_zh


def test_rejections_name_the_field_in_both_languages() -> None:
    no_name = rejected([None, "13812345678"])
    assert no_name.field == "name" and "姓名" in no_name.message_zh and "Name" in no_name.message_en
    bad_phone = rejected(["张伟", "12345"])
    assert bad_phone.field == "phone"
    bad_stage = rejected(["张伟", "13812345678", None, None, "火星"])
    assert bad_stage.field == "stage"
    assert "张伟" not in repr(bad_phone) and "12345" not in repr(bad_phone)


def test_rows_with_nothing_in_the_mapped_columns_are_skipped() -> None:
    assert parse([None, "  ", None, None, None, None, "only an extra column"]) is None


def test_the_first_filled_column_of_a_field_is_used() -> None:
    row = accepted(["张伟", None, "13812345678"], mapping=["name", "phone", "phone"])
    assert row.values.phone_e164 == "+8613812345678"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("广东省深圳市南山区科技园路1号3栋", ("广东省", "深圳市", "南山区", "科技园路1号3栋")),
        ("广东深圳市福田区福华路8号", ("广东省", "深圳市", "福田区", "福华路8号")),
        ("北京市朝阳区建国路88号", ("北京市", "北京市", "朝阳区", "建国路88号")),
        ("上海浦东新区世纪大道1号", ("上海市", "上海市", "浦东新区", "世纪大道1号")),
        ("内蒙古自治区呼和浩特市新城区新华大街1号", ("内蒙古自治区", "呼和浩特市", "新城区", "新华大街1号")),
        ("山东省济南市市中区经七路1号", ("山东省", "济南市", "市中区", "经七路1号")),
    ],
)
def test_whole_addresses_are_split(text: str, parts: tuple[str, str, str, str]) -> None:
    assert split_address(text) == parts


@pytest.mark.parametrize("text", ["科技园路1号", "广东省深圳市", "香港九龙弥敦道1号", ""])
def test_addresses_that_cannot_be_split(text: str) -> None:
    assert split_address(text) is None


def test_a_whole_address_column_fills_the_address_parts() -> None:
    mapping = ["name", "phone", "address"]
    row = accepted(["张伟", "13812345678", "广东省深圳市南山区科技园路1号"], mapping=mapping)
    assert (row.values.province, row.values.district, row.values.address_detail) == (
        "广东省",
        "南山区",
        "科技园路1号",
    )
    bad = rejected(["张伟", "13812345678", "科技园路1号"], mapping=mapping)
    assert bad.field == "address"
    with_parts = accepted(
        ["张伟", "13812345678", "科技园路1号", "广东", "深圳市", "南山区"],
        mapping=[*mapping, "province", "city", "district"],
    )
    assert (with_parts.values.province, with_parts.values.address_detail) == ("广东省", "科技园路1号")


@given(
    st.lists(st.one_of(st.none(), st.text(max_size=20), st.integers(), st.floats(allow_nan=True)), max_size=8)
)
def test_any_row_is_accepted_rejected_or_skipped_never_an_exception(cells: list[object]) -> None:
    outcome = parse(cells)
    assert outcome is None or isinstance(outcome, AcceptedRow | RejectedRow)


@given(st.integers(min_value=10**15, max_value=10**18 - 1))
def test_no_long_number_is_ever_imported_as_an_id(number: int) -> None:
    for value in (number, float(number)):
        assert rejected(["李娜", "13912345678", value, None, "认购", "是"]).reason == "lost_precision"


# ------------------------------------------------------------------- issue 11: legacy rows keep clients

ADDRESS_MAPPING = ["name", "phone", "address"]


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        ("江苏省南京市玄武区", ("江苏省", "南京市", "玄武区", None)),
        ("四川省成都市武侯区", ("四川省", "成都市", "武侯区", None)),
        ("北京市朝阳区", ("北京市", "北京市", "朝阳区", None)),
        ("深圳市南山区科技园路1号", ("广东省", "深圳市", "南山区", "科技园路1号")),
        ("北京市市辖区朝阳区", ("北京市", "北京市", "朝阳区", None)),
        ("河南省济源市济水街道1号", ("河南省", "济源市", "济源市", "济水街道1号")),
        ("广东省 深圳市　南山区 科技园路1号", ("广东省", "深圳市", "南山区", "科技园路1号")),
    ],
)
def test_a_district_level_or_legacy_address_imports(
    address: str, parts: tuple[str, str, str, str | None]
) -> None:
    row = accepted(["张伟", "13812345678", address], mapping=ADDRESS_MAPPING)
    values = row.values
    assert (values.province, values.city, values.district, values.address_detail) == parts


def test_an_address_without_a_district_is_still_refused_clearly() -> None:
    row = rejected(["张伟", "13812345678", "广东省深圳市科技园路1号"], mapping=ADDRESS_MAPPING)
    assert (row.field, row.reason) == ("address", "unsplittable") and "区县" in row.message_zh


def test_every_problem_of_a_row_is_reported_not_only_the_first() -> None:
    row = rejected(["张伟", "12345", "科技园路1号"], mapping=ADDRESS_MAPPING)
    assert [p.field for p in row.problems] == ["phone", "address"]  # in the order of the form
    assert row.problems[1].reason == "unsplittable"
    assert "手机" in row.reasons_zh and "地址" in row.reasons_zh
    assert "Address" in row.reasons_en and "Phone" in row.reasons_en
    assert row.fields == "phone,address"
    many = rejected(
        [None, "12345", None, None, "火星", "也许", "x"],
        mapping=[*MAPPING[:6], "email"],
    )
    assert {p.field for p in many.problems} == {"name", "phone", "stage", "sensitive_consent", "email"}
    assert "12345" not in repr(many) and "张伟" not in repr(row)


def test_a_refused_row_keeps_its_normalised_phone_and_id_for_the_duplicate_check() -> None:
    bad_address = rejected(["张伟", "138 1234 5678", "科技园路1号"], mapping=ADDRESS_MAPPING)
    assert bad_address.phone_e164 == "+8613812345678" and bad_address.id_number is None
    id_with_x = fx.resident_id("11010519800307120")
    assert id_with_x.endswith("X")
    with_id = rejected(
        ["李娜", "13912345678", id_with_x.lower(), None, "认购", "是", "x"], mapping=[*MAPPING[:6], "email"]
    )
    assert with_id.field == "email" and with_id.id_number == id_with_x  # upper-case X
    without_consent = rejected(
        ["李娜", "13912345678", fx.LINA_ID, None, "认购", "否", "x"], mapping=[*MAPPING[:6], "email"]
    )
    assert without_consent.id_number is None  # an ID the row may not keep is not used at all
    bad_phone = rejected(["张伟", "12345", "科技园路1号"], mapping=ADDRESS_MAPPING)
    assert bad_phone.phone_e164 is None
