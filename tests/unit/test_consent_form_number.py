"""Consent form numbers: branch code, Beijing date, six random base32 characters; parsed back as typed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.consent_form_number import (
    ALPHABET,
    RANDOM_LENGTH,
    FormNumber,
    new_form_number,
    parse_form_number,
)
from desktop_app.domain.errors import InvalidInput

codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", min_size=1, max_size=16)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2999, 12, 31))
randoms = st.text(alphabet=ALPHABET, min_size=RANDOM_LENGTH, max_size=RANDOM_LENGTH)


def test_new_number_uses_the_beijing_date() -> None:
    late_utc = datetime(2026, 11, 28, 17, 30, tzinfo=UTC).timestamp()  # 01:30 on the 29th in Beijing
    number = new_form_number("sz001", late_utc)
    text = str(number)
    assert text.startswith("SZ001-20261129-") and len(text) == len("SZ001-20261129-") + RANDOM_LENGTH
    assert set(number.random) <= set(ALPHABET)
    assert parse_form_number(text) == number
    assert str(new_form_number("SZ001", late_utc)) != text  # random part


def test_new_number_refuses_a_bad_branch_code() -> None:
    with pytest.raises(InvalidInput):
        new_form_number("深圳", 0)


@given(codes, days, randoms)
def test_round_trip(code: str, day: date, random: str) -> None:
    number = FormNumber(code, day, random)
    assert parse_form_number(str(number)) == number
    assert parse_form_number(f"  {str(number).lower()} ") == number


def test_typed_forms_are_accepted() -> None:
    assert parse_form_number("sz-01 - 20261129 - k7qm2x") == FormNumber("SZ-01", date(2026, 11, 29), "K7QM2X")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "SZ001",
        "SZ001-20261129",
        "SZ001-20261129-K7QM2",  # too short
        "SZ001-20261129-K7QM2XX",  # too long
        "SZ001-20261129-K7QM0X",  # 0 is not in the alphabet
        "SZ001-20261129-K1QM2X",  # nor 1
        "SZ001-20261332-K7QM2X",  # no such day
        "SZ001-2026119-K7QM2X",
        "-20261129-K7QM2X",
        "A" * 17 + "-20261129-K7QM2X",
        "深圳-20261129-K7QM2X",
    ],
)
def test_invalid_numbers_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_form_number(text)
    assert "同意书编号" in raised.value.zh and "consent form number" in raised.value.en


@given(st.text(max_size=40))
def test_parser_never_crashes(text: str) -> None:
    try:
        number = parse_form_number(text)
    except InvalidInput:
        return
    assert parse_form_number(str(number)) == number
