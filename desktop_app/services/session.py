"""The signed-in staff member."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    notices: list[SessionNotice] = field(default_factory=list)
    """What the signed-in user is told once after sign-in (e.g. an edited branch.toml was restored)."""


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
