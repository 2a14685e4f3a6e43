"""The ``security_alerts`` and ``alert_scan_state`` tables (migration 20) and the audit-log reads
the alert rules need.

Rule: an alert row holds a rule code, a staff username, audit sequence numbers and rule figures —
never a client's name, ID number or phone. Writes run inside the caller's transaction. The audit
log's ``alert.raised`` / ``alert.acknowledged`` entries are the record of truth; this table is the
working copy the screens list (services/security_alerts.py reconciles the two).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.store.database import Database

_COLUMNS = (
    "id, rule, raised_at, subject, evidence, details, dedup_key, acknowledged_at, acknowledged_by, note"
)


@dataclass(frozen=True)
class AlertRow:
    id: int
    rule: str
    raised_at: str
    subject: str
    evidence: tuple[int, ...]
    details: dict[str, Any]
    dedup_key: str
    acknowledged_at: str | None
    acknowledged_by: str | None
    note: str

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


@dataclass(frozen=True)
class AuditRow:
    """The columns of an audit entry the rules read (details parsed)."""

    seq: int
    ts: str
    actor: str
    role: str
    action: str
    outcome: str
    target: str
    reason: str
    details: dict[str, Any]


def _evidence(text: str) -> tuple[int, ...]:
    try:
        value = json.loads(text)
    except ValueError:
        return ()
    return tuple(int(v) for v in value if isinstance(v, int)) if isinstance(value, list) else ()


def _details(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _row(row: Sequence[Any]) -> AlertRow:
    return AlertRow(
        id=int(row[0]),
        rule=str(row[1]),
        raised_at=str(row[2]),
        subject=str(row[3]),
        evidence=_evidence(str(row[4])),
        details=_details(str(row[5])),
        dedup_key=str(row[6]),
        acknowledged_at=None if row[7] is None else str(row[7]),
        acknowledged_by=None if row[8] is None else str(row[8]),
        note=str(row[9]),
    )


class SecurityAlertRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- alerts ---
    def next_id(self) -> int:
        row = self.db.execute("SELECT coalesce(max(id), 0) FROM security_alerts").fetchone()
        return int(row[0]) + 1

    def has_key(self, dedup_key: str) -> bool:
        found = self.db.execute("SELECT 1 FROM security_alerts WHERE dedup_key = ?", (dedup_key,)).fetchone()
        return found is not None

    def insert(
        self,
        *,
        alert_id: int,
        rule: str,
        raised_at: str,
        subject: str,
        evidence: Sequence[int],
        details: dict[str, Any],
        dedup_key: str,
        acknowledged_at: str | None = None,
        acknowledged_by: str | None = None,
        note: str = "",
    ) -> None:
        self.db.execute(
            f"INSERT INTO security_alerts ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                alert_id,
                rule,
                raised_at,
                subject,
                json.dumps(list(evidence)),
                json.dumps(details, sort_keys=True, ensure_ascii=False),
                dedup_key,
                acknowledged_at,
                acknowledged_by,
                note,
            ),
        )

    def delete(self, alert_id: int) -> None:
        self.db.execute("DELETE FROM security_alerts WHERE id = ?", (alert_id,))

    def get(self, alert_id: int) -> AlertRow | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM security_alerts WHERE id = ?", (alert_id,)).fetchone()
        return _row(row) if row else None

    def all(self, *, only_open: bool = False) -> list[AlertRow]:
        where = " WHERE acknowledged_at IS NULL" if only_open else ""
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM security_alerts{where} ORDER BY id DESC").fetchall()
        return [_row(row) for row in rows]

    def open_count(self) -> int:
        row = self.db.execute("SELECT count(*) FROM security_alerts WHERE acknowledged_at IS NULL").fetchone()
        return int(row[0])

    def recent_evidence(self, rule: str, subject: str, since: str) -> list[set[int]]:
        rows = self.db.execute(
            "SELECT evidence FROM security_alerts WHERE rule = ? AND subject = ? AND raised_at >= ?",
            (rule, subject, since),
        ).fetchall()
        return [set(_evidence(str(row[0]))) for row in rows]

    def acknowledge(self, alert_id: int, *, at: str, by: str, note: str) -> None:
        self.db.execute(
            "UPDATE security_alerts SET acknowledged_at = ?, acknowledged_by = ?, note = ? WHERE id = ?",
            (at, by, note, alert_id),
        )

    # --- scan state ---
    def last_scanned_seq(self) -> int:
        row = self.db.execute("SELECT last_seq FROM alert_scan_state WHERE id = 1").fetchone()
        return int(row[0]) if row else 0

    def set_last_scanned_seq(self, seq: int, at: str) -> None:
        self.db.execute(
            "INSERT INTO alert_scan_state (id, last_seq, scanned_at) VALUES (1, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET last_seq = excluded.last_seq, scanned_at = excluded.scanned_at",
            (seq, at),
        )

    # --- audit-log reads ---
    def head_seq(self) -> int:
        row = self.db.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()
        return int(row[0])

    def audit_entries(self, *, after_seq: int, upto_seq: int, actions: Iterable[str]) -> list[AuditRow]:
        names = sorted(set(actions))
        marks = ",".join("?" * len(names))
        rows = self.db.execute(
            "SELECT seq, ts, actor_username, actor_role, action, outcome, target_id, reason, details "
            f"FROM audit_log WHERE seq > ? AND seq <= ? AND action IN ({marks}) ORDER BY seq",
            (after_seq, upto_seq, *names),
        ).fetchall()
        return [_audit_row(row) for row in rows]

    def has_entries_besides_alerts(self, *, after_seq: int, upto_seq: int) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM audit_log WHERE seq > ? AND seq <= ? AND action NOT LIKE 'alert.%' LIMIT 1",
            (after_seq, upto_seq),
        ).fetchone()
        return row is not None

    def last_entry_of(self, action: str) -> AuditRow | None:
        row = self.db.execute(
            "SELECT seq, ts, actor_username, actor_role, action, outcome, target_id, reason, details "
            "FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1",
            (action,),
        ).fetchone()
        return _audit_row(row) if row else None

    def audit_entries_between(
        self,
        *,
        since: str,
        until: str,
        actions: Iterable[str],
        upto_seq: int,
        actors: Sequence[str] | None = None,
    ) -> list[AuditRow]:
        """Entries of ``actions`` whose time is in [since, until] (ISO UTC strings), up to ``upto_seq``."""
        names = sorted(set(actions))
        marks = ",".join("?" * len(names))
        params: list[object] = [*names, since, until, upto_seq]
        who = ""
        if actors is not None:
            who = f" AND actor_username IN ({','.join('?' * len(actors))})"
            params.extend(actors)
        rows = self.db.execute(
            "SELECT seq, ts, actor_username, actor_role, action, outcome, target_id, reason, details "
            f"FROM audit_log WHERE action IN ({marks}) AND ts >= ? AND ts <= ? AND seq <= ?{who} ORDER BY seq",
            tuple(params),
        ).fetchall()
        return [_audit_row(row) for row in rows]


def _audit_row(row: Sequence[Any]) -> AuditRow:
    return AuditRow(
        seq=int(row[0]),
        ts=str(row[1]),
        actor=str(row[2]),
        role=str(row[3]),
        action=str(row[4]),
        outcome=str(row[5]),
        target=str(row[6]),
        reason=str(row[7]),
        details=_details(str(row[8])),
    )
