"""The SQL side of the "due for destruction" queue: which clients may be due, cheaply.

``candidate_groups`` narrows 100,000 clients down in one query to those that could be due: no
contact (or, never contacted, no change) since the cut-off, or in storage only; and, for buyers, bought
before the anti-money-laundering cut-off. It reads only the stage and the days of the dates, never
personal data, and groups clients that share them (they share the due date), so the service applies
the exact rule (domain/retention_rules.py) once per group in Python. The cut-offs only need to keep
every client that is due (callers leave a few days' margin for month ends).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.store.database import Database


@dataclass(frozen=True)
class RetentionGroup:
    """Clients with the same stage, storage-only flag and days (``YYYY-MM-DD`` in the branch's
    calendar, Beijing time, like domain/branch_time.py) of last change, last contact and becoming a
    buyer; no personal data."""

    stage: str
    updated_on: str
    last_contact_on: str | None
    buyer_since_on: str | None
    storage_only: bool
    client_ids: tuple[int, ...]


class RetentionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def candidate_groups(self, *, inactive_before: str, bought_before: str) -> list[RetentionGroup]:
        """Clients in storage only or not contacted (never contacted: not changed) since
        ``inactive_before``, and (when they bought) bought before ``bought_before``, grouped. This
        keeps every client due whether the rule counts from the last contact or from the later of
        the last contact and the last change. Both are UTC ISO dates; comparisons are on the stored
        ISO text."""
        rows = self.db.execute(
            "SELECT stage, date(updated_at, '+8 hours'), date(last_contact_at, '+8 hours'), "
            "date(buyer_since, '+8 hours'), storage_only_since IS NOT NULL, group_concat(id) FROM client_data.clients "
            "WHERE (storage_only_since IS NOT NULL OR coalesce(last_contact_at, updated_at) < ?) "
            "AND (buyer_since IS NULL OR buyer_since < ?) "
            "GROUP BY 1, 2, 3, 4, 5",
            (inactive_before, bought_before),
        )
        return [
            RetentionGroup(
                stage=str(r[0]),
                updated_on=str(r[1]),
                last_contact_on=None if r[2] is None else str(r[2]),
                buyer_since_on=None if r[3] is None else str(r[3]),
                storage_only=bool(r[4]),
                client_ids=tuple(int(i) for i in str(r[5]).split(",")),
            )
            for r in rows
        ]
