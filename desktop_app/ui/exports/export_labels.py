"""How export values read on screen: the states in the UI language, a short content hash, times
in Beijing time and periods as Beijing dates.

Codes cross the layers (``prepared``, ``failing``…); labels exist only here (STYLE: display text
never travels as data). An unknown state shows its code rather than nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.client_field_registry import CLIENT_FIELDS, ClientField
from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.labelled_choice import LabelledChoice

CHOICE_KINDS: tuple[type[LabelledChoice], ...] = (PurposeId,)  # codes outside a field's own table
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


def short_time(value: datetime | str | None) -> str:
    """``local_time`` without the year (lists; the tooltip has the whole time)."""
    return local_time(value)[5:]


def period_text(period_from: date | str, period_to: date | str) -> str:
    """A period of Beijing dates, both ends inclusive: one date when it is one day."""
    start, end = str(period_from), str(period_to)
    return start if start == end else f"{start} – {end}"


NEW_CLIENTS_BY = "new_clients_by_"


def _field_of(table_key: str) -> ClientField | None:
    """The client field a distribution table counts (``new_clients_by_stage`` → stage)."""
    if table_key.startswith(NEW_CLIENTS_BY):
        return CLIENT_FIELDS.get(table_key[len(NEW_CLIENTS_BY) :])
    return None


def row_order(table_key: str) -> tuple[str, ...]:
    """The codes of the field a table counts, in the form's order (empty when it counts none)."""
    field = _field_of(table_key)
    return tuple(member.value for member in field.choice) if field is not None and field.choice else ()


def code_label(code: str, language: str, table_key: str = "") -> str:
    """A code found in a payload (a stage, a budget band, a consent purpose, a legal basis, a
    count's name) in the UI language, read in the table it appears in (``closed`` is a stage in
    one table and a request's state in another); the code itself when it is none of those."""
    field = _field_of(table_key)
    if field is not None and field.choice is not None:
        try:
            return field.choice(code).label(language)
        except ValueError:
            pass
    named = _named_codes().get(code)
    if named is not None:
        return named
    for kind in CHOICE_KINDS:
        try:
            return kind(code).label(language)
        except ValueError:
            continue
    return code


def _named_codes() -> dict[str, str]:
    return {
        "same_entity": QCoreApplication.translate("ExportLabels", "same legal entity"),
        "entrustment": QCoreApplication.translate("ExportLabels", "entrustment agreement"),
        "separate_consent": QCoreApplication.translate("ExportLabels", "separate consent"),
        "clients_held": QCoreApplication.translate("ExportLabels", "Clients held now"),
        "new_clients": QCoreApplication.translate("ExportLabels", "New clients"),
        "follow_ups": QCoreApplication.translate("ExportLabels", "Follow-ups"),
        "destructions": QCoreApplication.translate("ExportLabels", "Clients' data destroyed"),
        "clients": QCoreApplication.translate("ExportLabels", "Clients"),
        "granted": QCoreApplication.translate("ExportLabels", "Consent given"),
        "not_granted": QCoreApplication.translate("ExportLabels", "Not given"),
        "opened": QCoreApplication.translate("ExportLabels", "Opened"),
        "open": QCoreApplication.translate("ExportLabels", "Still open"),
        "closed": QCoreApplication.translate("ExportLabels", "Closed"),
        "overdue": QCoreApplication.translate("ExportLabels", "Overdue"),
        "total": QCoreApplication.translate("ExportLabels", "Total"),
        "not_recorded": QCoreApplication.translate("ExportLabels", "Not recorded"),
        "other_districts": QCoreApplication.translate("ExportLabels", "Other districts (each under k)"),
    }


def aggregate_title(path: str, language: str) -> str:
    """The heading of one aggregate table (its path in the payload, e.g. ``new_clients_by_stage``
    or ``consent``)."""
    field = _field_of(path)
    if field is not None:
        name = field.label.zh if language.startswith("zh") else field.label.en.lower()
        return QCoreApplication.translate("ExportLabels", "New clients by %1").replace("%1", name)
    titles = {
        "consent": QCoreApplication.translate("ExportLabels", "Consent by purpose (clients held now)"),
        "client_requests": QCoreApplication.translate("ExportLabels", "Individuals' requests"),
    }
    if path in titles:
        return titles[path]
    return " · ".join(code_label(part, language) for part in path.split("/"))


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
