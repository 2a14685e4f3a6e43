"""Resident ID and bank card numbers in free text: every valid ID number written into any text is
found (spaces, hyphens, full-width digits, lower-case x, old 15-digit numbers), bank card numbers
that pass Luhn are found, and Chinese text with phone numbers, dates, amounts and house numbers is
not flagged. The refusal names the field and never repeats the number."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from desktop_app.domain.client_fields import NOTES_FIELD
from desktop_app.domain.client_record import ClientDraft, validate_draft
from desktop_app.domain.client_requests import validate_description, validate_outcome, validate_refusal_reason
from desktop_app.domain.consent_records import validate_note
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.provincial_divisions import MAINLAND_CODES
from desktop_app.domain.reveal_policy import RevealReason, validate_reason
from desktop_app.domain.sensitive_numbers import (
    SensitiveNumber,
    find_sensitive_number,
    refuse_sensitive_numbers,
)

TODAY = date(2026, 12, 6)
ID, CARD = SensitiveNumber.RESIDENT_ID, SensitiveNumber.BANK_CARD

# GB 11643 written out independently of the code under test.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"


def check_char(first_17: str) -> str:
    return CHECK[sum(int(d) * w for d, w in zip(first_17, WEIGHTS, strict=True)) % 11]


def card(prefix: str, length: int) -> str:
    body = prefix + "0" * (length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


def found(text: str) -> SensitiveNumber | None:
    return find_sensitive_number(text, today=TODAY)


# ------------------------------------------------------------------------------------------- strategies

regions = st.builds(
    lambda province, rest: province + rest,
    st.sampled_from(sorted(MAINLAND_CODES)),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
)
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.from_regex(r"[0-9]{3}", fullmatch=True)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    first_17 = f"{draw(regions)}{draw(birth_dates):%Y%m%d}{draw(sequences)}"
    return first_17 + check_char(first_17)


@st.composite
def legacy_ids(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)))
    return f"{draw(regions)}{born:%y%m%d}{draw(sequences)}"


@st.composite
def written(draw: st.DrawFn, number: str) -> str:
    """``number`` as someone might type it: spaces or hyphens anywhere inside, full-width digits,
    a lower-case x."""
    out = []
    for index, char in enumerate(number):
        if index and draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from([" ", "-", "  ", " - ", "－", "\u3000"])))
        out.append(char)
    text = "".join(out)
    if draw(st.booleans()):
        text = text.lower()
    if draw(st.booleans()):
        text = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)
    return text


any_text = st.text(max_size=40)
chinese = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=30)
# what ends a number in running text: a word, punctuation, a line break
breaks = st.sampled_from(["，", "。", "；", "、", "\n", "电话", "元", "号", "室", "年", "：", "/", ", "])


@st.composite
def everyday_numbers(draw: st.DrawFn) -> str:
    """Numbers notes really hold: mobiles (written every way), landlines, dates, amounts, house
    and room numbers, floor areas, counts."""
    mobile = draw(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
    day = draw(st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)))
    return draw(
        st.sampled_from(
            [
                mobile,
                f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}",
                f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}",
                f"+86 {mobile}",
                "0" + draw(st.from_regex(r"[1-9][0-9]{1,2}-[2-8][0-9]{6,7}", fullmatch=True)),
                day.isoformat(),
                f"{day:%Y%m%d}",
                f"{day:%Y.%m.%d}",
                str(draw(st.integers(0, 10**10))),
                f"{draw(st.integers(1, 99))}-{draw(st.integers(1, 30))}-{draw(st.integers(101, 3308))}",
                f"{draw(st.integers(0, 9_999_999)):,}",
                f"{draw(st.integers(30, 400))}.{draw(st.integers(0, 99))}",
            ]
        )
    )


# ---------------------------------------------------------------------------------- found: ID numbers


@given(number=resident_ids(), before=any_text, after=any_text)
def test_any_valid_resident_id_in_any_text_is_found(number: str, before: str, after: str) -> None:
    assert found(before + number + after) is ID


@given(number=resident_ids().flatmap(written), before=chinese, after=chinese)
def test_a_resident_id_typed_with_spaces_hyphens_full_width_or_lower_case_x_is_found(
    number: str, before: str, after: str
) -> None:
    assert found(before + number + after) is ID


@given(number=legacy_ids(), before=chinese, after=chinese, style=st.sampled_from(["", " ", "-"]))
def test_an_old_15_digit_id_is_found_alone_or_grouped(
    number: str, before: str, after: str, style: str
) -> None:
    grouped = number if not style else style.join((number[:6], number[6:12], number[12:]))
    assert found(f"{before}{grouped}{after}") is ID
    assert found(f"{before}身份证{number}{after}") is ID


@pytest.mark.parametrize(
    "text",
    [
        "身份证11010519491231002X，已核对",
        "证件：11010519491231002x",
        "110105 19491231 002X",
        "110105-1949-1231-002X",
        "１１０１０５１９４９１２３１００２Ｘ",
        "号码 110105194912310 02X",
        "旧证 110105491231002 已换新",
        "港澳台居住证 810000199408230005",  # a residence permit number is the same kind of number
    ],
)
def test_examples_of_id_numbers_in_notes(text: str) -> None:
    first_17 = "81000019940823000"
    assert check_char(first_17) == "5"  # the permit example above is valid
    assert found(text) is ID


def test_an_id_number_with_a_wrong_check_character_or_birth_date_is_not_an_id_number() -> None:
    assert found("110105194912310021") is None  # wrong check character
    first_17 = "11010520991231002"  # born in 2099
    assert found(first_17 + check_char(first_17)) is None
    assert found("110105491331002") is None  # month 13 in an old number
    assert found("990105491231002") is None  # no such province


# ------------------------------------------------------------------------------------- found: bank cards


@given(
    prefix=st.sampled_from(["62", "4", "51", "55", "2221", "2720", "34", "37", "35", "9558", "6011"]),
    length=st.integers(13, 19),
    digits=st.from_regex(r"[0-9]{18}", fullmatch=True),
    before=chinese,
    after=chinese,
)
def test_any_bank_card_number_passing_luhn_is_found(
    prefix: str, length: int, digits: str, before: str, after: str
) -> None:
    body = (prefix + digits)[: length - 1]
    number = body + luhn.calc_check_digit(body)
    # (a 15-digit card number can also read as a valid old ID number: refused either way)
    expected = (CARD, ID) if length == 15 else (CARD,)
    assert found(f"{before}{number}{after}") in expected
    grouped = " ".join(number[i : i + 4] for i in range(0, length, 4))
    assert found(f"{before}卡号 {grouped}{after}") in expected
    assert found(f"{before}{grouped.replace(' ', '-')}{after}") in expected


@pytest.mark.parametrize(
    "text",
    [
        "工行卡 6222 0000 0000 0000 004",
        "6222-0000-0000-0009",
        "卡号：622200 0000000000004",
        "电话13812345678 卡号" + card("6222", 16),
        "13812345678 " + card("6222", 16),  # a phone then a card: the card is still found
        "３７８２ ８２２４６３ １０００５",  # Amex 4-6-5, full width
    ],
)
def test_examples_of_bank_cards_in_notes(text: str) -> None:
    assert luhn.is_valid("6222000000000000004") and luhn.is_valid("6222000000000009")
    assert found(text) is CARD


def test_a_card_number_failing_luhn_is_not_flagged() -> None:
    assert found("6222000000000000001") is None


# ------------------------------------------------------------------------------------------- not found


@settings(max_examples=300)
@given(st.lists(st.one_of(chinese, everyday_numbers()), max_size=8), st.data())
def test_chinese_text_with_phones_dates_amounts_and_house_numbers_is_not_flagged(
    parts: list[str], data: st.DataObject
) -> None:
    text = "".join(part + data.draw(breaks) for part in parts)
    assert found(text) is None


@given(
    first=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    second=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    between=st.sampled_from([" ", "-", "  ", " / ", "、", " 或 "]),
)
def test_two_phone_numbers_side_by_side_are_not_an_id_or_a_card(
    first: str, second: str, between: str
) -> None:
    assert found(first + between + second) is None


@given(
    phone=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    day=st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)),
)
def test_a_phone_next_to_a_date_is_not_flagged(phone: str, day: date) -> None:
    assert found(f"{phone} {day.isoformat()}") is None
    assert found(f"{day.isoformat()} {phone}") is None
    assert found(f"{phone} {day:%Y%m%d}") is None


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Nd", "No", "Nl"))))
def test_text_without_digits_is_never_flagged(text: str) -> None:
    assert found(text) is None


# --------------------------------------------------------------------------------------- the refusal


def test_the_refusal_names_the_field_and_why_without_repeating_the_number() -> None:
    with pytest.raises(InvalidField) as caught:
        refuse_sensitive_numbers(NOTES_FIELD, "客户身份证11010519491231002X", today=TODAY)
    error = caught.value
    assert (error.field, error.reason) == ("notes", "holds_id_number")
    assert error.zh.startswith("备注：不能填写身份证号码")
    assert error.en.startswith("Notes: must not hold a resident ID number")
    assert "11010519491231002X" not in error.zh + error.en
    with pytest.raises(InvalidField) as card_error:
        refuse_sensitive_numbers(NOTES_FIELD, "卡号 " + card("6222", 16), today=TODAY)
    assert card_error.value.reason == "holds_bank_card_number"
    assert "银行卡号" in card_error.value.zh and "bank card number" in card_error.value.en
    assert refuse_sensitive_numbers(NOTES_FIELD, "电话 138 1234 5678，预算 300 万", today=TODAY) == (
        "电话 138 1234 5678，预算 300 万"
    )


def test_a_birth_date_after_today_is_not_a_valid_id_yet() -> None:
    born = TODAY + timedelta(days=1)
    first_17 = f"110105{born:%Y%m%d}002"
    assert found(first_17 + check_char(first_17)) is None


# ------------------------------------------------------------------------- every free-text client field

ADDRESS = {"province": "广东省", "city": "深圳市", "district": "南山区", "address_detail": "科技园路1号"}


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("notes", {"notes": "证件 110105 19491231 002x"}),
        ("intended_districts", {"intended_districts": "南山 11010519491231002X"}),
        ("email", {"email": "11010519491231002X@example.cn"}),
        ("city", {**ADDRESS, "city": "11010519491231002X"}),
        ("district", {**ADDRESS, "district": "11010519491231002X"}),
        ("address_detail", {**ADDRESS, "address_detail": "卡 6222 0000 0000 0000 004"}),
    ],
)
def test_every_free_text_field_of_a_client_refuses_an_id_or_card_number(
    field: str, changes: dict[str, str]
) -> None:
    draft = ClientDraft(name="李娜", phone="13912345678", **changes)
    with pytest.raises(InvalidField) as caught:
        validate_draft(draft, today=TODAY)
    assert caught.value.field == field
    assert caught.value.reason in ("holds_id_number", "holds_bank_card_number")


def test_ordinary_free_text_is_kept() -> None:
    draft = ClientDraft(
        name="李娜",
        phone="13912345678",
        notes="2024-05-01 到访，预算 300 万，电话 139 1234 5678；想要 3 栋 1201 室",
        intended_districts="南山 福田",
        email="lina1990@example.cn",
        **ADDRESS,
    )
    assert validate_draft(draft, today=TODAY).notes.startswith("2024-05-01")


def test_request_texts_withdrawal_notes_and_reveal_reasons_refuse_a_split_id_number() -> None:
    split = "客户证件 110-105-194-912-310-02x 已核"  # no run of 4 digits: the old digit check missed it
    for check in (validate_outcome, validate_refusal_reason, validate_description, validate_note):
        with pytest.raises(InvalidField) as caught:
            check(split)
        assert caught.value.reason == "holds_id_number"
    with pytest.raises(InvalidField) as reveal:
        validate_reason(RevealReason.OTHER, split)
    assert reveal.value.reason == "holds_id_number"


def test_a_cell_of_many_short_digit_groups_is_read_in_linear_time() -> None:
    """Regression: every run of groups was joined, cubic in their number; a 32,767-character notes
    cell of "1 1 1 …" never finished. Now only runs up to 19 digits are read."""
    import time

    for text in ("1 " * 16_000, "13800000000 " * 2_700, "11" * 16_000):
        started = time.perf_counter()
        assert find_sensitive_number(text) is None
        assert time.perf_counter() - started < 5, text[:20]
