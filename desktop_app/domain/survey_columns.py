"""The columns of an online survey tool's export: which one dates a response, which ones are
questions, which one is the satisfaction question, and which are never read.

Rule: an export (问卷星, 腾讯问卷, 金数据 …) has one row per response and a question text as each
column's header ("1、您对我们处理您个人信息的方式满意吗？"), below a title row or two. The header row
is the first of the top ``HEADER_SEARCH_ROWS`` rows with a date column (提交答卷时间, 提交时间,
填写时间, 日期 …): that column gives each response's day, hence its quarter. The tool's own columns
(序号, 所用时间, 来源, 总分 …) are not questions. Columns that may hold personal information (来自IP,
姓名, 手机, 微信昵称, 邮箱, 地址 …) are never read and cannot be chosen as the question. The
satisfaction question is chosen by its text: the same text once its numbering ("1、", "Q3.") and
spacing are set aside, or a part of it that only one question contains; the choice is remembered
(``ProgrammePolicy.survey_target_question``) and found again when the question moves.

Reason: responses stay anonymous (PIPL Art. 73(4)); only a rating and a day are kept, so nothing
else of a row is read. Survey exports hold the respondent's IP address and, when the form asked,
their name or phone: those columns are skipped by name, and only the chosen question is read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop_app.domain.errors import InvalidInput

HEADER_SEARCH_ROWS = 10

DATE_HEADERS: tuple[str, ...] = (
    "提交答卷时间",
    "提交时间",
    "结束答题时间",
    "答题结束时间",
    "完成时间",
    "填写时间",
    "填写日期",
    "提交日期",
    "答卷时间",
    "日期",
    "时间",
    "submittime",
    "submittedat",
    "submissiontime",
    "submitted",
    "completedat",
    "date",
    "开始答题时间",
    "开始时间",
)
"""Headers of the column that dates a response, best first (compared after ``header_key``)."""

SERIAL_HEADERS: tuple[str, ...] = ("序号", "编号", "答卷编号", "答卷序号", "id", "responseid", "no")
"""The tool's number of each response (used only to skip a response imported before)."""

TOOL_HEADERS: frozenset[str] = frozenset(
    {
        "所用时间",
        "答题时长",
        "用时",
        "来源",
        "来源详情",
        "来源渠道",
        "渠道",
        "总分",
        "得分",
        "填写设备",
        "设备",
        "操作系统",
        "浏览器",
        "答卷状态",
        "状态",
        "是否有效",
        "duration",
        "timetaken",
        "source",
        "score",
        "device",
        "browser",
        "status",
    }
)
"""The tool's own columns: neither questions nor personal information."""

PERSONAL_HEADER_PARTS: tuple[str, ...] = (
    "ip",
    "姓名",
    "名字",
    "称呼",
    "昵称",
    "微信",
    "openid",
    "用户",
    "手机",
    "电话",
    "联系方式",
    "邮箱",
    "email",
    "mail",
    "地址",
    "住址",
    "地理位置",
    "位置",
    "城市",
    "省份",
    "身份证",
    "证件",
    "qq",
    "name",
    "phone",
    "mobile",
    "address",
    "location",
    "user",
)
"""A header containing one of these (after ``header_key``) may hold personal information: never read."""

_D = r"[0-9０-９]+"
_NUMBERING = re.compile(
    rf"^(?:[qQＱｑ]\s*{_D}|第\s*{_D}\s*题|{_D})\s*[、.．:：)）\]]?\s*|^[(（\[【]\s*{_D}\s*[)）\]】]\s*"
)
_BRACKETED_NOTE = re.compile(
    r"[(（\[【]\s*(?:单选题?|必答|必填|单选|single choice|required)\s*[)）\]】]", re.IGNORECASE
)


def _folded(text: object) -> str:
    return unicodedata.normalize("NFKC", "" if text is None else str(text)).strip().lower()


def header_key(text: object) -> str:
    """A header as a comparable key: width folded, lower case, only letters and digits."""
    return "".join(char for char in _folded(text) if char.isalnum())


def question_text(header: object) -> str:
    """A question header without its numbering ("1、", "Q3.", "第2题") and type notes ("（单选题）")."""
    text = ("" if header is None else str(header)).strip()
    text = _NUMBERING.sub("", text, count=1)
    return _BRACKETED_NOTE.sub("", text).strip()


def question_key(text: object) -> str:
    """A question as a comparable key: its text (``question_text``) as ``header_key``."""
    return header_key(question_text(text))


_LATIN_PART = re.compile(r"^[a-z]+$")


def is_personal(header: object) -> bool:
    """Whether a column may hold personal information: its header contains a Chinese part of
    ``PERSONAL_HEADER_PARTS``, or one of its English parts as a word (“IP”, “来自IP”, not “relationship”)."""
    key = header_key(header)
    folded = _folded(header)
    for part in PERSONAL_HEADER_PARTS:
        if _LATIN_PART.match(part):
            if re.search(rf"(?<![a-z]){part}(?![a-z])", folded):
                return True
        elif part in key:
            return True
    return False


