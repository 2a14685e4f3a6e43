"""Client satisfaction answers: reading a survey answer as a rating of 1 to 5.

Rule: a rating is a whole number from 1 (非常不满意 / very dissatisfied) to 5 (非常满意 / very
satisfied); 4 and 5 count as satisfied. ``parse_rating`` reads what online survey tools (问卷星,
腾讯问卷, 金数据) and hand-typed sheets put in an answer cell: the five-point labels and their usual
variants (很满意, 比较满意, 基本满意, 不太满意, 很不满意 …), English labels, the digits 1-5 (also
full-width, as a number cell, "5分", "5星", "★★★★★"), and a number with its label ("5 - 非常满意",
"非常满意（5分）"), which must agree. A blank answer, or a tool's marker for a skipped question
("(跳过)", "(空)", "-"), is no answer: ``None``. Anything else is refused with the reason, never
guessed: an unknown label (还行), a number outside 1-5 (a 10-point question is another question),
or a number and a label that disagree.

Reason: the programme's satisfaction target (≥ 85 % of responses rating the handling of their
personal information satisfied or very satisfied) is only as true as the reading of each answer; a
guessed label would move the figure HQ reads. Responses are anonymous (PIPL Art. 73(4):
anonymised information is no longer personal information): only the rating is read from a row.
"""

from __future__ import annotations

import re
import unicodedata

from desktop_app.domain.errors import InvalidInput

RATING_MIN = 1
RATING_MAX = 5
SATISFIED_MIN = 4
"""Ratings from here up (满意, 非常满意) count as satisfied."""

RATING_LABELS: dict[int, tuple[str, str]] = {
    5: ("非常满意", "very satisfied"),
    4: ("满意", "satisfied"),
    3: ("一般", "neutral"),
    2: ("不满意", "dissatisfied"),
    1: ("非常不满意", "very dissatisfied"),
}
"""The canonical label of each rating, Chinese and English (the entry buttons, the reports)."""

_VARIANTS: dict[int, tuple[str, ...]] = {
    5: (
        "非常满意",
        "很满意",
        "十分满意",
        "特别满意",
        "极其满意",
        "极为满意",
        "超级满意",
        "非常好",
        "very satisfied",
        "extremely satisfied",
        "completely satisfied",
        "highly satisfied",
    ),
    4: (
        "满意",
        "比较满意",
        "较满意",
        "基本满意",
        "还算满意",
        "挺满意",
        "satisfied",
        "fairly satisfied",
        "somewhat satisfied",
        "mostly satisfied",
    ),
    3: (
        "一般",
        "中立",
        "一般般",
        "说不上满意不满意",
        "谈不上满意或不满意",
        "neutral",
        "average",
        "neither satisfied nor dissatisfied",
        "neither",
    ),
    2: (
        "不满意",
        "不太满意",
        "不大满意",
        "较不满意",
        "比较不满意",
        "有点不满意",
        "dissatisfied",
        "unsatisfied",
        "not satisfied",
        "somewhat dissatisfied",
        "fairly dissatisfied",
    ),
    1: (
        "非常不满意",
        "很不满意",
        "十分不满意",
        "特别不满意",
        "极不满意",
        "极其不满意",
        "非常差",
        "very dissatisfied",
        "very unsatisfied",
        "extremely dissatisfied",
        "completely dissatisfied",
        "highly dissatisfied",
    ),
}

NO_ANSWER_MARKS = frozenset(
    {
        "",
        "-",
        "--",
        "—",
        "——",
        "/",
        "(跳过)",
        "跳过",
        "(空)",
        "空",
        "n/a",
        "na",
        "(未填)",
        "未填",
        "(未作答)",
        "未作答",
    }
)
"""What survey tools write for a question the respondent skipped (compared after ``_fold``)."""

_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_SCORE = re.compile(r"^([0-9]+(?:\.[0-9]+)?|[一二两三四五])\s*(?:分|星|颗星|points?|stars?|pts?)?$")
_NUMBER_AND_LABEL = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(?:分|星)?\s*[-–—:：.、,，)）]?\s*(.+?)$")
_LABEL_AND_NUMBER = re.compile(
    r"^(.+?)\s*[(（\[【]\s*([0-9]+(?:\.[0-9]+)?)\s*(?:分|星|points?)?\s*[)）\]】]$"
)
_STARS = re.compile(r"^[★☆]+$")


