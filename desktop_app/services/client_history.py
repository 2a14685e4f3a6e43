"""What happened to one client, for the detail page: the change history (which fields changed, when,
by whom, for which correction request) and the follow-up timeline with the staff members' names.

Same visibility as the detail view: an agent only for their own clients, a manager for the whole
branch, never IT administrators or auditors; a refusal is audited as ``access.denied``. The change
history holds field names only, never values (old values exist only as pseudonyms in the audit log).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.client_fields import ADDRESS_FIELD
from desktop_app.domain.client_record import FollowupKind
from desktop_app.domain.client_requests import column_labels
from desktop_app.domain.field_errors import FieldLabel
from desktop_app.domain.permissions import Action
from desktop_app.domain.phone_numbers import PHONE_FIELD
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.client_directory import denials_audited, visible_client
from desktop_app.services.client_followups import list_followups
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.staff_repository import StaffRepository

HISTORY_ACTION = "client.history_view"
# The phone's number and kind, and the four address parts, are one field each on screen, so a
# change to several of them reads as one; every other field keeps its label from the requests rules.
_MERGED: dict[str, FieldLabel] = {
    "phone_e164": PHONE_FIELD,
    "phone_kind": PHONE_FIELD,
    "province": ADDRESS_FIELD,
    "city": ADDRESS_FIELD,
    "district": ADDRESS_FIELD,
    "address_detail": ADDRESS_FIELD,
}


def field_label(name: str) -> FieldLabel:
    """How people call a stored client field (an unknown name labels itself)."""
    if name in _MERGED:
        return _MERGED[name]
    zh, en = column_labels().get(name, (name, name))
    return FieldLabel(name, zh, en)


def field_labels(names: tuple[str, ...] | list[str]) -> tuple[FieldLabel, ...]:
    """The labels of stored field names, in order, each once (unknown names label themselves)."""
    labels: list[FieldLabel] = []
    for name in names:
        label = field_label(name)
        if label not in labels:
            labels.append(label)
    return tuple(labels)


@dataclass(frozen=True)
class ChangeEntry:
    """One change of a client's record: when (UTC timestamp), who, which fields, which request."""

    at: str
    staff_name: str
    fields: tuple[FieldLabel, ...]
    request_id: int | None

    def field_names(self, language: str = "zh_CN") -> list[str]:
        return [label.zh if language.startswith("zh") else label.en for label in self.fields]


@dataclass(frozen=True)
class TimelineEntry:
    """One follow-up with the name of the staff member who recorded it (the note is personal data:
    detail page only, never in a repr)."""

    id: int
    at: str
    kind: FollowupKind
    note: str = field(repr=False)
    staff_name: str


def _names(staff: StaffRepository) -> dict[int, str]:
    return {member.id: member.display_name or member.username for member in staff.list()}


def list_changes(ctx: SignedIn, client_id: int) -> list[ChangeEntry]:
    """The client's change history, newest first. Audited ``client.history_view``."""
    check_permission(ctx, Action.CLIENT_VIEW_OWN)
    db = ctx.db
    with denials_audited(ctx, HISTORY_ACTION), db.transaction():
        repo = ClientRepository(db)
        visible_client(ctx, repo, client_id)
        changes = repo.changes(client_id)
        names = _names(StaffRepository(db))
        record(ctx, HISTORY_ACTION, target_type="client", target_id=str(client_id))
    return [
        ChangeEntry(
            at=change.at,
            staff_name=names.get(change.staff_id, f"#{change.staff_id}"),
            fields=field_labels(change.fields),
            request_id=change.request_id,
        )
        for change in changes
    ]


def list_timeline(ctx: SignedIn, client_id: int) -> list[TimelineEntry]:
    """The client's follow-ups, newest first, with staff names (``list_followups``: same checks
    and audit)."""
    followups = list_followups(ctx, client_id)
    db = ctx.db
    names = _names(StaffRepository(db))
    return [
        TimelineEntry(f.id, f.at, f.kind, f.note, names.get(f.staff_id, f"#{f.staff_id}")) for f in followups
    ]


def staff_display_name(ctx: SignedIn, staff_id: int) -> str:
    """A colleague's display name (shown next to their clients and follow-ups; not client data)."""
    check_permission(ctx, Action.CLIENT_VIEW_OWN)
    db = ctx.db
    member = StaffRepository(db).get_by_id(staff_id)
    if member is None:
        return f"#{staff_id}"
    return member.display_name or member.username
