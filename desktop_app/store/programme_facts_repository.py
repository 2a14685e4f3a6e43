"""The client-facts snapshot in branch.db (migration 19): one row of counts per year, replaced by
each refresh. Counts only; the rule and the reason are in domain/programme_client_facts.py."""

from __future__ import annotations

from desktop_app.domain.programme_client_facts import ClientFacts
from desktop_app.store.database import Database

_COLUMNS = (
    "computed_at, computed_by, year, education_active_clients, education_participants, "
    "requests_overdue, retention_due_unprocessed, clients_without_consent"
)


def _optional(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def _row(row: tuple[object, ...]) -> ClientFacts:
    return ClientFacts(
        computed_at=str(row[0]),
        computed_by=int(row[1]),  # type: ignore[call-overload]
        year=int(row[2]),  # type: ignore[call-overload]
        education_active_clients=_optional(row[3]),
        education_participants=_optional(row[4]),
        requests_overdue=int(row[5]),  # type: ignore[call-overload]
        retention_due_unprocessed=int(row[6]),  # type: ignore[call-overload]
        clients_without_consent=int(row[7]),  # type: ignore[call-overload]
    )


class ProgrammeFactsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, facts: ClientFacts) -> None:
        self.db.execute(
            f"INSERT OR REPLACE INTO programme_client_facts ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
            (
                facts.computed_at,
                facts.computed_by,
                facts.year,
                facts.education_active_clients,
                facts.education_participants,
                facts.requests_overdue,
                facts.retention_due_unprocessed,
                facts.clients_without_consent,
            ),
        )

    def latest(self) -> ClientFacts | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM programme_client_facts ORDER BY computed_at DESC, year DESC LIMIT 1"
        ).fetchone()
        return None if row is None else _row(tuple(row))

    def for_year(self, year: int) -> ClientFacts | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM programme_client_facts WHERE year = ?", (year,)
        ).fetchone()
        return None if row is None else _row(tuple(row))
