"""The programme's calendar: quarters (training, satisfaction), half-years (compliance reviews) and
years (education, breaches), all in Beijing calendar days.

The company's programme schedules training and the satisfaction survey every quarter and a
compliance review every six months; its targets are read per quarter and per year. Every date here
is a Beijing day (``domain/branch_time.branch_day``): a quiz taken at 23:30 on 31 March Beijing time
belongs to Q1 even though it is already 15:30 UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.errors import InvalidInput

_CHINESE_NUMBERS = {1: "一", 2: "二", 3: "三", 4: "四"}
_QUARTER_TEXT = re.compile(r"^\s*(\d{4})\s*[-_ ]?\s*[Qq]\s*([1-4])\s*$")
_HALF_TEXT = re.compile(r"^\s*(\d{4})\s*[-_ ]?\s*[Hh]\s*([12])\s*$")
MIN_YEAR = 2000
MAX_YEAR = 2999


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"年份超出范围：{year}", f"year out of range: {year}")


def _last_day_of_month(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: ``number`` 1 is January to March."""

    year: int
    number: int

    def __post_init__(self) -> None:
        _check_year(self.year)
        if self.number not in (1, 2, 3, 4):
            raise InvalidInput(f"季度必须是 1–4：{self.number}", f"quarter must be 1-4: {self.number}")

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``2026Q4``, ``2026-Q4``, ``2026 q4``; anything else is a bilingual InvalidInput."""
        found = _QUARTER_TEXT.match(text)
        if not found:
            raise InvalidInput(
                f"季度格式应为 2026Q4：{text!r}", f"a quarter is written like 2026Q4: {text!r}"
            )
        return cls(int(found.group(1)), int(found.group(2)))

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The last day of the quarter (inclusive)."""
        return _last_day_of_month(self.year, 3 * self.number)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def key(self) -> str:
        return f"{self.year}Q{self.number}"

    def label_zh(self) -> str:
        return f"{self.year}年第{_CHINESE_NUMBERS[self.number]}季度"

    def label_en(self) -> str:
        return f"Q{self.number} {self.year}"

    def __str__(self) -> str:
        return self.key()


@dataclass(frozen=True, order=True)
class HalfYear:
    """A half-year: ``number`` 1 is January to June (the compliance review's period)."""

    year: int
    number: int

    def __post_init__(self) -> None:
        _check_year(self.year)
        if self.number not in (1, 2):
            raise InvalidInput(
                f"半年必须是 1 或 2：{self.number}", f"half-year must be 1 or 2: {self.number}"
            )

    @classmethod
    def of(cls, day: date) -> HalfYear:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, text: str) -> HalfYear:
        found = _HALF_TEXT.match(text)
        if not found:
            raise InvalidInput(
                f"半年格式应为 2026H2：{text!r}", f"a half-year is written like 2026H2: {text!r}"
            )
        return cls(int(found.group(1)), int(found.group(2)))

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.number == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.number == 1 else date(self.year, 12, 31)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> HalfYear:
        return HalfYear(self.year - 1, 2) if self.number == 1 else HalfYear(self.year, 1)

    def next(self) -> HalfYear:
        return HalfYear(self.year + 1, 1) if self.number == 2 else HalfYear(self.year, 2)

    def key(self) -> str:
        return f"{self.year}H{self.number}"

    def label_zh(self) -> str:
        return f"{self.year}年{'上' if self.number == 1 else '下'}半年"

    def label_en(self) -> str:
        return f"H{self.number} {self.year}"

    def __str__(self) -> str:
        return self.key()


def year_bounds(year: int) -> tuple[date, date]:
    """The first and last day (inclusive) of ``year``."""
    _check_year(year)
    return date(year, 1, 1), date(year, 12, 31)


def quarters_of_year(year: int) -> list[Quarter]:
    return [Quarter(year, number) for number in (1, 2, 3, 4)]


def recent_quarters(current: Quarter, count: int) -> list[Quarter]:
    """``count`` quarters ending with ``current``, oldest first (the dashboard's trend)."""
    quarters = [current]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return list(reversed(quarters))


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day (31 Aug + 6 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return min(date(year, month + 1, 1) + timedelta(days=day.day - 1), _last_day_of_month(year, month + 1))
