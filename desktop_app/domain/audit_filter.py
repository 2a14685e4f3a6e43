"""What the audit log view is narrowed to: who, which action, from and until when.

A value the UI builds and the store turns into SQL (store/audit_repository.py); empty means "any".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditFilter:
    username: str = ""
    action: str = ""
    since: str = ""  # ISO date or datetime, inclusive
    until: str = ""  # ISO date or datetime, exclusive
