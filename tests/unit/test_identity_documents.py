"""Identity document numbers: every document type's published format, the resident ID check
character, birth date and province rules, facts derived from the number, and messages that name the
field without repeating the number."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.identity_documents import (
    IdType,
    Sex,
    age_on,
    birth_date_from_resident_id,
    holder_birth_date,
    holder_is_under_14,
    id_number_field,
    is_under_14,
    resident_id_18_from_15,
    sex_from_resident_id,
    validate_id_number,
)
from desktop_app.domain.provincial_divisions import MAINLAND_CODES

TODAY = date(2026, 3, 1)

# GB 11643 written out independently of the code under test (which uses python-stdnum).
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"


def check_char(first_17: str) -> str:
    return CHECK[sum(int(d) * w for d, w in zip(first_17, WEIGHTS, strict=True)) % 11]


def make_id(region: str, born: date, sequence: str = "123") -> str:
    first_17 = f"{region}{born:%Y%m%d}{sequence}"
    return first_17 + check_char(first_17)


def fails(id_type: IdType, text: str, reason: str | None = None) -> InvalidField:
    with pytest.raises(InvalidField) as caught:
        validate_id_number(id_type, text, today=TODAY)
    if reason is not None:
        assert caught.value.reason == reason, caught.value.en
    return caught.value


# ------------------------------------------------------------------------------------ resident ID (18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11010519491231002X", "11010519491231002X"),  # the GB 11643 example
        ("11010519491231002x", "11010519491231002X"),
        (" 110105 19491231 002x ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),  # full-width from a Chinese IME
        ("110105-19491231-002X", "11010519491231002X"),
        (make_id("440305", date(1990, 3, 7)), make_id("440305", date(1990, 3, 7))),
        (make_id("650102", date(1900, 1, 1)), make_id("650102", date(1900, 1, 1))),  # earliest allowed
        (make_id("110112", date(1960, 1, 1)), make_id("110112", date(1960, 1, 1))),  # stdnum rejects this
        (make_id("310101", TODAY), make_id("310101", TODAY)),  # born today
        (make_id("460100", date(2000, 2, 29)), make_id("460100", date(2000, 2, 29))),
    ],
)
def test_valid_resident_ids_are_normalised(text: str, expected: str) -> None:
    assert validate_id_number(IdType.RESIDENT_ID, text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "required"),
        ("   ", "required"),
        ("11010519491231002", "bad_length"),
        ("11010519491231002X1", "bad_length"),
        ("110105490101002", "bad_length"),  # a 15-digit number under the 18-digit type
        ("1101051949123100XX", "bad_format"),
        ("A1010519491231002X", "bad_format"),
        ("11010519491231002Y", "bad_format"),
        ("110105194912310021", "bad_check_character"),
        (make_id("990101", date(1990, 1, 1)), "bad_region"),  # no such province
        (make_id("710101", date(1990, 1, 1)), "bad_region"),  # Taiwan issues no resident ID cards
        (make_id("810000", date(1990, 1, 1)), "bad_region"),  # HK residence permit, not a resident ID
        (make_id("000000", date(1990, 1, 1)), "bad_region"),
        ("440524188001010014", "bad_birth_date"),  # born 1880: the other GB 11643 example
        (make_id("440305", date(1899, 12, 31)), "bad_birth_date"),
        (make_id("440305", TODAY + timedelta(days=1)), "bad_birth_date"),
        ("44030519900230" + "123" + check_char("44030519900230123"), "bad_birth_date"),  # 30 Feb
        ("44030519901301" + "123" + check_char("44030519901301123"), "bad_birth_date"),
        ("44030519010229" + "123" + check_char("44030519010229123"), "bad_birth_date"),  # not a leap year
    ],
)
def test_invalid_resident_ids(text: str, reason: str) -> None:
    fails(IdType.RESIDENT_ID, text, reason)


def test_the_default_today_is_the_system_date() -> None:
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(InvalidField):
        validate_id_number(IdType.RESIDENT_ID, make_id("440305", tomorrow))
    assert validate_id_number(IdType.RESIDENT_ID, make_id("440305", date.today()))


# ------------------------------------------------------------------------------------ legacy 15-digit


@pytest.mark.parametrize(
    ("text", "expected"),
    [("110105490101002", "110105490101002"), (" 4403 0590 0307 123 ", "440305900307123")],
)
def test_valid_legacy_ids(text: str, expected: str) -> None:
    assert validate_id_number(IdType.RESIDENT_ID_15, text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "required"),
        ("11010549010100", "bad_format"),
        ("11010549010100X", "bad_format"),
        (make_id("440305", date(1990, 3, 7)), "bad_format"),
        ("990105490101002", "bad_region"),
        ("110105491301002", "bad_birth_date"),
        ("110105010229002", "bad_birth_date"),  # 1901 was not a leap year
    ],
)
def test_invalid_legacy_ids(text: str, reason: str) -> None:
    fails(IdType.RESIDENT_ID_15, text, reason)


def test_legacy_number_upgrades_to_its_18_digit_form() -> None:
    assert resident_id_18_from_15("110105490101002") == make_id("110105", date(1949, 1, 1), "002")


# ------------------------------------------------------------------------------- facts from the number


def test_birth_date_sex_and_age() -> None:
    number = make_id("440305", date(1990, 3, 7), "123")
    assert birth_date_from_resident_id(number) == date(1990, 3, 7)
    assert sex_from_resident_id(number) is Sex.MALE
    assert sex_from_resident_id(make_id("440305", date(1990, 3, 7), "124")) is Sex.FEMALE
    assert sex_from_resident_id("110105490101002") is Sex.FEMALE
    assert birth_date_from_resident_id("110105490101003") == date(1949, 1, 1)
    assert age_on(number, date(2026, 3, 6)) == 35
    assert age_on(number, date(2026, 3, 7)) == 36
    assert Sex.MALE.label_zh == "男" and Sex.FEMALE.label("en") == "Female"


@pytest.mark.parametrize(
    ("born", "today", "under_14"),
    [
        (date(2012, 6, 15), date(2026, 6, 14), True),
        (date(2012, 6, 15), date(2026, 6, 15), False),
        (date(2012, 2, 29), date(2026, 2, 28), True),  # a leap-day birthday is reached on 1 March
        (date(2012, 2, 29), date(2026, 3, 1), False),
        (date(2026, 1, 1), date(2026, 1, 1), True),
        (date(1950, 1, 1), date(2026, 1, 1), False),
    ],
)
def test_under_14(born: date, today: date, under_14: bool) -> None:
    assert is_under_14(make_id("320102", born), today) is under_14


def test_derived_facts_validate_first() -> None:
    with pytest.raises(InvalidInput):
        birth_date_from_resident_id("11010519491231002Y")
    with pytest.raises(InvalidInput):
        age_on(make_id("440305", date(2030, 1, 1)), TODAY)


# ---------------------------------------------------------------------------------- other documents

VALID = [
    (IdType.CN_PASSPORT, "E12345678", "E12345678"),
    (IdType.CN_PASSPORT, "ea1234567", "EA1234567"),
    (IdType.CN_PASSPORT, "G 1234 5678", "G12345678"),
    (IdType.FOREIGN_PASSPORT, "123456789", "123456789"),
    (IdType.FOREIGN_PASSPORT, "gb12345", "GB12345"),
    (IdType.FOREIGN_PASSPORT, "A" * 20, "A" * 20),
    (IdType.HK_MACAO_TRAVEL_PERMIT, "C12345678", "C12345678"),
    (IdType.HK_MACAO_TRAVEL_PERMIT, "ca1234567", "CA1234567"),
    (IdType.HK_MACAO_TRAVEL_PERMIT, "W12345678", "W12345678"),
    (IdType.HOME_RETURN_PERMIT, "H12345678", "H12345678"),
    (IdType.HOME_RETURN_PERMIT, "m1234567801", "M1234567801"),
    (IdType.HOME_RETURN_PERMIT, "Ｈ１２３４５６７８００", "H1234567800"),
    (IdType.TAIWAN_COMPATRIOT_PERMIT, "12345678", "12345678"),
    (IdType.TAIWAN_COMPATRIOT_PERMIT, "1234567890", "1234567890"),
    (IdType.TAIWAN_COMPATRIOT_PERMIT, "1234567890(b)", "1234567890B"),
    (IdType.TAIWAN_COMPATRIOT_PERMIT, "F290299977", "F290299977"),
    (IdType.FOREIGN_PERMANENT_RESIDENCE, "USA110078010161", "USA110078010161"),
    (IdType.FOREIGN_PERMANENT_RESIDENCE, "usa 1100 7801 0161", "USA110078010161"),
    (
        IdType.FOREIGN_PERMANENT_RESIDENCE,
        "94484019900307123" + check_char("94484019900307123"),
        "94484019900307123" + check_char("94484019900307123"),
    ),
]

INVALID = [
    (IdType.CN_PASSPORT, "", "required"),
    (IdType.CN_PASSPORT, "E1234567", "bad_format"),
    (IdType.CN_PASSPORT, "E123456789", "bad_format"),
    (IdType.CN_PASSPORT, "D12345678", "bad_format"),
    (IdType.CN_PASSPORT, "EA12345678", "bad_format"),
    (IdType.FOREIGN_PASSPORT, "1234", "bad_format"),
    (IdType.FOREIGN_PASSPORT, "A" * 21, "bad_format"),
    (IdType.FOREIGN_PASSPORT, "AB/12345", "bad_format"),
    (IdType.FOREIGN_PASSPORT, "ÄB12345", "bad_format"),
    (IdType.HK_MACAO_TRAVEL_PERMIT, "C1234567", "bad_format"),
    (IdType.HK_MACAO_TRAVEL_PERMIT, "H12345678", "bad_format"),
    (IdType.HOME_RETURN_PERMIT, "H123456789", "bad_format"),
    (IdType.HOME_RETURN_PERMIT, "K12345678", "bad_format"),
    (IdType.HOME_RETURN_PERMIT, "12345678", "bad_format"),
    (IdType.TAIWAN_COMPATRIOT_PERMIT, "1234567", "bad_format"),
    (IdType.TAIWAN_COMPATRIOT_PERMIT, "123456789", "bad_format"),
    (IdType.TAIWAN_COMPATRIOT_PERMIT, "AB12345678", "bad_format"),
    (IdType.FOREIGN_PERMANENT_RESIDENCE, "US110078010161", "bad_format"),
    (IdType.FOREIGN_PERMANENT_RESIDENCE, "USA11007801016X", "bad_format"),
    (IdType.FOREIGN_PERMANENT_RESIDENCE, "844840199003071230", "bad_format"),  # must start with 9
    (IdType.FOREIGN_PERMANENT_RESIDENCE, "94484019900307123Y", "bad_format"),
]


@pytest.mark.parametrize(("id_type", "text", "expected"), VALID)
def test_valid_document_numbers(id_type: IdType, text: str, expected: str) -> None:
    assert validate_id_number(id_type, text, today=TODAY) == expected


@pytest.mark.parametrize(("id_type", "text", "reason"), INVALID)
def test_invalid_document_numbers(id_type: IdType, text: str, reason: str) -> None:
    fails(id_type, text, reason)


def test_new_permanent_residence_card_has_a_check_character() -> None:
    first_17 = "94484019900307123"
    wrong = next(c for c in CHECK if c != check_char(first_17))
    fails(IdType.FOREIGN_PERMANENT_RESIDENCE, first_17 + wrong, "bad_check_character")


def test_every_type_has_a_format_and_labels() -> None:
    for id_type in IdType:
        assert id_type.label_zh and id_type.label_en
        field = id_number_field(id_type)
        assert field.key == "id_number"
        assert "证件号码" in field.zh and id_type.label_zh in field.zh
        assert "ID number" in field.en
        fails(id_type, "", "required")
    assert IdType.parse("身份证", id_number_field(IdType.RESIDENT_ID)) is IdType.RESIDENT_ID
    assert IdType.parse("回乡证", id_number_field(IdType.RESIDENT_ID)) is IdType.HOME_RETURN_PERMIT


def test_errors_are_invalid_input_with_both_languages() -> None:
    error = fails(IdType.RESIDENT_ID, "110105194912310021")
    assert isinstance(error, InvalidInput)
    assert error.code == "invalid_input" and error.exit_code == 2
    assert error.field == "id_number"
    assert error.zh.startswith("证件号码（居民身份证）：") and error.en.startswith(
        "ID number (resident ID card): "
    )


# ---------------------------------------------------------------------------------------- properties

RANDOM_TODAY = date(2026, 3, 1)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(MAINLAND_CODES)))
    county = draw(st.text("0123456789", min_size=4, max_size=4))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=RANDOM_TODAY))
    sequence = draw(st.text("0123456789", min_size=3, max_size=3))
    return make_id(province + county, born, sequence)


@given(resident_ids())
def test_every_generated_resident_id_validates(number: str) -> None:
    assert validate_id_number(IdType.RESIDENT_ID, number, today=RANDOM_TODAY) == number


@given(resident_ids(), st.integers(min_value=0, max_value=17), st.data())
def test_changing_any_one_character_makes_it_fail(number: str, position: int, data: st.DataObject) -> None:
    alphabet = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != number[position]]))
    changed = number[:position] + replacement + number[position + 1 :]
    with pytest.raises(InvalidField):
        validate_id_number(IdType.RESIDENT_ID, changed, today=RANDOM_TODAY)


def _retype(number: str, data: st.DataObject) -> str:
    """The number as a person might type it: spaces, full-width characters, lower case."""
    out = []
    for char in number:
        form = data.draw(st.sampled_from(["plain", "wide", "lower", "space"]))
        if form == "wide":
            char = chr(ord(char) + 0xFEE0)
        elif form == "lower":
            char = char.lower()
        elif form == "space":
            char = char + " "
        out.append(char)
    return " " + "".join(out) + "\u3000"


@given(resident_ids(), st.data())
def test_normalisation_is_idempotent(number: str, data: st.DataObject) -> None:
    once = validate_id_number(IdType.RESIDENT_ID, _retype(number, data), today=RANDOM_TODAY)
    assert once == number
    assert validate_id_number(IdType.RESIDENT_ID, once, today=RANDOM_TODAY) == once


@given(st.sampled_from(VALID), st.data())
def test_other_documents_normalise_idempotently(case: tuple[IdType, str, str], data: st.DataObject) -> None:
    id_type, _, expected = case
    once = validate_id_number(id_type, _retype(expected, data), today=TODAY)
    assert once == expected == validate_id_number(id_type, once, today=TODAY)


def _age(born: date, today: date) -> int:
    """Independent: count whole years by stepping birthdays (29 February → 1 March)."""
    years = 0
    while True:
        try:
            birthday = born.replace(year=born.year + years + 1)
        except ValueError:
            birthday = date(born.year + years + 1, 3, 1)
        if birthday > today:
            return years
        years += 1


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 12, 31)),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
)
def test_under_14_agrees_with_an_independent_age(born: date, today: date) -> None:
    assume(born <= today)
    number = make_id("510104", born)
    assert age_on(number, today) == _age(born, today)
    assert is_under_14(number, today) is (_age(born, today) < 14)


@given(st.sampled_from(list(IdType)), st.text("0123456789XEGHMCWA xe", min_size=6, max_size=24))
def test_messages_name_the_field_and_never_the_value(id_type: IdType, text: str) -> None:
    compact = text.replace(" ", "").upper()
    assume(len(compact) >= 6)
    try:
        validate_id_number(id_type, text, today=TODAY)
    except InvalidField as error:
        assert "证件号码" in error.zh and "ID number" in error.en
        for message in (error.zh, error.en):
            assert compact not in message.upper() and text.strip() not in message


@given(resident_ids(), st.integers(min_value=0, max_value=17))
def test_messages_about_a_nearly_right_id_do_not_repeat_it(number: str, position: int) -> None:
    changed = number[:position] + ("1" if number[position] != "1" else "2") + number[position + 1 :]
    with pytest.raises(InvalidField) as caught:
        validate_id_number(IdType.RESIDENT_ID, changed, today=RANDOM_TODAY)
    for message in (caught.value.zh, caught.value.en):
        assert changed not in message and changed[:10] not in message and changed[-8:] not in message


# ------------------------------------------------ Residence Permit for Hong Kong, Macao and Taiwan Residents

PERMIT = IdType.HMT_RESIDENCE_PERMIT
PERMIT_REGIONS = ("810000", "820000", "830000")  # Hong Kong, Macao, Taiwan


def with_wrong_check(first_17: str) -> str:
    return first_17 + next(c for c in CHECK if c != check_char(first_17))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (make_id("810000", date(1990, 3, 7)), make_id("810000", date(1990, 3, 7))),
        (make_id("820000", date(1955, 12, 31), "002"), make_id("820000", date(1955, 12, 31), "002")),
        (make_id("830000", date(2000, 2, 29), "101"), make_id("830000", date(2000, 2, 29), "101")),
        (make_id("830000", TODAY), make_id("830000", TODAY)),  # born today
        (
            " 810000 19900307 123" + check_char("81000019900307123"),
            "81000019900307123" + check_char("81000019900307123"),
        ),
        (
            "８１００００１９９００３０７１２３" + check_char("81000019900307123"),
            "81000019900307123" + check_char("81000019900307123"),
        ),
    ],
)
def test_valid_hmt_residence_permits(text: str, expected: str) -> None:
    assert validate_id_number(PERMIT, text, today=TODAY) == expected


def test_a_permit_check_character_x_is_upper_cased() -> None:
    first_17 = next(
        f"81000019900307{n:03d}" for n in range(1000) if check_char(f"81000019900307{n:03d}") == "X"
    )
    assert validate_id_number(PERMIT, first_17 + "x", today=TODAY) == first_17 + "X"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "required"),
        ("81000019900307123", "bad_length"),
        (make_id("810000", date(1990, 3, 7)) + "1", "bad_length"),
        ("81000019900307123Y", "bad_format"),
        ("A10000199003071234", "bad_format"),
        (make_id("440305", date(1990, 3, 7)), "bad_region"),  # a resident ID, not a permit
        (make_id("810001", date(1990, 3, 7)), "bad_region"),
        (make_id("710000", date(1990, 3, 7)), "bad_region"),
        (make_id("840000", date(1990, 3, 7)), "bad_region"),
        ("81000019900230" + "123" + check_char("81000019900230123"), "bad_birth_date"),  # 30 Feb
        ("83000019011301" + "123" + check_char("83000019011301123"), "bad_birth_date"),  # month 13
        (make_id("820000", date(1899, 12, 31)), "bad_birth_date"),
        (make_id("820000", TODAY + timedelta(days=1)), "bad_birth_date"),
        (with_wrong_check("81000019900307123"), "bad_check_character"),
        (with_wrong_check("83000020120615002"), "bad_check_character"),
    ],
)
def test_invalid_hmt_residence_permits(text: str, reason: str) -> None:
    error = fails(PERMIT, text, reason)
    assert error.zh.startswith("证件号码（港澳台居民居住证）：")
    assert error.en.startswith("ID number (Residence Permit for Hong Kong, Macao and Taiwan Residents): ")


def test_the_permit_has_labels_and_aliases() -> None:
    field = id_number_field(PERMIT)
    assert PERMIT.value == "hmt_residence_permit" and PERMIT.label_zh == "港澳台居民居住证"
    assert PERMIT.label_en == "Residence Permit for Hong Kong, Macao and Taiwan Residents"
    for text in (
        "港澳台居民居住证",
        "台湾居民居住证",
        "港澳居民居住证",
        "hmt_residence_permit",
        PERMIT.label_en,
    ):
        assert IdType.parse(text, field) is PERMIT
    # a permit number typed under the resident ID card is refused by its region, not accepted
    fails(IdType.RESIDENT_ID, make_id("830000", date(1990, 3, 7)), "bad_region")


def test_holder_birth_date_and_under_14() -> None:
    permit = make_id("810000", date(2012, 6, 15))
    assert holder_birth_date(PERMIT, permit, today=TODAY) == date(2012, 6, 15)
    assert holder_is_under_14(PERMIT, permit, date(2026, 6, 14))
    assert not holder_is_under_14(PERMIT, permit, date(2026, 6, 15))
    resident = make_id("440305", date(1990, 3, 7))
    assert holder_birth_date(IdType.RESIDENT_ID, resident, today=TODAY) == date(1990, 3, 7)
    assert holder_birth_date("resident_id_15", "110105490101002", today=TODAY) == date(1949, 1, 1)
    assert holder_birth_date(IdType.CN_PASSPORT, "E12345678") is None
    assert not holder_is_under_14(IdType.HK_MACAO_TRAVEL_PERMIT, "C12345678", TODAY)
    with pytest.raises(InvalidField):
        holder_birth_date(PERMIT, make_id("440305", date(1990, 3, 7)), today=TODAY)


def test_a_permit_is_masked_like_an_18_digit_resident_id() -> None:
    from desktop_app.domain.client_views import masked_id_number

    number = make_id("810000", date(1990, 3, 7), "123")
    assert masked_id_number(PERMIT.value, number) == "810" + "*" * 11 + number[-4:]


def test_a_permit_holder_can_be_recorded() -> None:
    from desktop_app.domain.client_record import ClientDraft, validate_draft

    number = make_id("830000", date(1985, 5, 20))
    draft = ClientDraft(
        name="陈大文",
        phone="+886 912 345 678",
        stage="contract",
        id_type="港澳台居民居住证",
        id_number=number,
        sensitive_consent=True,
    )
    values = validate_draft(draft, today=TODAY)
    assert (values.id_type, values.id_number) == ("hmt_residence_permit", number)


def test_a_permit_holder_under_14_needs_a_guardian() -> None:
    from desktop_app.domain.client_record import ClientDraft, validate_draft

    draft = ClientDraft(
        name="陈小文",
        phone="+852 9123 4567",
        stage="contract",
        id_type=PERMIT.value,
        id_number=make_id("810000", date(2016, 1, 1)),
        sensitive_consent=True,
    )
    with pytest.raises(InvalidField) as caught:
        validate_draft(draft, today=TODAY)
    assert caught.value.reason == "guardian_consent_required"


@st.composite
def hmt_permits(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(PERMIT_REGIONS))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=RANDOM_TODAY))
    sequence = draw(st.text("0123456789", min_size=3, max_size=3))
    return make_id(region, born, sequence)


@given(hmt_permits())
def test_every_generated_permit_validates(number: str) -> None:
    assert validate_id_number(PERMIT, number, today=RANDOM_TODAY) == number
    assert holder_birth_date(PERMIT, number, today=RANDOM_TODAY) == date(
        int(number[6:10]), int(number[10:12]), int(number[12:14])
    )


@given(hmt_permits(), st.integers(min_value=0, max_value=17), st.data())
def test_changing_any_one_permit_character_makes_it_fail(
    number: str, position: int, data: st.DataObject
) -> None:
    alphabet = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != number[position]]))
    changed = number[:position] + replacement + number[position + 1 :]
    with pytest.raises(InvalidField) as caught:
        validate_id_number(PERMIT, changed, today=RANDOM_TODAY)
    for message in (caught.value.zh, caught.value.en):
        assert changed not in message and changed[6:14] not in message


@given(hmt_permits(), st.data())
def test_permit_normalisation_is_idempotent(number: str, data: st.DataObject) -> None:
    once = validate_id_number(PERMIT, _retype(number, data), today=RANDOM_TODAY)
    assert once == number == validate_id_number(PERMIT, once, today=RANDOM_TODAY)
