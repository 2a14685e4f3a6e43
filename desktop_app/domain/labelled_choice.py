"""A base for fixed choices stored as stable codes and shown with Chinese and English labels.

    class PaymentMethod(LabelledChoice):
        FULL = "full", "全款", "Full payment"

``PaymentMethod.FULL == "full"`` (a StrEnum: the code is what is stored), ``.label_zh`` / ``.label_en``
/ ``.label(language)`` are what is shown, and ``parse`` reads the code, either label or a listed alias
(spreadsheet import, CLI) or raises InvalidField naming the field and the allowed values.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from desktop_app.domain.field_errors import FieldLabel, InvalidField, required
from desktop_app.domain.input_text import collapse_spaces, fold_width

_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―~～〜", "-"))


def _key(text: str) -> str:
    return collapse_spaces(fold_width(text)).translate(_DASHES).lower()


class LabelledChoice(StrEnum):
    label_zh: str
    label_en: str
    aliases: tuple[str, ...]

    def __new__(cls, value: str, zh: str = "", en: str = "", *aliases: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label_zh = zh
        member.label_en = en
        member.aliases = aliases
        return member

    def label(self, language: str = "zh_CN") -> str:
        return self.label_zh if language.startswith("zh") else self.label_en

    def _names(self) -> set[str]:
        forms = (self.value, self.label_zh, self.label_en, *self.aliases)
        return {_key(form) for form in forms}

    @classmethod
    def parse(cls, text: str, field: FieldLabel) -> Self:
        """The member named by ``text`` (code, label in either language or alias; case, width,
        spacing and the kind of dash ignored)."""
        cleaned = _key(text)
        if not cleaned:
            raise required(field)
        for member in cls:
            if cleaned in member._names():
                return member
        raise InvalidField(
            field,
            "unknown_choice",
            "不是可选的值，可选：" + "、".join(m.label_zh for m in cls),
            "is not one of the choices: " + ", ".join(m.label_en for m in cls),
        )