def _fold(text: str) -> str:
    """Width folded (full-width digits and brackets become ASCII), lower case, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"\s+", " ", folded)


def _label_key(text: str) -> str:
    """A label without spaces and trailing punctuation, for looking it up."""
    return re.sub(r"[\s。.!！~～]+", "", text)


_LABELS: dict[str, int] = {
    _label_key(_fold(label)): rating for rating, labels in _VARIANTS.items() for label in labels
}


class RatingNotRecognised(InvalidInput):
    """An answer that is not a rating of 1 to 5; ``reason`` is a code for reports."""

    def __init__(self, reason: str, zh: str, en: str) -> None:
        super().__init__(zh, en)
        self.reason = reason


def _unknown(text: str) -> RatingNotRecognised:
    shown = text if len(text) <= 30 else text[:30] + "…"
    return RatingNotRecognised(
        "unknown_label",
        f"无法识别的评价“{shown}”（可用：非常满意、满意、一般、不满意、非常不满意或 1–5 分）",
        f"Answer not recognised: {shown!r} (use very satisfied, satisfied, neutral, dissatisfied, "
        "very dissatisfied or 1-5)",
    )


def _out_of_range(text: str) -> RatingNotRecognised:
    return RatingNotRecognised(
        "out_of_range",
        f"评分“{text}”不在 1–5 之间（其他分制的题目不能作为满意度题目）",
        f"The score {text!r} is not between 1 and 5 (a question on another scale cannot be the "
        "satisfaction question)",
    )


def _contradictory(text: str) -> RatingNotRecognised:
    return RatingNotRecognised(
        "contradictory",
        f"“{text}”中的分数与文字不一致",
        f"The number and the label in {text!r} disagree",
    )


def _score(number: str, original: str) -> int:
    value = _CHINESE_DIGITS.get(number)
    if value is None:
        amount = float(number)
        if not amount.is_integer():
            raise _out_of_range(original)
        value = int(amount)
    if not RATING_MIN <= value <= RATING_MAX:
        raise _out_of_range(original)
    return value


def _label(text: str) -> int | None:
    return _LABELS.get(_label_key(text))


def parse_rating(cell: object) -> int | None:
    """The rating (1-5) an answer cell gives; ``None`` for no answer; RatingNotRecognised otherwise.
    ``cell`` is a spreadsheet value (text, int, float; None for an empty cell)."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise _unknown(str(cell))
    if isinstance(cell, int | float):
        if isinstance(cell, float) and not cell.is_integer():
            raise _out_of_range(str(cell))
        return _score(str(int(cell)), str(cell))
    original = str(cell).strip()
    text = _fold(original)
    if text in NO_ANSWER_MARKS:
        return None
    if _STARS.match(text):
        stars = text.count("★")
        if stars == 0 or len(text) > RATING_MAX:
            raise _out_of_range(original)
        return stars
    found = _SCORE.match(text)
    if found:
        return _score(found.group(1), original)
    by_label = _label(text)
    if by_label is not None:
        return by_label
    for pattern, number_group, label_group in ((_NUMBER_AND_LABEL, 1, 2), (_LABEL_AND_NUMBER, 2, 1)):
        both = pattern.match(text)
        if both:
            label = _label(both.group(label_group))
            if label is None:
                continue
            if _score(both.group(number_group), original) != label:
                raise _contradictory(original)
            return label
    raise _unknown(original)


def check_rating(value: object) -> int:
    """A rating typed in the app (paper forms): a whole number 1-5, else a bilingual InvalidInput."""
    if isinstance(value, bool) or not isinstance(value, int) or not RATING_MIN <= value <= RATING_MAX:
        raise InvalidInput(
            f"评分须为 1–5 的整数：{value!r}", f"A rating is a whole number from 1 to 5: {value!r}"
        )
    return value


def is_satisfied(rating: int) -> bool:
    return rating >= SATISFIED_MIN
