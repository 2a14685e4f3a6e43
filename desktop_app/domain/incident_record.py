"""An incident as the register holds it, its timeline entries and notification-log rows, and the
checks on what staff type into it.

Rule: the incident row in ``branch.db`` names no client (IT and auditors open that file): the
affected clients are a list in ``clients.db`` and the row keeps only their number. Free texts
(description, cause, measures, harm, advice, notes) carry the hint "请勿填写客户姓名、证件号码等
个人信息" on every form, and ``clean_text`` refuses a run of 7 or more digits (a phone, ID or bank
card number typed by mistake) and bounds the length. References are "INC-<year>-<4 digits>",
numbered per Beijing calendar year of the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from desktop_app.domain.errors import InvalidInput

MAX_TEXT = 2000
_LONG_NUMBER = re.compile(r"\d[\d\s-]{5,}\d")


@dataclass(frozen=True)
class Incident:
    id: int
    reference: str
    kind: str
    occurred_at: str
    discovered_at: str
    reported_at: str
    reported_by: int
    description: str
    state: str
    is_breach: bool | None
    categories: tuple[str, ...]
    affected_count: int
    cause: str
    measures: str
    harm: str
    client_advice: str
    internal_reported_at: str | None
    regulator_reported_at: str | None
    clients_notified_at: str | None
    closed_at: str | None
    closed_without_notice: bool
    assessed_at: str | None = None
    assessed_by: int | None = None


@dataclass(frozen=True)
class IncidentEvent:
    id: int
    incident_id: int
    at: str
    by: int
    state_from: str | None
    state_to: str
    note: str


@dataclass(frozen=True)
class NotificationEntry:
    """One row of the notification log (clients.db). ``by`` is a staff id."""

    id: int
    incident_id: int
    client_id: int
    channel: str
    day: date
    by: int
    note: str
    recorded_at: str


def reference_for(year: int, number: int) -> str:
    return f"INC-{year}-{number:04d}"


def clean_text(text: str, label_zh: str, label_en: str, *, required: bool = False) -> str:
    """Trimmed ``text``; InvalidInput when empty but required, too long, or holding a long number."""
    value = text.strip()
    if required and not value:
        raise InvalidInput(f"请填写{label_zh}。", f"Please fill in the {label_en}.")
    if len(value) > MAX_TEXT:
        raise InvalidInput(
            f"{label_zh}最多 {MAX_TEXT} 个字符。", f"The {label_en} holds at most {MAX_TEXT} characters."
        )
    if _LONG_NUMBER.search(value):
        raise InvalidInput(
            f"{label_zh}中不能填写手机号、证件号等长数字：请勿填写客户的个人信息。",
            f"The {label_en} must not hold phone, ID or card numbers: do not enter clients' personal details.",
        )
    return value


def check_times(occurred: datetime, discovered: datetime, reported: datetime) -> None:
    """Occurred ≤ discovered ≤ reported (all timezone-aware)."""
    if discovered < occurred:
        raise InvalidInput(
            "发现时间不能早于发生时间。", "The discovery cannot be before the incident occurred."
        )
    if discovered > reported:
        raise InvalidInput("发现时间不能晚于现在。", "The discovery cannot be in the future.")