def _date_rank(header: object) -> int | None:
    key = header_key(header)
    ranks = {header_key(name): rank for rank, name in enumerate(DATE_HEADERS)}
    return ranks.get(key)


@dataclass(frozen=True)
class SurveyLayout:
    """Where things are in an export's header row (indexes into the row)."""

    header_index: int  # 0-based row index of the header
    headers: tuple[str, ...]
    date_column: int
    serial_column: int | None
    questions: tuple[int, ...]  # candidate question columns, in file order
    never_read: tuple[int, ...]  # columns that may hold personal information

    def question_texts(self) -> list[str]:
        return [question_text(self.headers[i]) for i in self.questions]


class NoSurveyHeader(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            f"在文件前 {HEADER_SEARCH_ROWS} 行中找不到问卷的表头（需要“提交答卷时间”“提交时间”“填写时间”或“日期”列）。",
            f"No survey header found in the first {HEADER_SEARCH_ROWS} rows (a column titled 提交答卷时间, "
            "提交时间, 填写时间 or 日期 / date is needed).",
        )


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def survey_layout(rows: Sequence[Sequence[object]]) -> SurveyLayout:
    """The layout of an export whose rows are ``rows``; NoSurveyHeader when no header row is found."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        headers = tuple(_cell(cell) for cell in row)
        ranked = [(rank, column) for column, h in enumerate(headers) if (rank := _date_rank(h)) is not None]
        if not ranked or sum(1 for h in headers if h) < 2:
            continue
        date_column = min(ranked)[1]
        date_like = {column for _, column in ranked}
        serial_keys = {header_key(name) for name in SERIAL_HEADERS}
        serial = next((c for c, h in enumerate(headers) if header_key(h) in serial_keys), None)
        tool = {header_key(name) for name in TOOL_HEADERS}
        never: list[int] = []
        questions: list[int] = []
        for column, header in enumerate(headers):
            key = header_key(header)
            if not key or column in date_like or column == serial or key in tool:
                continue
            if is_personal(header):
                never.append(column)
            else:
                questions.append(column)
        return SurveyLayout(index, headers, date_column, serial, tuple(questions), tuple(never))
    raise NoSurveyHeader()


class QuestionNotChosen(InvalidInput):
    """No question was named (nor remembered), or the name matches none or several: the message
    lists the candidates; ``candidates`` lets the GUI offer a picker."""

    def __init__(self, zh: str, en: str, candidates: Sequence[str]) -> None:
        listed = "\n".join(f"  - {text}" for text in candidates) or "  -"
        super().__init__(f"{zh}\n可选的问题 / questions in the file:\n{listed}", f"{en}\n{listed}")
        self.candidates = tuple(candidates)


def choose_question(layout: SurveyLayout, wanted: str) -> int:
    """The column of the question ``wanted`` names: the same question text, else the only question
    containing it; QuestionNotChosen listing the questions otherwise."""
    candidates = layout.question_texts()
    key = question_key(wanted)
    if not key:
        raise QuestionNotChosen(
            "请指定衡量满意度的问题（--question，或在导入时选择）。",
            "Name the question that measures satisfaction (--question, or choose it when importing).",
            candidates,
        )
    personal = [c for c in layout.never_read if key and key in question_key(layout.headers[c])]
    exact = [c for c in layout.questions if question_key(layout.headers[c]) == key]
    if len(exact) == 1:
        return exact[0]
    partial = [c for c in layout.questions if key in question_key(layout.headers[c])]
    if len(exact) > 1 or len(partial) > 1:
        raise QuestionNotChosen(
            f"“{wanted}”对应文件中的多个问题，请写得更完整。",
            f"{wanted!r} matches several questions in the file; give more of its text.",
            candidates,
        )
    if len(partial) == 1:
        return partial[0]
    if personal:
        raise QuestionNotChosen(
            f"“{wanted}”是可能含个人信息的列（如 IP、姓名、电话），不会被读取。",
            f"{wanted!r} is a column that may hold personal information (IP, name, phone); it is never read.",
            candidates,
        )
    raise QuestionNotChosen(
        f"文件中没有问题“{wanted}”。",
        f"The file has no question {wanted!r}.",
        candidates,
    )


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT].*)?$")
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_RANGE = (36526, 73050)  # 2000-01-01 .. 2099-12-31 as Excel day numbers


def response_day(value: object) -> date | None:
    """The day a date cell names (a date, a date-time, "2026/10/15 14:23:05", "2026年10月15日", an
    Excel day number); None when it names none. Survey tools write Beijing time: the day is taken
    as written, never converted."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        return None
    found = _DATE_TEXT.match(unicodedata.normalize("NFKC", _cell(value)))
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None
