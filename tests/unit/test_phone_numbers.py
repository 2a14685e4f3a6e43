"""Phone numbers: mainland mobiles and landlines, numbers outside the mainland, E.164 storage form,
display form, the "last 4 digits" search key, and messages that never repeat the number."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.field_errors import FieldLabel, InvalidField
from desktop_app.domain.phone_numbers import (
    PhoneKind,
    PhoneNumber,
    last_four_digits,
    normalise_phone,
    validate_phone,
)

MOBILE, LANDLINE, FOREIGN = PhoneKind.MOBILE, PhoneKind.LANDLINE, PhoneKind.FOREIGN


@pytest.mark.parametrize(
    ("text", "e164", "kind", "display"),
    [
        ("13812345678", "+8613812345678", MOBILE, "138 1234 5678"),
        ("138 1234 5678", "+8613812345678", MOBILE, "138 1234 5678"),
        ("138-1234-5678", "+8613812345678", MOBILE, "138 1234 5678"),
        ("+86 138 1234 5678", "+8613812345678", MOBILE, "138 1234 5678"),
        ("008613812345678", "+8613812345678", MOBILE, "138 1234 5678"),
        ("8613812345678", "+8613812345678", MOBILE, "138 1234 5678"),
        ("１３８１２３４５６７８", "+8613812345678", MOBILE, "138 1234 5678"),
        ("＋８６ １３８ １２３４ ５６７８", "+8613812345678", MOBILE, "138 1234 5678"),
        ("19912345678", "+8619912345678", MOBILE, "199 1234 5678"),
        ("16612345678", "+8616612345678", MOBILE, "166 1234 5678"),
        ("0755-26581234", "+8675526581234", LANDLINE, "0755-26581234"),
        ("(0755) 2658 1234", "+8675526581234", LANDLINE, "0755-26581234"),
        ("010 12345678", "+861012345678", LANDLINE, "010-12345678"),
        ("021-12345678", "+862112345678", LANDLINE, "021-12345678"),
        ("0571-88888888", "+8657188888888", LANDLINE, "0571-88888888"),
        ("+86 755 2658 1234", "+8675526581234", LANDLINE, "0755-26581234"),
        ("+852 9123 4567", "+85291234567", FOREIGN, "+852 9123 4567"),
        ("00852 91234567", "+85291234567", FOREIGN, "+852 9123 4567"),
        ("+852 2123 4567", "+85221234567", FOREIGN, "+852 2123 4567"),
        ("+853 6612 3456", "+85366123456", FOREIGN, "+853 6612 3456"),
        ("+886 912 345 678", "+886912345678", FOREIGN, "+886 912 345 678"),
        ("+886 2 2345 6789", "+886223456789", FOREIGN, "+886 2 2345 6789"),
        ("+1 415 555 2671", "+14155552671", FOREIGN, "+1 415-555-2671"),
        ("+44 20 7946 0958", "+442079460958", FOREIGN, "+44 20 7946 0958"),
        ("+65 8123 4567", "+6581234567", FOREIGN, "+65 8123 4567"),
    ],
)
def test_valid_numbers(text: str, e164: str, kind: PhoneKind, display: str) -> None:
    assert validate_phone(text) == PhoneNumber(e164=e164, kind=kind, display=display)
    assert normalise_phone(text) == e164


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "required"),
        ("  ", "required"),
        ("1381234567", "bad_length"),  # 10 digits
        ("138123456789", "bad_length"),  # 12 digits
        ("14012345678", "bad_mobile"),  # not a range in use for phones
        ("12012345678", "bad_mobile"),
        ("26581234", "missing_area_code"),  # landline without its area code
        ("91234567", "missing_area_code"),  # a Hong Kong number without +852
        ("4008123123", "not_personal"),
        ("800-820-8820", "not_personal"),
        ("+852 1234", "bad_number"),
        ("+999 12345678", "bad_number"),
        ("+86", "bad_number"),
        ("138 1234 567a", "bad_characters"),
        ("tel:13812345678", "bad_characters"),
        ("138+12345678", "bad_characters"),
        ("0755-26581234 转 801", "bad_characters"),
        ("1" * 20, "bad_length"),
    ],
)
def test_invalid_numbers(text: str, reason: str) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_phone(text)
    assert caught.value.reason == reason, caught.value.en
    assert isinstance(caught.value, InvalidInput)
    assert caught.value.field == "phone"


def test_a_caller_can_name_a_different_field() -> None:
    other = FieldLabel("phone_2", "备用电话", "Second phone")
    with pytest.raises(InvalidField) as caught:
        validate_phone("123", other)
    assert caught.value.field == "phone_2"
    assert caught.value.zh.startswith("备用电话：") and caught.value.en.startswith("Second phone: ")


def test_kinds_have_labels() -> None:
    assert [k.value for k in PhoneKind] == ["mobile", "landline", "foreign"]
    assert all(k.label_zh and k.label_en for k in PhoneKind)
    assert "港澳台" in PhoneKind.FOREIGN.label_zh


def test_last_four_digits() -> None:
    assert last_four_digits("+8613812345678") == "5678"
    assert validate_phone("0755-26581234").last_digits == "1234"
    assert validate_phone("+852 9123 4567").last_digits == "4567"


# ---------------------------------------------------------------------------------------- properties

MOBILE_PREFIXES = ["130", "133", "135", "138", "139", "150", "158", "166", "177", "180", "186", "189", "199"]
mainland_mobiles = st.builds(
    lambda prefix, rest: prefix + rest,
    st.sampled_from(MOBILE_PREFIXES),
    st.text("0123456789", min_size=8, max_size=8),
)


def _retype(digits: str, data: st.DataObject) -> str:
    forms = {
        "plain": lambda c: c,
        "wide": lambda c: chr(ord(c) + 0xFEE0),
        "space": lambda c: c + " ",
        "hyphen": lambda c: c + "-",
    }
    out = [forms[data.draw(st.sampled_from(sorted(forms)))](char) for char in digits]
    prefix = data.draw(st.sampled_from(["", "+86 ", "0086", "+86-"]))
    return prefix + "".join(out).rstrip("-")


@given(mainland_mobiles, st.data())
def test_mobiles_normalise_whatever_the_typing(number: str, data: st.DataObject) -> None:
    phone = validate_phone(_retype(number, data))
    assert phone.kind is MOBILE
    assert phone.e164 == "+86" + number
    assert phone.display.replace(" ", "") == number
    assert phone.last_digits == number[-4:]
    assert validate_phone(phone.e164) == phone == validate_phone(phone.display)


@given(
    st.sampled_from(["010", "020", "021", "0755", "0571", "028"]),
    st.text("0123456789", min_size=7, max_size=7),
)
def test_landlines_round_trip(area: str, rest: str) -> None:
    number = area + "2" + rest  # subscriber numbers do not start with 0 or 1
    phone = validate_phone(number)
    assert phone.kind is LANDLINE
    assert phone.display == f"{area}-2{rest}"
    assert validate_phone(phone.e164) == phone == validate_phone(phone.display)


@given(st.text("0123456789+- ", min_size=6, max_size=22))
def test_messages_name_the_field_and_never_the_number(text: str) -> None:
    digits = "".join(c for c in text if c.isdigit())
    assume(len(digits) >= 6)
    try:
        validate_phone(text)
    except InvalidField as error:
        assert error.zh.startswith("电话号码：") and error.en.startswith("Phone number: ")
        for message in (error.zh, error.en):
            assert digits not in message and text.strip() not in message
