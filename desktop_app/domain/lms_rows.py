"""Reading a learning platform's results export: which columns hold what, and each row's values.

Rule: the header row is the first of the top rows (below any title rows, merged or not) naming the
score and the staff member (username or name); a date column is required, a "passed" column is
optional (our pass mark decides; a disagreement is only reported). Scores are percentages 0–100
(text such as "85分" or "85%" is read; a fraction is rounded down, so 79.9 never passes 80). Dates
are read from date cells, ISO and Chinese text ("2026年10月12日", "2026/10/12 14:30") and Excel
serial numbers; a date is a branch (Beijing) day. A workbook's empty date under a dated row is the
merged cell above it (platforms merge the exam date over its group of rows) and is filled down.
Reason: a manager imports what the company's platform exports, as it is (issue 14 §1).
Plain Python: cells in, values or bilingual problems out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from desktop_app.domain.import_columns import HEADER_SEARCH_ROWS, normalise_header
from desktop_app.domain.import_rows import cell_text

USERNAME, NAME, SCORE, DAY, PASSED = "username", "name", "score", "date", "passed"

_HEADERS: dict[str, tuple[str, ...]] = {
    USERNAME: (
        "用户名",
        "账号",
        "帐号",
        "用户账号",
        "登录名",
        "登录账号",
        "username",
        "user name",
        "account",
        "login",
    ),
    NAME: ("姓名", "员工姓名", "学员姓名", "学员", "员工", "name", "staff name", "full name", "learner"),
    SCORE: (
        "成绩",
        "分数",
        "得分",
        "考试成绩",
        "测验成绩",
        "最终成绩",
        "score",
        "grade",
        "mark",
        "result score",
    ),
    DAY: (
        "日期",
        "完成日期",
        "考试时间",
        "考试日期",
        "完成时间",
        "提交时间",
        "交卷时间",
        "date",
        "completed",
        "completion date",
        "completed at",
        "exam date",
    ),
    PASSED: ("是否通过", "通过", "考试结果", "是否合格", "结果", "passed", "pass", "result", "status"),
}
_KNOWN = {normalise_header(h): column for column, names in _HEADERS.items() for h in names}
_YES = {"是", "通过", "合格", "已通过", "pass", "passed", "yes", "y", "true", "1"}
_NO = {"否", "未通过", "不通过", "不合格", "fail", "failed", "no", "n", "false", "0"}
_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*(?:分|%|％|points?|pts)?\s*$", re.IGNORECASE)
_DATE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?:\.\d+)?)?\s*$"
)
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class LmsColumns:
    header_row: int  # index in the sheet's rows
    columns: dict[str, int]  # USERNAME/NAME/SCORE/DAY/PASSED -> column index

    @property
    def staff_column(self) -> str:
        return USERNAME if USERNAME in self.columns else NAME


class LmsProblem(Exception):
    """One cell's problem: ``outcome`` is a stable code, the messages are bilingual."""

    def __init__(self, outcome: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.outcome = outcome
        self.zh = zh
        self.en = en


def recognise(header: object) -> str | None:
    return _KNOWN.get(normalise_header(header))


def find_columns(rows: Sequence[Sequence[object]]) -> LmsColumns | None:
    """The header row and its columns; None when no top row names a score and a staff column."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for number, cell in enumerate(row):
            column = recognise(cell)
            if column is not None and column not in columns:
                columns[column] = number
        if SCORE in columns and (USERNAME in columns or NAME in columns):
            return LmsColumns(index, columns)
    return None


def parse_score(value: object) -> int:
    if isinstance(value, bool):
        raise _bad_score(value)
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        match = _NUMBER.match(cell_text(value))
        if match is None:
            raise _bad_score(value)
        try:
            number = Decimal(match.group(1))
        except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
            raise _bad_score(value) from None
    if not Decimal(0) <= number <= Decimal(100):
        raise _bad_score(value)
    return int(number)  # rounded down


def _bad_score(value: object) -> LmsProblem:
    text = cell_text(value) or "（空）"
    return LmsProblem(
        "bad_score",
        f"成绩“{text}”无法识别（应为 0–100 的分数）",
        f"the score {text!r} is not a percentage from 0 to 100",
    )


def _bad_date(value: object) -> LmsProblem:
    text = cell_text(value) or "（空）"
    return LmsProblem(
        "bad_date",
        f"日期“{text}”无法识别（例如 2026-10-12）",
        f"the date {text!r} cannot be read (e.g. 2026-10-12)",
    )


def parse_moment(value: object) -> datetime:
    """A branch-local date and time (midnight when the cell has a date only)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20_000 <= value <= 80_000:  # an Excel serial day number stored as a plain number
            return datetime.combine(_EXCEL_EPOCH, time()) + timedelta(days=float(value))
        raise _bad_date(value)
    match = _DATE.match(cell_text(value))
    if match is None:
        raise _bad_date(value)
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise _bad_date(value) from None


def parse_passed(value: object) -> bool | None:
    text = cell_text(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def staff_key(value: object) -> str:
    """A username or name as compared: spaces dropped, case folded."""
    return "".join(cell_text(value).split()).casefold()
