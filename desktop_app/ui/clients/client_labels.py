"""How client values read on screen: choice labels in the UI language, dates as YYYY-MM-DD, and
the labels of the registry's fields (domain/client_field_registry.py: its zh/en labels are the
translations) with their keyboard mnemonic."""

from __future__ import annotations

from datetime import datetime

from desktop_app.domain.client_field_registry import ClientField
from desktop_app.domain.labelled_choice import LabelledChoice


def choice_label(kind: type[LabelledChoice], code: str | None, language: str) -> str:
    """The label of a stored choice code (the code itself if unknown, "" if not given)."""
    if not code:
        return ""
    try:
        return kind(code).label(language)
    except ValueError:
        return code


def local_date(ts: str | None) -> str:
    """A stored UTC timestamp as this PC's local date, Chinese convention: 2027-01-15."""
    if not ts:
        return ""
    try:
        return datetime.fromisoformat(ts).astimezone().strftime("%Y-%m-%d")
    except ValueError:
        return ts


def field_label(row: ClientField, language: str, *, mnemonic: bool = False) -> str:
    """A registry field's label as a form row shows it: "意向等级(&L)：" / "Intention &level:"
    (with ``mnemonic``, when the row has one), in the UI language."""
    letter = row.mnemonic if mnemonic else ""
    if language.startswith("zh"):
        return f"{row.label.zh}(&{letter.upper()})：" if letter else f"{row.label.zh}："
    text = row.label.en
    at = text.lower().find(letter.lower()) if letter else -1
    return f"{text[:at]}&{text[at:]}:" if at >= 0 else f"{text}:"
