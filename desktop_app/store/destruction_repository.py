"""Destroying a client's data and the append-only destruction records (migration 5).

``destroy_client`` deletes the client row; its follow-ups and its privacy-education participation go
with it (``ON DELETE CASCADE``) and a trigger drops its ``client_search`` row. ``secure_delete=ON`` zeroes the freed cells and pages and
the search index runs FTS5 ``secure-delete``; the service checkpoints the WAL afterwards. Both
methods must run inside the caller's transaction, together with the audit entry.

Clients destroyed together by one approval of the retention queue share a ``batch_id`` (migration 6)
and one certificate: ``next_batch_id`` hands out the number inside that transaction and
``records_in_batch`` reads the batch back. A single deletion has no batch.
"""

from __future__ import annotations

import json

from desktop_app.domain.destruction_record import DestructionRecord
from desktop_app.store.database import Database

_COLUMNS = (
    "id, destroyed_at, destroyed_by, approved_by, client_pseudonym, categories, reason, request_reference, "
    "batch_id"
)


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
        batch_id=None if row[8] is None else int(row[8]),  # type: ignore[call-overload]
    )


class DestructionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def followup_count(self, client_id: int) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM client_data.client_followups WHERE client_id = ?", (client_id,)
        )
        return int(row.fetchone()[0])

    def destroy_client(self, client_id: int) -> bool:
        """Delete the client, its follow-ups and its search-index row. False if there was no such client."""
        if not self.db.in_transaction:
            raise RuntimeError("destroy_client must run inside the caller's transaction")
        cursor = self.db.execute("DELETE FROM client_data.clients WHERE id = ?", (client_id,))
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
        batch_id: int | None = None,
    ) -> DestructionRecord:
        if not self.db.in_transaction:
            raise RuntimeError("a destruction record must be written inside the deletion's transaction")
        cursor = self.db.execute(
            "INSERT INTO destruction_records (destroyed_at, destroyed_by, approved_by, client_pseudonym, "
            "categories, reason, request_reference, batch_id) VALUES (?,?,?,?,?,?,?,?)",
            (
                destroyed_at,
                destroyed_by,
                approved_by,
                client_pseudonym,
                json.dumps(categories),
                reason,
                request_reference,
                batch_id,
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

    def deletion_note(self, record_id: int) -> str:
        """The manager's note on a deletion made on the company's initiative ("" if none): it is kept
        in the record's successful ``client.delete`` audit entry (the append-only log), not in the
        record itself."""
        row = self.db.execute(
            "SELECT json_extract(details, '$.note') FROM audit_log WHERE action = 'client.delete' "
            "AND outcome = 'success' AND json_extract(details, '$.record_id') = ? ORDER BY seq LIMIT 1",
            (record_id,),
        ).fetchone()
        return str(row[0]) if row and row[0] else ""

    def next_batch_id(self) -> int:
        """A batch number not used yet. Call inside the transaction that writes the batch's records,
        so two approvals cannot get the same number."""
        if not self.db.in_transaction:
            raise RuntimeError("a batch number must be taken inside the batch's transaction")
        row = self.db.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM destruction_records").fetchone()
        return int(row[0])

    def records_in_batch(self, batch_id: int) -> list[DestructionRecord]:
        """The batch's records in the order they were written (empty for an unknown batch)."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM destruction_records WHERE batch_id = ? ORDER BY id", (batch_id,)
        )
        return [_row(row) for row in rows]
