"""Client records and their follow-ups in the encrypted database.

Filtering, sorting and paging happen in SQL; nothing here loads the whole table. Visibility (which
staff member may see which client) is decided by the services; the repository only filters by the
assigned agent it is given.

Records in "storage only" (``storage_only_since`` set: a legal hold keeps them after a deletion
request) are left out of every list, count and search; ``get`` still returns them so the services
can refuse with a clear reason. ``ClientFilter`` narrows lists, counts and searches.

The value columns are the client-field registry's (domain/client_field_registry.py), read at call
time; ``value_columns`` / ``values_from_columns`` (domain/client_record.py) map them to values.

The ``client_search`` FTS5 index (migration 4) holds each client's name and phone tokens
(domain/search_tokens.py), never the ID number or notes. ``add`` and ``update`` rewrite a client's
row in the same transaction as the change; a trigger removes it when the client is deleted.
"""

from __future__ import annotations

import json

from desktop_app.domain.client_change import ClientChange
from desktop_app.domain.client_field_registry import CLIENT_FIELDS
from desktop_app.domain.client_list_query import NO_FILTER, ClientFilter, ClientSort
from desktop_app.domain.client_record import (
    BUYER_STAGES,
    ClientRecord,
    ClientValues,
    Followup,
    FollowupKind,
    value_columns,
    values_from_columns,
)
from desktop_app.domain.name_pinyin import pinyin_sort_key
from desktop_app.domain.search_tokens import index_text, name_tokens, phone_tokens
from desktop_app.store.database import Database

_META_COLUMNS = (
    "id, assigned_agent_id, created_at, updated_at, last_contact_at, buyer_since, storage_only_since, "
    "hq_consent, marketing_consent, notice_version, "
    "EXISTS (SELECT 1 FROM client_data.consent_forms AS f WHERE f.client_id = clients.id)"
)
_META_COUNT = 11


def _value_columns() -> str:
    """The value columns, one per stored column of the client-field registry (read at call time)."""
    return ", ".join(CLIENT_FIELDS.column_names())


def _columns() -> str:
    return f"{_META_COLUMNS}, {_value_columns()}"


_FOLLOWUP_COLUMNS = "id, client_id, at, kind, note, staff_id"


_ORDER_BY: dict[ClientSort, str] = {
    # SQLite sorts NULL lowest, so DESC puts never-contacted clients last and can walk the index.
    ClientSort.LAST_CONTACT: "last_contact_at DESC, id DESC",
    ClientSort.INTENTION: "intention_level IS NULL, intention_level, last_contact_at DESC, id DESC",
    ClientSort.NAME: "name_pinyin, id",
}


# A MATCH with at most this many hits is joined and sorted; a broader one (a common surname, one
# letter) walks the last-contact index instead and stops at the page's end.
_SORT_MATCHES_UP_TO = 400
_SEARCH_ORDER = "last_contact_at DESC, id DESC"  # same order as ClientSort.LAST_CONTACT (NULLs last)


def client_index_text(full_name: str, phone_e164: str) -> str:
    """The ``client_search.tokens`` value of a client with this name and phone number."""
    return index_text(name_tokens(full_name) | phone_tokens(phone_e164))


def _filter_sql(filters: ClientFilter) -> tuple[str, tuple[object, ...]]:
    """ " AND ..." conditions on ``clients`` (always excluding storage-only records)."""
    parts = ["clients.storage_only_since IS NULL"]
    params: list[object] = []
    for column, chosen in (
        ("intention_level", filters.intention_levels),
        ("stage", filters.stages),
        ("source_channel", filters.source_channels),
    ):
        if chosen:
            parts.append(f"clients.{column} IN ({','.join('?' * len(chosen))})")
            params.extend(sorted(chosen))
    if filters.agent_id is not None:
        parts.append("clients.assigned_agent_id = ?")
        params.append(filters.agent_id)
    if filters.contact_from is not None:
        parts.append("clients.last_contact_at >= ?")
        params.append(filters.contact_from)
    if filters.contact_before is not None:
        parts.append("clients.last_contact_at < ?")
        params.append(filters.contact_before)
    return " AND " + " AND ".join(parts), tuple(params)


def _where(agent_id: int | None, filters: ClientFilter) -> tuple[str, tuple[object, ...]]:
    """A WHERE clause: the filters (storage-only records always excluded), only ``agent_id``'s."""
    conditions, params = _filter_sql(filters)
    if agent_id is not None:
        conditions += " AND clients.assigned_agent_id = ?"
        params = (*params, agent_id)
    return conditions.removeprefix(" AND "), params


def _row(row: tuple[object, ...]) -> ClientRecord:
    raw = dict(zip(CLIENT_FIELDS.column_names(), row[_META_COUNT:], strict=True))
    return ClientRecord(
        id=int(row[0]),  # type: ignore[call-overload]
        assigned_agent_id=int(row[1]),  # type: ignore[call-overload]
        values=values_from_columns(raw),
        created_at=str(row[2]),
        updated_at=str(row[3]),
        last_contact_at=None if row[4] is None else str(row[4]),
        buyer_since=None if row[5] is None else str(row[5]),
        storage_only_since=None if row[6] is None else str(row[6]),
        hq_consent=bool(row[7]),
        marketing_consent=bool(row[8]),
        notice_version=None if row[9] is None else str(row[9]),
        has_form=bool(row[10]),
    )


