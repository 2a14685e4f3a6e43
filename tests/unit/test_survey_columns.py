"""The columns of a survey tool's export (domain/survey_columns.py): the header below title rows,
the date column, the tool's own columns, personal columns never read, choosing the question."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.domain.survey_columns import (
    NoSurveyHeader,
    QuestionNotChosen,
    choose_question,
    is_personal,
    question_key,
    question_text,
    response_day,
    survey_layout,
)

WJX_HEADER = (
    "序号",
    "提交答卷时间",
    "所用时间",
    "来源",
    "来源详情",
    "来自IP",
    "1、您对我们处理您个人信息的方式满意吗？",
    "2、您对经纪人的服务满意吗？",
    "3、您的姓名",
    "4、其他意见和建议",
    "总分",
)


def test_header_below_title_rows_and_its_columns() -> None:
    rows = [("某某地产客户满意度调查（2026年第四季度）",), (), WJX_HEADER, ("1", "2026/10/15 14:23:05")]
    layout = survey_layout(rows)
    assert layout.header_index == 2
    assert layout.date_column == 1 and layout.serial_column == 0
    assert [layout.headers[c] for c in layout.never_read] == ["来自IP", "3、您的姓名"]
    assert layout.question_texts() == [
        "您对我们处理您个人信息的方式满意吗？",
        "您对经纪人的服务满意吗？",
        "其他意见和建议",
    ]


def test_tencent_style_header_dates_by_the_end_time() -> None:
    layout = survey_layout([("编号", "开始答题时间", "结束答题时间", "Q1. 满意度", "用户ID")])
    assert layout.date_column == 2
    assert layout.never_read == (4,)


def test_no_date_column_is_no_survey_header() -> None:
    with pytest.raises(NoSurveyHeader):
        survey_layout([("姓名", "手机"), ("张三", "138")])


@pytest.mark.parametrize(
    ("header", "personal"),
    [
        ("来自IP", True),
        ("IP地址", True),
        ("微信昵称", True),
        ("手机号码", True),
        ("E-mail", True),
        ("Your name", True),
        ("3、您的联系方式（选填）", True),
        ("How was our relationship?", False),
        ("1、您对我们处理您个人信息的方式满意吗？", False),
        ("Shipping", False),
    ],
)
def test_personal_columns_by_name(header: str, personal: bool) -> None:
    assert is_personal(header) is personal


def test_question_numbering_and_notes_are_set_aside() -> None:
    assert (
        question_text("1、您对我们处理您个人信息的方式满意吗？（单选题）")
        == "您对我们处理您个人信息的方式满意吗？"
    )
    assert question_text("Q3. How satisfied are you?") == "How satisfied are you?"
    assert question_text("第2题 您满意吗") == "您满意吗"
    assert question_key("5、您满意吗？") == question_key("您满意吗")


def test_choosing_the_question_exactly_by_part_or_refusing_with_the_list() -> None:
    layout = survey_layout([WJX_HEADER])
    assert choose_question(layout, "您对我们处理您个人信息的方式满意吗？") == 6
    assert choose_question(layout, "7、您对我们处理您个人信息的方式满意吗") == 6  # renumbered next quarter
    assert choose_question(layout, "个人信息") == 6
    with pytest.raises(QuestionNotChosen) as several:
        choose_question(layout, "满意吗")
    assert "您对经纪人的服务满意吗？" in several.value.candidates
    with pytest.raises(QuestionNotChosen) as none:
        choose_question(layout, "房屋质量")
    assert len(none.value.candidates) == 3 and "文件中没有问题" in none.value.zh
    with pytest.raises(QuestionNotChosen) as personal:
        choose_question(layout, "您的姓名")
    assert "不会被读取" in personal.value.zh
    with pytest.raises(QuestionNotChosen):
        choose_question(layout, "来自IP")


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (datetime(2026, 10, 15, 14, 23, 5), date(2026, 10, 15)),
        (date(2026, 10, 15), date(2026, 10, 15)),
        ("2026/10/15 14:23:05", date(2026, 10, 15)),
        ("2026-10-15 23:59", date(2026, 10, 15)),
        ("2026年10月5日", date(2026, 10, 5)),
        ("２０２６/１０/１５", date(2026, 10, 15)),
        ("2026-10-15T14:23:05+08:00", date(2026, 10, 15)),
        (46310, date(2026, 10, 15)),  # an Excel day number in a cell not formatted as a date
        ("2026/02/30", None),
        ("昨天", None),
        ("", None),
        (None, None),
        (12, None),
    ],
)
def test_response_days(cell: object, day: date | None) -> None:
    assert response_day(cell) == day
