"""A staff account as the app knows it: identity, role and state (credentials live in key slots).

A record the store reads and the services and the UI show; no I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.roles import Role


@dataclass(frozen=True)
class StaffMember:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    must_change_password: bool
    password_changed_at: float
    created_at: str
    slot_public_key: str = ""  # of the member's current key slot ('' once disabled)
