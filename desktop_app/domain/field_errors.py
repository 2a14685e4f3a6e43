"""Field-level input errors: which field is wrong and why, in Chinese and English.

Validation is shared by the GUI, the CLI and spreadsheet import, so every rejection names the field
(a stable key for code, a label for people) and a stable reason code. Messages never contain the
rejected value: callers pass only the field label and a description of the problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.errors import InvalidInput


@dataclass(frozen=True)
class FieldLabel:
    """A field's stable key (``id_number``) and its names in Chinese and English."""

    key: str
    zh: str
    en: str


class InvalidField(InvalidInput):
    """One field's value was rejected. ``field`` and ``reason`` are stable codes for callers
    (highlight the widget, name the spreadsheet column); ``zh``/``en`` name the field and the problem."""

    def __init__(self, field: FieldLabel, reason: str, problem_zh: str, problem_en: str) -> None:
        self.field = field.key
        self.field_label = field
        self.reason = reason
        super().__init__(f"{field.zh}：{problem_zh}。", f"{field.en}: {problem_en}.")


def required(field: FieldLabel) -> InvalidField:
    return InvalidField(field, "required", "必须填写", "is required")


def too_long(field: FieldLabel, limit: int, length: int) -> InvalidField:
    return InvalidField(
        field,
        "too_long",
        f"最多 {limit} 个字符（当前 {length} 个）",
        f"at most {limit} characters allowed ({length} entered)",
    )
