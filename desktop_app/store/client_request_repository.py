"""Individuals' requests (table ``client_requests``, migration 6) in the encrypted database.

A request names its client by id (set to NULL when the client is destroyed) and by the pseudonym
of the client's id and phone, so a closed request still says which client it was about without
holding personal data. Dates are ISO ``YYYY-MM-DD``; timestamps are UTC ISO strings. ``close``
changes only an open request, so a closed request can never be reopened or closed twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.store.database import Database

_COLUMNS = (
    "id, client_id, client_pseudonym, kind, received_on, identity_verified_at, identity_verified_by, "
    "due_on, status, description, outcome, registered_by, registered_at, closed_by, closed_at"
)


@dataclass(frozen=True)
class StoredRequest:
    id: int
    client_id: int | None
    client_pseudonym: str
    kind: str
    received_on: str
    identity_verified_at: str | None
    identity_verified_by: int | None
    due_on: str
    status: str
    description: str
    outcome: str
    registered_by: int
    registered_at: str
    closed_by: int | None
    closed_at: str | None

    def __repr__(self) -> str:  # the description may hold personal data
        return f"StoredRequest(id={self.id}, kind={self.kind}, status={self.status})"


def _optional_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def _row(row: tuple[object, ...]) -> StoredRequest:
    return StoredRequest(
        id=int(row[0]),  # type: ignore[call-overload]
        client_id=_optional_int(row[1]),
        client_pseudonym=str(row[2]),
        kind=str(row[3]),
        received_on=str(row[4]),
        identity_verified_at=None if row[5] is None else str(row[5]),
        identity_verified_by=_optional_int(row[6]),
        due_on=str(row[7]),
        status=str(row[8]),
        description=str(row[9]),
        outcome=str(row[10]),
        registered_by=int(row[11]),  # type: ignore[call-overload]
        registered_at=str(row[12]),
        closed_by=_optional_int(row[13]),
        closed_at=None if row[14] is None else str(row[14]),
    )


class ClientRequestRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        *,
        client_id: int,
        client_pseudonym: str,
        kind: str,
        received_on: str,
        due_on: str,
        description: str,
        registered_by: int,
        registered_at: str,
        identity_verified_at: str | None = None,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO client_data.client_requests (client_id, client_pseudonym, kind, received_on, "
            "identity_verified_at, identity_verified_by, due_on, status, description, registered_by, "
            "registered_at) VALUES (?,?,?,?,?,?,?,'open',?,?,?)",
            (
                client_id,
                client_pseudonym,
                kind,
                received_on,
                identity_verified_at,
                registered_by if identity_verified_at else None,
                due_on,
                description,
                registered_by,
                registered_at,
            ),
        )
        return int(cursor.lastrowid or 0)

    def get(self, request_id: int) -> StoredRequest | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM client_data.client_requests WHERE id = ?", (request_id,)
        ).fetchone()
        return _row(row) if row else None

    def list(self, status: str | None = None) -> list[StoredRequest]:
        """Requests (of one status, or all), the earliest due first."""
        if status is None:
            rows = self.db.execute(f"SELECT {_COLUMNS} FROM client_data.client_requests ORDER BY due_on, id")
        else:
            rows = self.db.execute(
                f"SELECT {_COLUMNS} FROM client_data.client_requests WHERE status = ? ORDER BY due_on, id",
                (status,),
            )
        return [_row(r) for r in rows]

    def mark_verified(self, request_id: int, *, at: str, by: int, due_on: str) -> bool:
        """Record the identity verification of an open request and its new due date."""
        cursor = self.db.execute(
            "UPDATE client_data.client_requests SET identity_verified_at = ?, identity_verified_by = ?, due_on = ? "
            "WHERE id = ? AND status = 'open'",
            (at, by, due_on, request_id),
        )
        return bool(cursor.rowcount)

    def close(self, request_id: int, *, status: str, outcome: str, by: int, at: str) -> bool:
        """Complete or refuse an open request. False if it was not open (nothing changed)."""
        if status == "open":
            raise ValueError("a request is closed as completed or refused")
        cursor = self.db.execute(
            "UPDATE client_data.client_requests SET status = ?, outcome = ?, closed_by = ?, closed_at = ? "
            "WHERE id = ? AND status = 'open'",
            (status, outcome, by, at, request_id),
        )
        return bool(cursor.rowcount)

    def blank_description(self, request_id: int) -> None:
        """Drop the description (it may hold personal data of a client since destroyed)."""
        self.db.execute("UPDATE client_data.client_requests SET description = '' WHERE id = ?", (request_id,))

    def blank_free_text_for_client(self, client_id: int) -> None:
        """Before a client is destroyed: drop the free text staff typed on its requests (the
        description, an explanation or a refusal reason may name the person); the request itself,
        its kind, dates and status stay as the record of how it was answered."""
        self.db.execute(
            "UPDATE client_data.client_requests SET description = '', "
            "outcome = CASE WHEN status = 'refused' OR kind = 'explanation' THEN '' ELSE outcome END "
            "WHERE client_id = ?",
            (client_id,),
        )

    def destruction_record_for(self, reference: str) -> int | None:
        """The destruction record made for this request reference, if any (a deletion that
        completed before the request could be closed)."""
        row = self.db.execute(
            "SELECT id FROM destruction_records WHERE request_reference = ? ORDER BY id DESC LIMIT 1",
            (reference,),
        ).fetchone()
        return None if row is None else int(row[0])
