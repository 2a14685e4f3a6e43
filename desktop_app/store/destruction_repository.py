"""Destroying a client's data and the append-only destruction records (migration 5).

``destroy_client`` deletes the client row; its follow-ups go with it (``ON DELETE CASCADE``) and a
trigger drops its ``client_search`` row. ``secure_delete=ON`` zeroes the freed cells and pages and
the search index runs FTS5 ``secure-delete``; the service checkpoints the WAL afterwards. Both
methods must run inside the caller's transaction, together with the audit entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop_app.store.database import Database

_COLUMNS = (
    "id, destroyed_at, destroyed_by, approved_by, client_pseudonym, categories, reason, request_reference"
)


@dataclass(frozen=True)
class DestructionRecord:
    id: int
    destroyed_at: str
    destroyed_by: int
    approved_by: int
    client_pseudonym: str
    categories: tuple[str, ...]
    reason: str
    request_reference: str


def _row(row: tuple[object, ...]) -> DestructionRecord:
    return DestructionRecord(
        id=int(row[0]),  # type: ignore[call-overload]
        destroyed_at=str(row[1]),
        destroyed_by=int(row[2]),  # type: ignore[call-overload]
        approved_by=int(row[3]),  # type: ignore[call-overload]
        client_pseudonym=str(row[4]),
        categories=tuple(json.loads(str(row[5]))),
        reason=str(row[6]),
        request_reference=str(row[7]),
    )


class DestructionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def followup_count(self, client_id: int) -> int:
        row = self.db.execute("SELECT count(*) FROM client_followups WHERE client_id = ?", (client_id,))
        return int(row.fetchone()[0])

    def destroy_client(self, client_id: int) -> bool:
        """Delete the client, its follow-ups and its search-index row. False if there was no such client."""
        if not self.db.in_transaction:
            raise RuntimeError("destroy_client must run inside the caller's transaction")
        cursor = self.db.execute("DELETE FROM clients WHERE id = ?", (client_id,))
        return bool(cursor.rowcount)

    def add(
        self,
        *,
        destroyed_at: str,
        destroyed_by: int,
        approved_by: int,
        client_pseudonym: str,
        categories: list[str],
        reason: str,
        request_reference: str,
    ) -> DestructionRecord:
        if not self.db.in_transaction:
            raise RuntimeError("a destruction record must be written inside the deletion's transaction")
        cursor = self.db.execute(
            "INSERT INTO destruction_records (destroyed_at, destroyed_by, approved_by, client_pseudonym, "
            "categories, reason, request_reference) VALUES (?,?,?,?,?,?,?)",
            (
                destroyed_at,
                destroyed_by,
                approved_by,
                client_pseudonym,
                json.dumps(categories),
                reason,
                request_reference,
            ),
        )
        found = self.get(int(cursor.lastrowid or 0))
        assert found is not None
        return found

    def get(self, record_id: int) -> DestructionRecord | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM destruction_records WHERE id = ?", (record_id,)
        ).fetchone()
        return _row(row) if row else None
