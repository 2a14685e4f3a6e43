"""Privacy education records: campaigns in branch.db, each client's participation in clients.db.

``CampaignRepository`` reads and writes ``education_campaigns`` (branch migration 17): any role's
slot opens branch.db, so a campaign holds no client data. ``ParticipationRepository`` works on
``client_data.education_participation`` (client schema version 5), which exists only for sessions
holding the client-data key; it also answers the yearly counts (who was active, who took part)
in SQL, so no client row is read into memory for a figure. Writes run inside the caller's
transaction, together with the audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.education import Campaign, CampaignDraft, Channel, ParticipationKind
from desktop_app.store.database import Database

_CAMPAIGN_COLUMNS = "id, day, channel, topic, material, created_by, created_at"


def _campaign(row: tuple[object, ...]) -> Campaign:
    return Campaign(
        id=int(row[0]),  # type: ignore[call-overload]
        day=date.fromisoformat(str(row[1])),
        channel=Channel(str(row[2])),
        topic=str(row[3]),
        material=str(row[4]),
        created_by=int(row[5]),  # type: ignore[call-overload]
        created_at=str(row[6]),
    )


class CampaignRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, draft: CampaignDraft, *, created_by: int, created_at: str) -> Campaign:
        if not self.db.in_transaction:
            raise RuntimeError("a campaign must be written inside the caller's transaction")
        cursor = self.db.execute(
            "INSERT INTO education_campaigns (day, channel, topic, material, created_by, created_at) "
            "VALUES (?,?,?,?,?,?)",
            (draft.day.isoformat(), draft.channel.value, draft.topic, draft.material, created_by, created_at),
        )
        found = self.get(int(cursor.lastrowid or 0))
        assert found is not None
        return found

    def get(self, campaign_id: int) -> Campaign | None:
        row = self.db.execute(
            f"SELECT {_CAMPAIGN_COLUMNS} FROM education_campaigns WHERE id = ?", (campaign_id,)
        ).fetchone()
        return _campaign(row) if row else None

    def between(self, first: date, last: date) -> list[Campaign]:
        """Campaigns held from ``first`` to ``last`` (inclusive), newest first."""
        rows = self.db.execute(
            f"SELECT {_CAMPAIGN_COLUMNS} FROM education_campaigns WHERE day BETWEEN ? AND ? "
            "ORDER BY day DESC, id DESC",
            (first.isoformat(), last.isoformat()),
        )
        return [_campaign(row) for row in rows]

    def count_between(self, first: date, last: date) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM education_campaigns WHERE day BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat()),
        ).fetchone()
        return int(row[0])


@dataclass(frozen=True)
class Participation:
    id: int
    client_id: int
    campaign_id: int | None
    kind: ParticipationKind
    day: date
    recorded_by: int
    created_at: str


_PARTICIPATION_COLUMNS = "id, client_id, campaign_id, kind, day, recorded_by, created_at"


def _participation(row: tuple[object, ...]) -> Participation:
    return Participation(
        id=int(row[0]),  # type: ignore[call-overload]
        client_id=int(row[1]),  # type: ignore[call-overload]
        campaign_id=None if row[2] is None else int(row[2]),  # type: ignore[call-overload]
        kind=ParticipationKind(str(row[3])),
        day=date.fromisoformat(str(row[4])),
        recorded_by=int(row[5]),  # type: ignore[call-overload]
        created_at=str(row[6]),
    )


def _agent_clause(agent_id: int | None, column: str = "c.assigned_agent_id") -> tuple[str, tuple[int, ...]]:
    return ("", ()) if agent_id is None else (f" AND {column} = ?", (agent_id,))


class ParticipationRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        *,
        client_id: int,
        campaign_id: int | None,
        kind: ParticipationKind,
        day: date,
        recorded_by: int,
        created_at: str,
    ) -> bool:
        """Record one participation; False (nothing written) when the client already has a row for
        this campaign, or a leaflet outside any campaign on this day."""
        if not self.db.in_transaction:
            raise RuntimeError("a participation must be written inside the caller's transaction")
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO client_data.education_participation "
            "(client_id, campaign_id, kind, day, recorded_by, created_at) VALUES (?,?,?,?,?,?)",
            (client_id, campaign_id, kind.value, day.isoformat(), recorded_by, created_at),
        )
        return bool(cursor.rowcount)

    def of_client(self, client_id: int) -> list[Participation]:
        rows = self.db.execute(
            f"SELECT {_PARTICIPATION_COLUMNS} FROM client_data.education_participation "
            "WHERE client_id = ? ORDER BY day DESC, id DESC",
            (client_id,),
        )
        return [_participation(row) for row in rows]

    def count_for_client(self, client_id: int) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM client_data.education_participation WHERE client_id = ?", (client_id,)
        ).fetchone()
        return int(row[0])

    def per_campaign(self, campaign_ids: list[int], *, agent_id: int | None) -> dict[int, int]:
        """Participants per campaign (only ``agent_id``'s clients when given)."""
        if not campaign_ids:
            return {}
        marks = ",".join("?" * len(campaign_ids))
        clause, params = _agent_clause(agent_id)
        rows = self.db.execute(
            "SELECT p.campaign_id, count(*) FROM client_data.education_participation p "
            "JOIN client_data.clients c ON c.id = p.client_id "
            f"WHERE p.campaign_id IN ({marks}){clause} GROUP BY p.campaign_id",
            (*campaign_ids, *params),
        )
        return {int(campaign): int(count) for campaign, count in rows}

    def client_ids(self) -> list[int]:
        """Every client not in storage only (the demo history picks participants among them)."""
        rows = self.db.execute(
            "SELECT id FROM client_data.clients WHERE storage_only_since IS NULL ORDER BY id"
        )
        return [int(found[0]) for found in rows]

    def has(self, client_id: int, campaign_id: int) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM client_data.education_participation WHERE client_id = ? AND campaign_id = ?",
            (client_id, campaign_id),
        ).fetchone()
        return row is not None

    def clients_matching(self, by: str, value: str, *, agent_id: int | None) -> list[int]:
        """Ids of the clients (not in storage only) whose E.164 phone (``by="phone"``) or full name
        (``by="name"``) is exactly ``value``; only ``agent_id``'s when given. For attendee lists."""
        column = {"phone": "phone_e164", "name": "full_name"}[by]
        clause, params = _agent_clause(agent_id, "assigned_agent_id")
        rows = self.db.execute(
            f"SELECT id FROM client_data.clients WHERE {column} = ? AND storage_only_since IS NULL{clause} "
            "ORDER BY id",
            (value, *params),
        )
        return [int(found[0]) for found in rows]

    # ------------------------------------------------------------------------------------ yearly counts

    def _active_sql(self, agent_id: int | None) -> tuple[str, tuple[object, ...]]:
        """Ids of clients active in the window ``[?, ?)`` (the year as UTC timestamps, given twice):
        still on record, not in storage only, created or followed up in it."""
        clause, params = _agent_clause(agent_id)
        sql = (
            "SELECT c.id FROM client_data.clients c WHERE c.storage_only_since IS NULL"
            f"{clause} AND (c.created_at >= ? AND c.created_at < ? OR c.id IN ("
            "SELECT f.client_id FROM client_data.client_followups f WHERE f.at >= ? AND f.at < ?))"
        )  # the IN list is built once (one pass over the follow-ups), not probed per client
        return sql, params

    def active_clients(self, window: tuple[str, str], *, agent_id: int | None = None) -> int:
        sql, params = self._active_sql(agent_id)
        row = self.db.execute(f"SELECT count(*) FROM ({sql})", (*params, *window, *window)).fetchone()
        return int(row[0])

    def active_and_participants(
        self, window: tuple[str, str], days: tuple[date, date], *, agent_id: int | None = None
    ) -> tuple[int, int]:
        """Both figures in one pass: active clients (``window``), and those among them with a
        participation dated within ``days`` (inclusive)."""
        sql, params = self._active_sql(agent_id)
        row = self.db.execute(
            f"SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM client_data.education_participation p "
            f"WHERE p.client_id = a.id AND p.day BETWEEN ? AND ?)), 0) FROM ({sql}) a",
            (days[0].isoformat(), days[1].isoformat(), *params, *window, *window),
        ).fetchone()
        return int(row[0]), int(row[1])

    def participants(
        self, window: tuple[str, str], days: tuple[date, date], *, agent_id: int | None = None
    ) -> int:
        """Active clients (``window``) with a participation dated within ``days`` (inclusive)."""
        sql, params = self._active_sql(agent_id)
        row = self.db.execute(
            f"SELECT count(*) FROM ({sql}) a WHERE EXISTS (SELECT 1 FROM client_data.education_participation p "
            "WHERE p.client_id = a.id AND p.day BETWEEN ? AND ?)",
            (*params, *window, *window, days[0].isoformat(), days[1].isoformat()),
        ).fetchone()
        return int(row[0])
