"""Recovery codes: 25 characters from an unambiguous alphabet, shown in groups of five."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.recovery_code import ALPHABET, LENGTH, format_code, new_recovery_code, normalize_code

codes = st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH)


def test_new_code_shape() -> None:
    code = new_recovery_code()
    assert len(code) == 25
    assert set(code) <= set(ALPHABET)
    assert new_recovery_code() != code


def test_alphabet_has_no_ambiguous_characters() -> None:
    assert not set("01OIL".replace("L", "")) & set(ALPHABET)
    assert len(ALPHABET) == 32 and len(set(ALPHABET)) == 32


def test_format_groups_of_five() -> None:
    assert format_code("ABCDE" * 5) == "ABCDE-ABCDE-ABCDE-ABCDE-ABCDE"


@given(codes)
def test_property_format_normalize_round_trip(code: str) -> None:
    formatted = format_code(code)
    assert formatted.count("-") == 4
    assert normalize_code(formatted) == code
    assert normalize_code(code) == code


@given(codes, st.lists(st.sampled_from([" ", "-", "\t", "\n", "  "]), min_size=25, max_size=25))
def test_property_any_spacing_dashes_and_case_accepted(code: str, separators: list[str]) -> None:
    typed = "".join(ch.lower() + sep for ch, sep in zip(code, separators, strict=True))
    assert normalize_code(typed) == code


@pytest.mark.parametrize("length", [0, 1, 24, 26, 30])
def test_wrong_length_rejected(length: int) -> None:
    with pytest.raises(ValueError):
        normalize_code("A" * length)


@pytest.mark.parametrize("bad", ["0", "O", "1", "I", "!", "中", "_"])
def test_characters_outside_the_alphabet_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        normalize_code("A" * 24 + bad)


@given(codes, st.integers(0, LENGTH - 1), st.sampled_from("01OI@#_.+中"))
def test_property_one_foreign_character_is_rejected(code: str, at: int, bad: str) -> None:
    with pytest.raises(ValueError):
        normalize_code(code[:at] + bad + code[at + 1 :])
