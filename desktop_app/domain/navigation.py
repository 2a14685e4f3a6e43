"""Which areas of the main window each role sees, derived from the permission matrix."""

from __future__ import annotations

from enum import StrEnum

from desktop_app.domain.permissions import Action, can
from desktop_app.domain.roles import Role


class Area(StrEnum):
    CLIENTS = "clients"
    REQUESTS = "requests"  # individuals' requests and the retention queue (managers)
    CONSENT = "consent"
    EXPORTS = "exports"
    AUDIT = "audit"
    ADMIN = "admin"
    PROGRAMME = "programme"  # the privacy programme: training for everyone, figures for managers/auditors
    SECURITY = "security"  # security operations: alerts, log and access reviews, backups, integrity checks


# An area is shown when the role may perform the action that opens it.
_AREA_GATE: dict[Area, Action] = {
    Area.CLIENTS: Action.CLIENT_VIEW_OWN,
    Area.REQUESTS: Action.REQUEST_HANDLE,
    Area.CONSENT: Action.CONSENT_PRINT,
    Area.EXPORTS: Action.EXPORT_REQUEST,
    Area.PROGRAMME: Action.TRAINING_TAKE,
    Area.SECURITY: Action.SECOPS_VIEW,
    Area.AUDIT: Action.AUDIT_READ,
    Area.ADMIN: Action.STAFF_MANAGE,
}


def areas_for(role: Role) -> list[Area]:
    """The navigation areas ``role`` may open, in display order."""
    return [area for area in Area if can(role, _AREA_GATE[area])]
