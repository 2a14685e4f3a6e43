"""Quarters, half-years and years of the programme, in Beijing days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.programme_periods import (
    HalfYear,
    Quarter,
    add_months,
    quarters_of_year,
    recent_quarters,
    year_bounds,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2998, 12, 31))


@given(days)
def test_every_day_lies_in_exactly_one_quarter_of_its_year(day: date) -> None:
    holding = [q for q in quarters_of_year(day.year) if q.contains(day)]
    assert holding == [Quarter.of(day)]
    assert HalfYear.of(day).contains(day)


@given(days)
def test_quarters_tile_the_calendar(day: date) -> None:
    quarter = Quarter.of(day)
    assert quarter.next().start == quarter.end + timedelta(days=1)
    assert quarter.next().previous() == quarter
    assert Quarter.parse(quarter.key()) == quarter
    half = HalfYear.of(day)
    assert half.next().start == half.end + timedelta(days=1)
    assert HalfYear.parse(half.key()) == half


def test_bounds_and_labels() -> None:
    q = Quarter(2026, 4)
    assert (q.start, q.end) == (date(2026, 10, 1), date(2026, 12, 31))
    assert Quarter(2024, 1).end == date(2024, 3, 31)
    assert q.label_zh() == "2026年第四季度" and q.label_en() == "Q4 2026" and q.key() == "2026Q4"
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert HalfYear(2026, 2).label_zh() == "2026年下半年" and HalfYear(2026, 1).end == date(2026, 6, 30)
    assert year_bounds(2026) == (date(2026, 1, 1), date(2026, 12, 31))
    assert recent_quarters(Quarter(2026, 2), 3) == [Quarter(2025, 4), Quarter(2026, 1), Quarter(2026, 2)]


@pytest.mark.parametrize("text", ["2026Q4", "2026-Q4", "2026 q4", " 2026-q4 "])
def test_parse_accepts_usual_spellings(text: str) -> None:
    assert Quarter.parse(text) == Quarter(2026, 4)


@pytest.mark.parametrize("text", ["2026Q5", "Q4", "2026", "26Q1", "2026Q0", ""])
def test_parse_refuses_with_a_bilingual_message(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Quarter.parse(text)
    assert "2026Q4" in caught.value.zh and "2026Q4" in caught.value.en


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 1, 15), 6) == date(2026, 7, 15)
    assert add_months(date(2026, 11, 30), -12) == date(2025, 11, 30)
