"""How export values read on screen: the states in the UI language, a short content hash, times
in Beijing time and periods as Beijing dates.

Codes cross the layers (``prepared``, ``failing``…); labels exist only here (STYLE: display text
never travels as data). An unknown state shows its code rather than nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.client_choices import BudgetBand, IntentionLevel, PropertyType, SourceChannel, Stage
from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.labelled_choice import LabelledChoice

CHOICE_KINDS: tuple[type[LabelledChoice], ...] = (
    Stage,
    IntentionLevel,
    PropertyType,
    BudgetBand,
    SourceChannel,
    PurposeId,
)
SHORT_HASH = 12  # hex characters shown in lists; the review shows all 64


def state_label(state: str) -> str:
    labels = {
        "prepared": QCoreApplication.translate("ExportLabels", "Awaiting approval"),
        "rejected": QCoreApplication.translate("ExportLabels", "Rejected"),
        "approved": QCoreApplication.translate("ExportLabels", "Approved"),
        "queued": QCoreApplication.translate("ExportLabels", "Queued for sending"),
        "sent": QCoreApplication.translate("ExportLabels", "Sent, awaiting receipt"),
        "acknowledged": QCoreApplication.translate("ExportLabels", "Received by headquarters"),
        "failing": QCoreApplication.translate("ExportLabels", "Sending failed, will retry"),
    }
    return labels.get(state, state)


def short_hash(sha256: str | None) -> str:
    """The first hex digits of a content hash, enough to compare by eye."""
    return (sha256 or "")[:SHORT_HASH]


def grouped_hash(sha256: str) -> str:
    """A full hash in groups of eight, so it can be read out and compared."""
    return " ".join(sha256[i : i + 8] for i in range(0, len(sha256), 8))


def local_time(value: datetime | str | None) -> str:
    """A UTC time (a datetime or ISO 8601 text) as Beijing time, to the minute: the branch's
    calendar (domain/branch_time.py), the one the periods are in."""
    if value is None or value == "":
        return ""
    try:
        moment = (
            value
            if isinstance(value, datetime)
            else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        )
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BRANCH_TIME).strftime("%Y-%m-%d %H:%M")


def period_text(period_from: date | str, period_to: date | str) -> str:
    """A period of Beijing dates, both ends inclusive: one date when it is one day."""
    start, end = str(period_from), str(period_to)
    return start if start == end else f"{start} – {end}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportLabels", text)


def code_label(code: str, language: str) -> str:
    """A code found in a payload (a stage, a budget band, a consent purpose, a legal basis, a
    count's name) in the UI language; the code itself when it is none of those."""
    for kind in CHOICE_KINDS:
        try:
            return kind(code).label(language)
        except ValueError:
            continue
    named = _named_codes().get(code)
    return named if named is not None else code


def _named_codes() -> dict[str, str]:
    return {
        "same_entity": _tr("same legal entity"),
        "entrustment": _tr("entrustment agreement"),
        "separate_consent": _tr("separate consent"),
        "new_clients": _tr("New clients"),
        "followups": _tr("Follow-ups"),
        "follow_ups": _tr("Follow-ups"),
        "clients": _tr("Clients"),
        "granted": _tr("Consent given"),
        "withdrawn": _tr("Consent withdrawn"),
        "opened": _tr("Opened"),
        "closed": _tr("Closed"),
        "overdue": _tr("Overdue"),
        "destructions": _tr("Clients' data destroyed"),
        "total": _tr("Total"),
        "unknown": _tr("Not recorded"),
        "none": _tr("Not recorded"),
    }


def aggregate_title(path: str, language: str) -> str:
    """The heading of one aggregate table (its path in the payload, e.g. ``by_stage`` or
    ``consent/hq_sharing``)."""
    titles = {
        "by_source_channel": _tr("Clients by source channel"),
        "by_intention_level": _tr("Clients by intention level"),
        "by_property_type": _tr("Clients by property type"),
        "by_budget_band": _tr("Clients by budget band"),
        "by_district": _tr("Clients by district"),
        "by_stage": _tr("Clients by stage"),
        "consent": _tr("Consent by purpose"),
        "consents": _tr("Consent by purpose"),
        "requests": _tr("Client requests"),
        "client_requests": _tr("Client requests"),
        "destructions": _tr("Clients' data destroyed"),
    }
    if path in titles:
        return titles[path]
    parts = path.split("/")
    first = titles.get(parts[0], code_label(parts[0], language))
    return " · ".join([first, *(code_label(part, language) for part in parts[1:])])


def row_field_label(field: str) -> str:
    """The column heading of one field of the masked per-client rows."""
    labels = {
        "pseudonym": _tr("Pseudonym"),
        "masked_name": _tr("Name (masked)"),
        "district": _tr("District"),
        "intention_level": _tr("Intention"),
        "property_type": _tr("Property type"),
        "budget_band": _tr("Budget"),
        "stage": _tr("Stage"),
        "agent_code": _tr("Agent code"),
    }
    return labels.get(field, field)
