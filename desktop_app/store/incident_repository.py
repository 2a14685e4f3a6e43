"""The incident register's tables: ``incidents`` and the append-only ``incident_events`` in
branch.db (migration 18), and the affected clients and notification log in clients.db (client
schema version 6).

Writes run inside the caller's transaction, together with the audit entry. The client-side methods
(``IncidentClientRepository``) touch only ``client_data.*`` tables and fail when clients.db is not
attached — which is the case for every IT or auditor session.
"""

from __future__ import annotations

import json
from datetime import date

from desktop_app.domain.incident_record import Incident, IncidentEvent, NotificationEntry
from desktop_app.store.database import Database

_COLUMNS = (
    "id, reference, kind, occurred_at, discovered_at, reported_at, reported_by, description, state, "
    "is_breach, categories, affected_count, cause, measures, harm, client_advice, internal_reported_at, "
    "regulator_reported_at, clients_notified_at, closed_at, closed_without_notice, assessed_at, assessed_by"
)


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _incident(row: tuple[object, ...]) -> Incident:
    return Incident(
        id=int(row[0]),  # type: ignore[call-overload]
        reference=str(row[1]),
        kind=str(row[2]),
        occurred_at=str(row[3]),
        discovered_at=str(row[4]),
        reported_at=str(row[5]),
        reported_by=int(row[6]),  # type: ignore[call-overload]
        description=str(row[7]),
        state=str(row[8]),
        is_breach=None if row[9] is None else bool(row[9]),
        categories=tuple(json.loads(str(row[10]))),
        affected_count=int(row[11]),  # type: ignore[call-overload]
        cause=str(row[12]),
        measures=str(row[13]),
        harm=str(row[14]),
        client_advice=str(row[15]),
        internal_reported_at=_opt(row[16]),
        regulator_reported_at=_opt(row[17]),
        clients_notified_at=_opt(row[18]),
        closed_at=_opt(row[19]),
        closed_without_notice=bool(row[20]),
        assessed_at=_opt(row[21]),
        assessed_by=None if row[22] is None else int(row[22]),  # type: ignore[call-overload]
    )


def _inside(db: Database) -> None:
    if not db.in_transaction:
        raise RuntimeError("incident writes run inside the caller's transaction")


class IncidentRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def next_reference_number(self, year: int) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM incidents WHERE reference LIKE ?", (f"INC-{year}-%",)
        ).fetchone()
        return int(row[0]) + 1

    def add(
        self,
        *,
        reference: str,
        kind: str,
        occurred_at: str,
        discovered_at: str,
        reported_at: str,
        reported_by: int,
        description: str,
    ) -> int:
        _inside(self.db)
        cursor = self.db.execute(
            "INSERT INTO incidents (reference, kind, occurred_at, discovered_at, reported_at, reported_by, "
            "description) VALUES (?,?,?,?,?,?,?)",
            (reference, kind, occurred_at, discovered_at, reported_at, reported_by, description),
        )
        return int(cursor.lastrowid or 0)

    def get(self, incident_id: int) -> Incident | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM incidents WHERE id = ?", (incident_id,)).fetchone()
        return None if row is None else _incident(row)

    def by_reference(self, reference: str) -> Incident | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM incidents WHERE reference = ?", (reference,)
        ).fetchone()
        return None if row is None else _incident(row)

    def all(self, *, reported_by: int | None = None) -> list[Incident]:
        """Newest first; only ``reported_by``'s when given."""
        if reported_by is None:
            rows = self.db.execute(f"SELECT {_COLUMNS} FROM incidents ORDER BY reported_at DESC, id DESC")
        else:
            rows = self.db.execute(
                f"SELECT {_COLUMNS} FROM incidents WHERE reported_by = ? ORDER BY reported_at DESC, id DESC",
                (reported_by,),
            )
        return [_incident(row) for row in rows.fetchall()]

    def set_assessment(
        self,
        incident_id: int,
        *,
        is_breach: bool,
        categories: list[str],
        cause: str,
        measures: str,
        harm: str,
        client_advice: str,
        at: str,
        by: int,
    ) -> None:
        _inside(self.db)
        self.db.execute(
            "UPDATE incidents SET is_breach = ?, categories = ?, cause = ?, measures = ?, harm = ?, "
            "client_advice = ?, assessed_at = ?, assessed_by = ? WHERE id = ?",
            (
                int(is_breach),
                json.dumps(categories),
                cause,
                measures,
                harm,
                client_advice,
                at,
                by,
                incident_id,
            ),
        )

    def set_state(
        self, incident_id: int, state: str, *, closed_at: str | None = None, without_notice: bool = False
    ) -> None:
        _inside(self.db)
        self.db.execute(
            "UPDATE incidents SET state = ?, closed_at = coalesce(?, closed_at), "
            "closed_without_notice = ? WHERE id = ?",
            (state, closed_at, int(without_notice), incident_id),
        )

    def set_affected_count(self, incident_id: int, count: int) -> None:
        _inside(self.db)
        self.db.execute("UPDATE incidents SET affected_count = ? WHERE id = ?", (count, incident_id))

    def set_report_time(self, incident_id: int, which: str, at: str) -> None:
        column = {
            "internal": "internal_reported_at",
            "regulator": "regulator_reported_at",
            "clients": "clients_notified_at",
        }[which]
        _inside(self.db)
        self.db.execute(f"UPDATE incidents SET {column} = ? WHERE id = ?", (at, incident_id))

    def add_event(
        self, incident_id: int, *, at: str, by: int, state_from: str | None, state_to: str, note: str
    ) -> int:
        _inside(self.db)
        cursor = self.db.execute(
            "INSERT INTO incident_events (incident_id, at, by_staff, state_from, state_to, note) "
            "VALUES (?,?,?,?,?,?)",
            (incident_id, at, by, state_from, state_to, note),
        )
        return int(cursor.lastrowid or 0)

    def events(self, incident_id: int) -> list[IncidentEvent]:
        rows = self.db.execute(
            "SELECT id, incident_id, at, by_staff, state_from, state_to, note FROM incident_events "
            "WHERE incident_id = ? ORDER BY id",
            (incident_id,),
        ).fetchall()
        return [
            IncidentEvent(int(r[0]), int(r[1]), str(r[2]), int(r[3]), _opt(r[4]), str(r[5]), str(r[6]))
            for r in rows
        ]

    def reported_between(self, start: str, end: str) -> list[Incident]:
        """Incidents whose ``reported_at`` is in [start, end) (UTC ISO strings)."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM incidents WHERE reported_at >= ? AND reported_at < ? ORDER BY id",
            (start, end),
        )
        return [_incident(row) for row in rows.fetchall()]


class IncidentClientRepository:
    """The affected clients and the notification log (clients.db: holders of the client-data key)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def client_ids(self, incident_id: int) -> list[int]:
        rows = self.db.execute(
            "SELECT client_id FROM client_data.incident_clients WHERE incident_id = ? ORDER BY client_id",
            (incident_id,),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def replace_clients(self, incident_id: int, client_ids: list[int], *, at: str, by: int) -> None:
        _inside(self.db)
        keep = set(client_ids)
        current = set(self.client_ids(incident_id))
        for gone in current - keep:
            self.db.execute(
                "DELETE FROM client_data.incident_clients WHERE incident_id = ? AND client_id = ?",
                (incident_id, gone),
            )
        for new in sorted(keep - current):
            self.db.execute(
                "INSERT INTO client_data.incident_clients (incident_id, client_id, added_at, added_by) "
                "VALUES (?,?,?,?)",
                (incident_id, new, at, by),
            )

    def add_notification(
        self, incident_id: int, client_id: int, *, channel: str, day: date, by: int, note: str, at: str
    ) -> int:
        _inside(self.db)
        cursor = self.db.execute(
            "INSERT INTO client_data.incident_notifications (incident_id, client_id, channel, day, by_staff, "
            "note, recorded_at) VALUES (?,?,?,?,?,?,?)",
            (incident_id, client_id, channel, day.isoformat(), by, note, at),
        )
        return int(cursor.lastrowid or 0)

    def notifications(self, incident_id: int) -> list[NotificationEntry]:
        rows = self.db.execute(
            "SELECT id, incident_id, client_id, channel, day, by_staff, note, recorded_at "
            "FROM client_data.incident_notifications WHERE incident_id = ? ORDER BY id",
            (incident_id,),
        ).fetchall()
        return [
            NotificationEntry(
                int(r[0]),
                int(r[1]),
                int(r[2]),
                str(r[3]),
                date.fromisoformat(str(r[4])),
                int(r[5]),
                str(r[6]),
                str(r[7]),
            )
            for r in rows
        ]

    def notified_client_ids(self, incident_id: int) -> set[int]:
        rows = self.db.execute(
            "SELECT DISTINCT client_id FROM client_data.incident_notifications WHERE incident_id = ?",
            (incident_id,),
        ).fetchall()
        return {int(r[0]) for r in rows}
