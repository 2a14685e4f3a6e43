"""The signed-in staff member."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.roles import Role


@dataclass
class Session:
    staff_id: int
    username: str
    display_name: str
    role: Role
    signed_in_at: float
    last_auth_at: float
    must_change_password: bool = False
    db_key: bytes = field(default=b"", repr=False)  # needed to create key slots for others
    # what the user must be told after signing in (tampering found and recorded); the UI shows them
    warnings: list[BranchVaultError] = field(default_factory=list)
