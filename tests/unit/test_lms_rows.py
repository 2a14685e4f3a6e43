"""Reading a learning platform's export: header row below titles, scores and dates as exported."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.domain.lms_rows import (
    DAY,
    NAME,
    PASSED,
    SCORE,
    USERNAME,
    LmsProblem,
    find_columns,
    parse_moment,
    parse_passed,
    parse_score,
)


def test_header_found_below_title_rows() -> None:
    rows: list[tuple[object, ...]] = [
        ("某某房产 2026年第四季度 隐私保护培训考试成绩",),
        ("导出时间：2026-12-01", None, None),
        (),
        ("序号", "员工姓名", "部门", "考试成绩（分）", "是否通过", "交卷时间"),
    ]
    found = find_columns(rows)
    assert found is not None and found.header_row == 3
    assert found.columns == {NAME: 1, SCORE: 3, PASSED: 4, DAY: 5}
    assert found.staff_column == NAME


def test_username_preferred_over_name() -> None:
    found = find_columns([("Username", "Name", "Score", "Completed")])
    assert found is not None and found.staff_column == USERNAME


def test_no_header_without_score() -> None:
    assert find_columns([("姓名", "日期")]) is None


@pytest.mark.parametrize(
    ("cell", "score"),
    [(85, 85), (79.9, 79), ("92分", 92), ("100%", 100), (" 0 ", 0), ("88.5", 88)],
)
def test_scores(cell: object, score: int) -> None:
    assert parse_score(cell) == score


@pytest.mark.parametrize("cell", ["优秀", "", None, 101, -3, "120分", True])
def test_bad_scores(cell: object) -> None:
    with pytest.raises(LmsProblem) as caught:
        parse_score(cell)
    assert caught.value.outcome == "bad_score"


@pytest.mark.parametrize(
    ("cell", "moment"),
    [
        (datetime(2026, 10, 12, 9, 30), datetime(2026, 10, 12, 9, 30)),
        (date(2026, 10, 12), datetime(2026, 10, 12)),
        ("2026-10-12", datetime(2026, 10, 12)),
        ("2026/10/12 14:30", datetime(2026, 10, 12, 14, 30)),
        ("2026年10月12日", datetime(2026, 10, 12)),
        ("2026.1.2 08:05:09", datetime(2026, 1, 2, 8, 5, 9)),
        (46307, datetime(2026, 10, 12)),
    ],
)
def test_dates(cell: object, moment: datetime) -> None:
    assert parse_moment(cell) == moment


@pytest.mark.parametrize("cell", ["2026-13-01", "昨天", None, 12])
def test_bad_dates(cell: object) -> None:
    with pytest.raises(LmsProblem) as caught:
        parse_moment(cell)
    assert caught.value.outcome == "bad_date"


def test_passed_labels() -> None:
    assert parse_passed("通过") is True and parse_passed("不合格") is False and parse_passed("") is None
