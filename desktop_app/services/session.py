"""The signed-in staff member, with the keys their slot opened.

``client_access`` says whether this session holds the client-data key (services/client_access.py):
``granted`` (``client_key`` is set and clients.db is attached), ``pending`` (an agent or manager
waiting for a manager to confirm them; ``confirmation_code`` is what they read to the manager),
``not_set_up`` (no client-data key exists yet: the first manager creates it) or ``none`` (IT
administrators and auditors, who never hold it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.domain.roles import Role

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

ACCESS_GRANTED = "granted"
ACCESS_PENDING = "pending"
ACCESS_NOT_SET_UP = "not_set_up"
ACCESS_NONE = "none"


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
    slot_private: X25519PrivateKey | None = field(default=None, repr=False)  # opens this user's grant
    slot_kek: bytes = field(default=b"", repr=False)  # this sign-in's KEK: re-wraps the slot's pin
    slot_pin: bytes = field(default=b"", repr=False)  # the last client-data key this slot held
    client_key: bytes = field(default=b"", repr=False)
    client_epoch: int = 0
    client_access: str = ACCESS_NONE
    confirmation_code: str = ""
    notices: list[SessionNotice] = field(default_factory=list)
    """What the signed-in user is told once after sign-in (e.g. an edited branch.toml was restored)."""
    must_enrol_second_factor: bool = False
    """The policy requires this member to use TOTP and none is enrolled: only enrolment and the password
    change are allowed (services/second_factor.py, audit_trail.check_permission)."""

    @property
    def holds_client_key(self) -> bool:
        return self.client_access == ACCESS_GRANTED and bool(self.client_key)


@dataclass(frozen=True)
class SessionNotice:
    """A bilingual message for the signed-in user; the GUI shows it after sign-in, the CLI on stderr."""

    code: str
    zh: str
    en: str

    def message(self, language: str = "zh_CN") -> str:
        return self.zh if language.startswith("zh") else self.en

    def bilingual(self) -> str:
        return f"{self.zh}\n{self.en}"
