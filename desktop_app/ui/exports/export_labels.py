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
        "same_entity": QCoreApplication.translate("ExportLabels", "same legal entity"),
        "entrustment": QCoreApplication.translate("ExportLabels", "entrustment agreement"),
        "separate_consent": QCoreApplication.translate("ExportLabels", "separate consent"),
        "new_clients": QCoreApplication.translate("ExportLabels", "New clients"),
        "followups": QCoreApplication.translate("ExportLabels", "Follow-ups"),
        "follow_ups": QCoreApplication.translate("ExportLabels", "Follow-ups"),
        "clients": QCoreApplication.translate("ExportLabels", "Clients"),
        "granted": QCoreApplication.translate("ExportLabels", "Consent given"),
        "withdrawn": QCoreApplication.translate("ExportLabels", "Consent withdrawn"),
        "opened": QCoreApplication.translate("ExportLabels", "Opened"),
        "closed": QCoreApplication.translate("ExportLabels", "Closed"),
        "overdue": QCoreApplication.translate("ExportLabels", "Overdue"),
        "destructions": QCoreApplication.translate("ExportLabels", "Clients' data destroyed"),
        "total": QCoreApplication.translate("ExportLabels", "Total"),
        "unknown": QCoreApplication.translate("ExportLabels", "Not recorded"),
        "none": QCoreApplication.translate("ExportLabels", "Not recorded"),
    }


def aggregate_title(path: str, language: str) -> str:
    """The heading of one aggregate table (its path in the payload, e.g. ``by_stage`` or
    ``consent/hq_sharing``)."""
    titles = {
        "by_source_channel": QCoreApplication.translate("ExportLabels", "Clients by source channel"),
        "by_intention_level": QCoreApplication.translate("ExportLabels", "Clients by intention level"),
        "by_property_type": QCoreApplication.translate("ExportLabels", "Clients by property type"),
        "by_budget_band": QCoreApplication.translate("ExportLabels", "Clients by budget band"),
        "by_district": QCoreApplication.translate("ExportLabels", "Clients by district"),
        "by_stage": QCoreApplication.translate("ExportLabels", "Clients by stage"),
        "consent": QCoreApplication.translate("ExportLabels", "Consent by purpose"),
        "consents": QCoreApplication.translate("ExportLabels", "Consent by purpose"),
        "requests": QCoreApplication.translate("ExportLabels", "Client requests"),
        "client_requests": QCoreApplication.translate("ExportLabels", "Client requests"),
        "destructions": QCoreApplication.translate("ExportLabels", "Clients' data destroyed"),
    }
    if path in titles:
        return titles[path]
    parts = path.split("/")
    first = titles.get(parts[0], code_label(parts[0], language))
    return " · ".join([first, *(code_label(part, language) for part in parts[1:])])


def row_field_label(field: str) -> str:
    """The column heading of one field of the masked per-client rows."""
    labels = {
        "pseudonym": QCoreApplication.translate("ExportLabels", "Pseudonym"),
        "masked_name": QCoreApplication.translate("ExportLabels", "Name (masked)"),
        "district": QCoreApplication.translate("ExportLabels", "District"),
        "intention_level": QCoreApplication.translate("ExportLabels", "Intention"),
        "property_type": QCoreApplication.translate("ExportLabels", "Property type"),
        "budget_band": QCoreApplication.translate("ExportLabels", "Budget"),
        "stage": QCoreApplication.translate("ExportLabels", "Stage"),
        "agent_code": QCoreApplication.translate("ExportLabels", "Agent code"),
    }
    return labels.get(field, field)
