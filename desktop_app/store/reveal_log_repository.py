"""The audit-log queries behind the bulk-reveal guard: a user's recent successful reveals and the
manager overrides granted for them. Read-only; entries are written through the audit trail."""

from __future__ import annotations

from datetime import datetime

from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.store.database import Database

REVEAL_ACTION = "client.reveal"
OVERRIDE_ACTION = "client.reveal_override"


def parse_utc_timestamp(ts: str) -> float:
    """The inverse of ``audit_repository.utc_timestamp``."""
    return datetime.fromisoformat(ts).timestamp()


class RevealLogRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def reveal_times(self, actor_id: int, *, after: float) -> list[float]:
        """Times of ``actor_id``'s successful reveals logged after ``after`` (later ones included)."""
        rows = self.db.execute(
            "SELECT ts FROM audit_log WHERE action = ? AND outcome = 'success' AND actor_id = ? AND ts > ?",
            (REVEAL_ACTION, actor_id, utc_timestamp(after)),
        )
        return [parse_utc_timestamp(str(row[0])) for row in rows]

    def override_times(self, username: str, *, after: float) -> list[float]:
        """Times of manager overrides granted for ``username`` after ``after``."""
        rows = self.db.execute(
            "SELECT ts FROM audit_log WHERE action = ? AND outcome = 'success' AND actor_role = 'manager' "
            "AND target_type = 'staff' "
            "AND target_id = ? AND ts > ?",
            (OVERRIDE_ACTION, username, utc_timestamp(after)),
        )
        return [parse_utc_timestamp(str(row[0])) for row in rows]
