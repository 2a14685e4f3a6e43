"""Reading survey answers as ratings 1-5 (domain/satisfaction.py): labels, variants, numbers,
blank answers, and refusals that are never guessed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.satisfaction import (
    RATING_LABELS,
    RatingNotRecognised,
    check_rating,
    is_satisfied,
    parse_rating,
)

LABELS = {
    "非常满意": 5,
    "很满意": 5,
    "十分满意": 5,
    "满意": 4,
    "比较满意": 4,
    "较满意": 4,
    "基本满意": 4,
    "一般": 3,
    "中立": 3,
    "不满意": 2,
    "不太满意": 2,
    "较不满意": 2,
    "非常不满意": 1,
    "很不满意": 1,
    "Very satisfied": 5,
    "very satisfied.": 5,
    "Satisfied": 4,
    "Neutral": 3,
    "Dissatisfied": 2,
    "Very dissatisfied": 1,
    "  满意  ": 4,
}


@pytest.mark.parametrize(("text", "rating"), LABELS.items())
def test_labels_and_their_variants(text: str, rating: int) -> None:
    assert parse_rating(text) == rating


@pytest.mark.parametrize(
    ("cell", "rating"),
    [
        ("5", 5),
        ("1", 1),
        (5, 5),
        (4.0, 4),
        ("3.0", 3),
        ("５", 5),  # full-width digit
        ("４分", 4),
        ("5分", 5),
        ("5 分", 5),
        ("2星", 2),
        ("五星", 5),
        ("★★★★☆", 4),
        ("5 - 非常满意", 5),
        ("4-满意", 4),
        ("1、非常不满意", 1),
        ("3: 一般", 3),
        ("非常满意（5分）", 5),
        ("满意(4)", 4),
        ("不满意【2分】", 2),
    ],
)
def test_numbers_and_numbers_with_labels(cell: object, rating: int) -> None:
    assert parse_rating(cell) == rating


@pytest.mark.parametrize("cell", [None, "", "   ", "(跳过)", "（跳过）", "(空)", "-", "—", "N/A", "未作答"])
def test_no_answer_is_none(cell: object) -> None:
    assert parse_rating(cell) is None


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("还行", "unknown_label"),
        ("满意吗", "unknown_label"),
        ("good", "unknown_label"),
        (True, "unknown_label"),
        ("0", "out_of_range"),
        ("6", "out_of_range"),
        (10, "out_of_range"),
        (4.5, "out_of_range"),
        ("4.5分", "out_of_range"),
        ("☆☆☆☆☆", "out_of_range"),
        ("★★★★★★", "out_of_range"),
        ("5 - 不满意", "contradictory"),
        ("非常满意（1分）", "contradictory"),
    ],
)
def test_anything_else_is_refused_with_its_reason(cell: object, reason: str) -> None:
    with pytest.raises(RatingNotRecognised) as raised:
        parse_rating(cell)
    assert raised.value.reason == reason
    assert raised.value.zh and raised.value.en


def test_every_canonical_label_reads_as_its_rating_in_both_languages() -> None:
    for rating, (zh, en) in RATING_LABELS.items():
        assert parse_rating(zh) == rating
        assert parse_rating(en) == rating
        assert parse_rating(f"{rating} - {zh}") == rating
        assert parse_rating(f"{en} ({rating})") == rating


@given(st.integers(min_value=1, max_value=5), st.sampled_from(["", "分", " 分", "星"]), st.booleans())
def test_any_digit_form_reads_as_its_value(rating: int, suffix: str, full_width: bool) -> None:
    digit = chr(ord("０") + rating) if full_width else str(rating)
    assert parse_rating(digit + suffix) == rating


@given(st.integers().filter(lambda n: not 1 <= n <= 5))
def test_whole_numbers_outside_the_scale_are_refused(number: int) -> None:
    for cell in (number, str(number)):
        with pytest.raises(RatingNotRecognised):
            parse_rating(cell)


@given(st.one_of(st.none(), st.text(max_size=40), st.integers(), st.floats(allow_nan=True)))
def test_parser_never_crashes_and_never_guesses(cell: object) -> None:
    try:
        rating = parse_rating(cell)
    except RatingNotRecognised:
        return
    assert rating is None or 1 <= rating <= 5


@given(st.integers(min_value=1, max_value=5), st.integers(min_value=1, max_value=5))
def test_a_number_and_a_label_must_agree(number: int, labelled: int) -> None:
    text = f"{number} - {RATING_LABELS[labelled][0]}"
    if number == labelled:
        assert parse_rating(text) == number
    else:
        with pytest.raises(RatingNotRecognised):
            parse_rating(text)


def test_satisfied_means_four_or_five() -> None:
    assert [is_satisfied(r) for r in range(1, 6)] == [False, False, False, True, True]


@pytest.mark.parametrize("value", [0, 6, 3.0, "3", True, None])
def test_typed_ratings_are_whole_numbers_one_to_five(value: object) -> None:
    with pytest.raises(InvalidInput):
        check_rating(value)
    assert check_rating(3) == 3