def _db_values(values: ClientValues) -> tuple[object, ...]:
    return tuple(int(v) if isinstance(v, bool) else v for v in value_columns(values).values())


class ClientRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, values: ClientValues, *, assigned_agent_id: int, now: str) -> int:
        placeholders = ",".join("?" * (len(CLIENT_FIELDS.column_names()) + 5))
        buyer_since = now if values.stage in BUYER_STAGES else None
        with self.db.transaction():
            cursor = self.db.execute(
                "INSERT INTO client_data.clients (assigned_agent_id, created_at, updated_at, name_pinyin, buyer_since, "
                f"{_value_columns()}) VALUES ({placeholders})",
                (
                    assigned_agent_id,
                    now,
                    now,
                    pinyin_sort_key(values.full_name),
                    buyer_since,
                    *_db_values(values),
                ),
            )
            client_id = int(cursor.lastrowid or 0)
            self._index(client_id, values)
        return client_id

    def _index(self, client_id: int, values: ClientValues) -> None:
        self.db.execute("DELETE FROM client_data.client_search WHERE rowid = ?", (client_id,))
        self.db.execute(
            "INSERT INTO client_data.client_search (rowid, tokens) VALUES (?, ?)",
            (client_id, client_index_text(values.full_name, values.phone_e164)),
        )

    def get(self, client_id: int) -> ClientRecord | None:
        row = self.db.execute(
            f"SELECT {_columns()} FROM client_data.clients WHERE id = ?", (client_id,)
        ).fetchone()
        return _row(row) if row else None

    def update(self, client_id: int, values: ClientValues, *, now: str, activity: bool = True) -> None:
        """Store the client's values. ``activity`` False (data erased because consent was withdrawn)
        leaves ``updated_at``, which starts the retention period, where it was."""
        assignments = ", ".join(f"{name} = ?" for name in CLIENT_FIELDS.column_names())
        with self.db.transaction():
            cursor = self.db.execute(
                f"UPDATE client_data.clients SET {assignments}, updated_at = COALESCE(?, updated_at), name_pinyin = ?, "
                "buyer_since = COALESCE(buyer_since, ?) WHERE id = ?",
                (
                    *_db_values(values),
                    now if activity else None,
                    pinyin_sort_key(values.full_name),
                    now if values.stage in BUYER_STAGES else None,
                    client_id,
                ),
            )
            if cursor.rowcount:
                self._index(client_id, values)

    def set_agent(self, client_id: int, agent_id: int) -> None:
        """Reassign the client. Not a change to the client's data: ``updated_at`` (which starts the
        retention period) stays; the audit log records the reassignment."""
        self.db.execute(
            "UPDATE client_data.clients SET assigned_agent_id = ? WHERE id = ?", (agent_id, client_id)
        )

    def set_storage_only(self, client_id: int, *, now: str) -> None:
        """Stop all processing but storage (PIPL Art. 47); kept until the legal hold ends."""
        self.db.execute(
            "UPDATE client_data.clients SET storage_only_since = ? WHERE id = ? AND storage_only_since IS NULL",
            (now, client_id),
        )

    def add_change(
        self, client_id: int, *, at: str, staff_id: int, fields: list[str], request_id: int | None
    ) -> None:
        """One entry of the client's change history: which fields changed (never their values)."""
        self.db.execute(
            "INSERT INTO client_data.client_changes (client_id, at, staff_id, fields, request_id) VALUES (?,?,?,?,?)",
            (client_id, at, staff_id, json.dumps(fields), request_id),
        )

    def changes(self, client_id: int) -> list[ClientChange]:
        rows = self.db.execute(
            "SELECT id, at, staff_id, fields, request_id FROM client_data.client_changes WHERE client_id = ? "
            "ORDER BY at DESC, id DESC",
            (client_id,),
        )
        return [
            ClientChange(
                int(r[0]), str(r[1]), int(r[2]), tuple(json.loads(r[3])), None if r[4] is None else int(r[4])
            )
            for r in rows
        ]

    def note_contact(self, client_id: int, at: str) -> None:
        """Move last_contact_at forward to ``at`` (an older follow-up entered late leaves it)."""
        self.db.execute(
            "UPDATE client_data.clients SET last_contact_at = ? WHERE id = ? "
            "AND (last_contact_at IS NULL OR last_contact_at < ?)",
            (at, client_id, at),
        )

    def ids_with_phone(self, phone_e164: str, *, excluding: int | None = None) -> list[tuple[int, int]]:
        """(client id, assigned agent id) of clients with this phone number, storage-only records
        left out (a returning client may be registered again)."""
        rows = self.db.execute(
            "SELECT id, assigned_agent_id FROM client_data.clients WHERE phone_e164 = ? AND id IS NOT ? "
            "AND storage_only_since IS NULL ORDER BY id",
            (phone_e164, excluding),
        )
        return [(int(a), int(b)) for a, b in rows]

    def ids_with_id_number(self, id_number: str, *, excluding: int | None = None) -> list[tuple[int, int]]:
        """(client id, assigned agent id) of clients with this ID number, storage-only records
        included: the number is unique in the branch."""
        rows = self.db.execute(
            "SELECT id, assigned_agent_id FROM client_data.clients WHERE id_number = ? AND id IS NOT ? ORDER BY id",
            (id_number, excluding),
        )
        return [(int(a), int(b)) for a, b in rows]

    def count(self, *, agent_id: int | None, filters: ClientFilter = NO_FILTER) -> int:
        where, params = _where(agent_id, filters)
        return int(
            self.db.execute(f"SELECT count(*) FROM client_data.clients WHERE {where}", params).fetchone()[0]
        )

    def page(
        self,
        *,
        agent_id: int | None,
        offset: int,
        limit: int,
        sort: ClientSort,
        filters: ClientFilter = NO_FILTER,
    ) -> list[ClientRecord]:
        where, params = _where(agent_id, filters)
        rows = self.db.execute(
            f"SELECT {_columns()} FROM client_data.clients WHERE {where} ORDER BY {_ORDER_BY[sort]} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_row(r) for r in rows]

    def search(
        self,
        match: str,
        *,
        agent_id: int | None,
        offset: int,
        limit: int,
        filters: ClientFilter = NO_FILTER,
    ) -> list[ClientRecord]:
        """Clients whose index row matches the FTS5 expression ``match`` (build it with
        ``search_tokens.fts5_match_expression``), only ``agent_id``'s when given, most recent
        contact first."""
        (hits,) = self.db.execute(
            "SELECT count(*) FROM client_data.client_search WHERE client_search MATCH ?", (match,)
        ).fetchone()
        if not hits:
            return []
        where, params = _where(agent_id, filters)
        agent = f"AND {where}"
        if hits <= _SORT_MATCHES_UP_TO:
            sql = (
                f"SELECT {_columns()} FROM client_data.client_search JOIN client_data.clients ON clients.id = client_search.rowid "
                f"WHERE client_search MATCH ? {agent} ORDER BY {_SEARCH_ORDER} LIMIT ? OFFSET ?"
            )
        else:
            index = "clients_active_contact" if agent_id is None else "clients_active_agent_contact"
            sql = (
                f"SELECT {_columns()} FROM client_data.clients INDEXED BY {index} WHERE id IN "
                "(SELECT rowid FROM client_data.client_search WHERE client_search MATCH ?) "
                f"{agent} ORDER BY {_SEARCH_ORDER} LIMIT ? OFFSET ?"
            )
        rows = self.db.execute(sql, (match, *params, limit, offset))
        return [_row(r) for r in rows]

    def count_sensitive_without_consent(self) -> int:
        """Clients (not storage-only) holding an ID number or an income band without the recorded
        sensitive-data consent (PIPL Art. 29). Storage-only records keep an ID document for the
        legal hold without consent, lawfully, and are not counted."""
        row = self.db.execute(
            "SELECT count(*) FROM client_data.clients WHERE storage_only_since IS NULL "
            "AND sensitive_consent = 0 "
            "AND (COALESCE(id_number, '') != '' OR COALESCE(income_band, '') != '')"
        ).fetchone()
        return int(row[0])

    def with_id_number(
        self, id_number: str, *, agent_id: int | None, filters: ClientFilter = NO_FILTER
    ) -> list[ClientRecord]:
        """The client recorded with exactly this (normalised) ID number, if ``agent_id``'s when given.
        An ID number kept only for the legal hold after the consent was withdrawn is not searchable."""
        where, params = _where(agent_id, filters)
        rows = self.db.execute(
            f"SELECT {_columns()} FROM client_data.clients WHERE id_number = ? AND sensitive_consent = 1 AND {where} "
            f"ORDER BY {_SEARCH_ORDER}",
            (id_number, *params),
        )
        return [_row(r) for r in rows]


class FollowupRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, *, client_id: int, at: str, kind: FollowupKind, note: str, staff_id: int) -> int:
        cursor = self.db.execute(
            "INSERT INTO client_data.client_followups (client_id, at, kind, note, staff_id) VALUES (?,?,?,?,?)",
            (client_id, at, kind.value, note, staff_id),
        )
        return int(cursor.lastrowid or 0)

    def for_client(self, client_id: int) -> list[Followup]:
        rows = self.db.execute(
            f"SELECT {_FOLLOWUP_COLUMNS} FROM client_data.client_followups WHERE client_id = ? ORDER BY at DESC, id DESC",
            (client_id,),
        )
        return [
            Followup(int(r[0]), int(r[1]), str(r[2]), FollowupKind(str(r[3])), str(r[4]), int(r[5]))
            for r in rows
        ]
