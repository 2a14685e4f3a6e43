"""Client records and their follow-ups in the encrypted database.

Filtering, sorting and paging happen in SQL; nothing here loads the whole table. Visibility (which
staff member may see which client) is decided by the services; the repository only filters by the
assigned agent it is given.

The ``client_search`` FTS5 index (migration 4) holds each client's name and phone tokens
(domain/search_tokens.py), never the ID number or notes. ``add`` and ``update`` rewrite a client's
row in the same transaction as the change; a trigger removes it when the client is deleted.
"""

from __future__ import annotations

from dataclasses import astuple
from enum import StrEnum

from desktop_app.domain.client_record import VALUE_FIELDS, ClientRecord, ClientValues, Followup, FollowupKind
from desktop_app.domain.search_tokens import index_text, name_tokens, phone_tokens
from desktop_app.store.database import Database

_VALUE_COLUMNS = ", ".join(VALUE_FIELDS)
_COLUMNS = f"id, assigned_agent_id, created_at, updated_at, last_contact_at, {_VALUE_COLUMNS}"
_FOLLOWUP_COLUMNS = "id, client_id, at, kind, note, staff_id"


class ClientSort(StrEnum):
    LAST_CONTACT = "last_contact"  # most recent contact first, never-contacted last
    INTENTION = "intention"  # A, B, C, then unrated; most recent contact first within a level
    NAME = "name"


_ORDER_BY: dict[ClientSort, str] = {
    ClientSort.LAST_CONTACT: "last_contact_at IS NULL, last_contact_at DESC, id DESC",
    ClientSort.INTENTION: "intention_level IS NULL, intention_level, last_contact_at IS NULL, "
    "last_contact_at DESC, id DESC",
    ClientSort.NAME: "full_name, id",
}


# A MATCH with at most this many hits is joined and sorted; a broader one (a common surname, one
# letter) walks the last-contact index instead and stops at the page's end.
_SORT_MATCHES_UP_TO = 400
_SEARCH_ORDER = "last_contact_at DESC, id DESC"  # same order as ClientSort.LAST_CONTACT (NULLs last)


def client_index_text(full_name: str, phone_e164: str) -> str:
    """The ``client_search.tokens`` value of a client with this name and phone number."""
    return index_text(name_tokens(full_name) | phone_tokens(phone_e164))


def _row(row: tuple[object, ...]) -> ClientRecord:
    raw = dict(zip(VALUE_FIELDS, row[5:], strict=True))
    raw["sensitive_consent"] = bool(raw["sensitive_consent"])
    return ClientRecord(
        id=int(row[0]),  # type: ignore[call-overload]
        assigned_agent_id=int(row[1]),  # type: ignore[call-overload]
        values=ClientValues(**raw),  # type: ignore[arg-type]
        created_at=str(row[2]),
        updated_at=str(row[3]),
        last_contact_at=None if row[4] is None else str(row[4]),
    )


def _db_values(values: ClientValues) -> tuple[object, ...]:
    return tuple(int(v) if isinstance(v, bool) else v for v in astuple(values))


class ClientRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, values: ClientValues, *, assigned_agent_id: int, now: str) -> int:
        placeholders = ",".join("?" * (len(VALUE_FIELDS) + 3))
        with self.db.transaction():
            cursor = self.db.execute(
                f"INSERT INTO clients (assigned_agent_id, created_at, updated_at, {_VALUE_COLUMNS}) "
                f"VALUES ({placeholders})",
                (assigned_agent_id, now, now, *_db_values(values)),
            )
            client_id = int(cursor.lastrowid or 0)
            self._index(client_id, values)
        return client_id

    def _index(self, client_id: int, values: ClientValues) -> None:
        self.db.execute("DELETE FROM client_search WHERE rowid = ?", (client_id,))
        self.db.execute(
            "INSERT INTO client_search (rowid, tokens) VALUES (?, ?)",
            (client_id, client_index_text(values.full_name, values.phone_e164)),
        )

    def get(self, client_id: int) -> ClientRecord | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM clients WHERE id = ?", (client_id,)).fetchone()
        return _row(row) if row else None

    def update(self, client_id: int, values: ClientValues, *, now: str) -> None:
        assignments = ", ".join(f"{name} = ?" for name in VALUE_FIELDS)
        with self.db.transaction():
            cursor = self.db.execute(
                f"UPDATE clients SET {assignments}, updated_at = ? WHERE id = ?",
                (*_db_values(values), now, client_id),
            )
            if cursor.rowcount:
                self._index(client_id, values)

    def set_agent(self, client_id: int, agent_id: int, *, now: str) -> None:
        self.db.execute(
            "UPDATE clients SET assigned_agent_id = ?, updated_at = ? WHERE id = ?",
            (agent_id, now, client_id),
        )

    def note_contact(self, client_id: int, at: str) -> None:
        """Move last_contact_at forward to ``at`` (an older follow-up entered late leaves it)."""
        self.db.execute(
            "UPDATE clients SET last_contact_at = ? WHERE id = ? "
            "AND (last_contact_at IS NULL OR last_contact_at < ?)",
            (at, client_id, at),
        )

    def ids_with_phone(self, phone_e164: str, *, excluding: int | None = None) -> list[tuple[int, int]]:
        """(client id, assigned agent id) of clients with this phone number."""
        rows = self.db.execute(
            "SELECT id, assigned_agent_id FROM clients WHERE phone_e164 = ? AND id IS NOT ? ORDER BY id",
            (phone_e164, excluding),
        )
        return [(int(a), int(b)) for a, b in rows]

    def ids_with_id_number(self, id_number: str, *, excluding: int | None = None) -> list[tuple[int, int]]:
        rows = self.db.execute(
            "SELECT id, assigned_agent_id FROM clients WHERE id_number = ? AND id IS NOT ? ORDER BY id",
            (id_number, excluding),
        )
        return [(int(a), int(b)) for a, b in rows]

    def count(self, *, agent_id: int | None) -> int:
        if agent_id is None:
            return int(self.db.execute("SELECT count(*) FROM clients").fetchone()[0])
        row = self.db.execute("SELECT count(*) FROM clients WHERE assigned_agent_id = ?", (agent_id,))
        return int(row.fetchone()[0])

    def page(self, *, agent_id: int | None, offset: int, limit: int, sort: ClientSort) -> list[ClientRecord]:
        where, params = ("WHERE assigned_agent_id = ?", (agent_id,)) if agent_id is not None else ("", ())
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM clients {where} ORDER BY {_ORDER_BY[sort]} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_row(r) for r in rows]

    def search(self, match: str, *, agent_id: int | None, offset: int, limit: int) -> list[ClientRecord]:
        """Clients whose index row matches the FTS5 expression ``match`` (build it with
        ``search_tokens.fts5_match_expression``), only ``agent_id``'s when given, most recent
        contact first."""
        (hits,) = self.db.execute(
            "SELECT count(*) FROM client_search WHERE client_search MATCH ?", (match,)
        ).fetchone()
        if not hits:
            return []
        agent, params = ("AND assigned_agent_id = ?", (agent_id,)) if agent_id is not None else ("", ())
        if hits <= _SORT_MATCHES_UP_TO:
            sql = (
                f"SELECT {_COLUMNS} FROM client_search JOIN clients ON clients.id = client_search.rowid "
                f"WHERE client_search MATCH ? {agent} ORDER BY {_SEARCH_ORDER} LIMIT ? OFFSET ?"
            )
        else:
            index = "clients_last_contact" if agent_id is None else "clients_agent"
            sql = (
                f"SELECT {_COLUMNS} FROM clients INDEXED BY {index} WHERE id IN "
                "(SELECT rowid FROM client_search WHERE client_search MATCH ?) "
                f"{agent} ORDER BY {_SEARCH_ORDER} LIMIT ? OFFSET ?"
            )
        rows = self.db.execute(sql, (match, *params, limit, offset))
        return [_row(r) for r in rows]

    def with_id_number(self, id_number: str, *, agent_id: int | None) -> list[ClientRecord]:
        """The client recorded with exactly this (normalised) ID number, if ``agent_id``'s when given."""
        agent, params = ("AND assigned_agent_id = ?", (agent_id,)) if agent_id is not None else ("", ())
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM clients WHERE id_number = ? {agent} ORDER BY {_SEARCH_ORDER}",
            (id_number, *params),
        )
        return [_row(r) for r in rows]


class FollowupRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, *, client_id: int, at: str, kind: FollowupKind, note: str, staff_id: int) -> int:
        cursor = self.db.execute(
            "INSERT INTO client_followups (client_id, at, kind, note, staff_id) VALUES (?,?,?,?,?)",
            (client_id, at, kind.value, note, staff_id),
        )
        return int(cursor.lastrowid or 0)

    def for_client(self, client_id: int) -> list[Followup]:
        rows = self.db.execute(
            f"SELECT {_FOLLOWUP_COLUMNS} FROM client_followups WHERE client_id = ? ORDER BY at DESC, id DESC",
            (client_id,),
        )
        return [
            Followup(int(r[0]), int(r[1]), str(r[2]), FollowupKind(str(r[3])), str(r[4]), int(r[5]))
            for r in rows
        ]
