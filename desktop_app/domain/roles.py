"""Staff roles and their names in Chinese and English."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    MANAGER = "manager"
    IT_ADMIN = "it_admin"
    AUDITOR = "auditor"

    @property
    def label_zh(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]

    def label(self, language: str = "zh_CN") -> str:
        return self.label_zh if language.startswith("zh") else self.label_en


_LABELS: dict[Role, tuple[str, str]] = {
    Role.AGENT: ("销售顾问", "Sales agent"),
    Role.MANAGER: ("店长", "Branch manager"),
    Role.IT_ADMIN: ("IT 管理员", "IT administrator"),
    Role.AUDITOR: ("审计员", "Auditor"),
}


def parse_role(text: str) -> Role:
    """Return the role named by its code (``agent``) or either label; raise ValueError otherwise."""
    cleaned = text.strip()
    for role in Role:
        if cleaned.lower() == role.value or cleaned in (role.label_zh, role.label_en):
            return role
    raise ValueError(cleaned)
