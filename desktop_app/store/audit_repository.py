"""The append-only, hash-chained audit log table.

``append`` must run inside the caller's transaction (the same one as the action it records); it
refuses otherwise, so an action can never commit without its audit entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from desktop_app.domain.audit_chain import GENESIS_HASH, AuditEntry, ChainHead, compute_hash
from desktop_app.domain.audit_filter import AuditFilter
from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.store.database import Database

_COLUMNS = (
    "seq, ts, actor_id, actor_username, actor_role, action, target_type, target_id, outcome, reason, "
    "details, prev_hash, hash"
)


def _row_to_entry(row: tuple[Any, ...]) -> AuditEntry:
    return AuditEntry(
        seq=row[0],
        ts=row[1],
        actor_id=row[2],
        actor_username=row[3],
        actor_role=row[4],
        action=row[5],
        target_type=row[6],
        target_id=row[7],
        outcome=row[8],
        reason=row[9],
        details=json.loads(row[10]),
        prev_hash=row[11],
        hash=row[12],
    )


class AuditRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(
        self,
        *,
        now: float,
        actor_id: int | None,
        actor_username: str,
        actor_role: str,
        action: str,
        target_type: str = "",
        target_id: str = "",
        outcome: str = "success",
        reason: str = "",
        details: dict[str, Any] | None = None,
    ) -> AuditEntry:
        if not self.db.in_transaction:
            raise RuntimeError("audit entries are written inside the action's transaction")
        last = self.db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
        entry = AuditEntry(
            seq=seq,
            ts=utc_timestamp(now),
            actor_id=actor_id,
            actor_username=actor_username,
            actor_role=actor_role,
            action=action,
            target_type=target_type,
            target_id=target_id,
            outcome=outcome,
            reason=reason,
            details=details or {},
            prev_hash=prev_hash,
        )
        entry = AuditEntry(**{**entry.__dict__, "hash": compute_hash(entry)})
        self.db.execute(
            f"INSERT INTO audit_log ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                entry.seq,
                entry.ts,
                entry.actor_id,
                entry.actor_username,
                entry.actor_role,
                entry.action,
                entry.target_type,
                entry.target_id,
                entry.outcome,
                entry.reason,
                json.dumps(entry.details, sort_keys=True, ensure_ascii=False),
                entry.prev_hash,
                entry.hash,
            ),
        )
        return entry

    def head(self) -> ChainHead | None:
        """The last entry's sequence number and hash (None: the log is empty)."""
        row = self.db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        return ChainHead(int(row[0]), str(row[1])) if row else None

    def hash_at(self, seq: int) -> str | None:
        row = self.db.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()
        return str(row[0]) if row else None

    def iter_all(self, batch: int = 2000) -> Iterator[AuditEntry]:
        """Every entry in sequence order, fetched in batches."""
        last = 0
        while True:
            rows = self.db.execute(
                f"SELECT {_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _row_to_entry(row)
            last = rows[-1][0]

    def _where(self, flt: AuditFilter) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if flt.username:
            clauses.append("actor_username = ?")
            params.append(flt.username)
        if flt.action:
            clauses.append("action = ?")
            params.append(flt.action)
        if flt.since:
            clauses.append("ts >= ?")
            params.append(flt.since)
        if flt.until:
            clauses.append("ts < ?")
            params.append(flt.until)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count(self, flt: AuditFilter) -> int:
        where, params = self._where(flt)
        return int(self.db.execute(f"SELECT count(*) FROM audit_log{where}", tuple(params)).fetchone()[0])

    def page(self, flt: AuditFilter, offset: int, limit: int) -> list[AuditEntry]:
        """Newest first."""
        where, params = self._where(flt)
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM audit_log{where} ORDER BY seq DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [_row_to_entry(row) for row in rows]

    def distinct_actions(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT DISTINCT action FROM audit_log ORDER BY action")]
