"""How client values read on screen: choice labels in the UI language, dates as YYYY-MM-DD."""

from __future__ import annotations

from datetime import datetime

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
