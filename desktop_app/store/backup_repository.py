"""The backup tables in branch.db (migration 23): the append-only history ``backup_runs`` (every
backup created, verified, restored or drilled), the one-row ``backup_schedule`` and the destruction
records a restore must carry out again (``backup_pending_destructions``).

Writes run inside the caller's transaction, together with the audit entry. Nothing here names a
client: a pending destruction holds the client's row id in the restored clients.db and the
pseudonym of its destruction record, which only a holder of the client-data key can match.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop_app.store.database import Database

RUN_KINDS = ("create", "verify", "restore", "drill")


@dataclass(frozen=True)
class BackupRun:
    id: int
    kind: str
    at: str
    by_staff: int | None
    by_username: str
    scheduled: bool
    file_name: str
    folder: str
    size: int
    sha256: str
    audit_seq: int
    ok: bool
    findings: tuple[str, ...]


@dataclass(frozen=True)
class BackupSchedule:
    enabled: bool
    time: str
    folder: str
    generations: int
    changed_at: str = ""
    changed_by: int | None = None


@dataclass(frozen=True)
class PendingDestruction:
    record_id: int
    client_id: int
    client_pseudonym: str
    destroyed_at: str
    restore_run: int


DEFAULT_SCHEDULE = BackupSchedule(enabled=False, time="21:30", folder="", generations=7)

_RUN_COLUMNS = (
    "id, kind, at, by_staff, by_username, scheduled, file_name, folder, size, sha256, audit_seq, ok, findings"
)


def _run(row: tuple[object, ...]) -> BackupRun:
    return BackupRun(
        id=int(row[0]),  # type: ignore[call-overload]
        kind=str(row[1]),
        at=str(row[2]),
        by_staff=None if row[3] is None else int(row[3]),  # type: ignore[call-overload]
        by_username=str(row[4]),
        scheduled=bool(row[5]),
        file_name=str(row[6]),
        folder=str(row[7]),
        size=int(row[8]),  # type: ignore[call-overload]
        sha256=str(row[9]),
        audit_seq=int(row[10]),  # type: ignore[call-overload]
        ok=bool(row[11]),
        findings=tuple(str(item) for item in json.loads(str(row[12]))),
    )


def _inside(db: Database) -> None:
    if not db.in_transaction:
        raise RuntimeError("backup records are written inside the caller's transaction")


class BackupRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add_run(
        self,
        *,
        kind: str,
        at: str,
        by_staff: int | None,
        by_username: str,
        scheduled: bool = False,
        file_name: str = "",
        folder: str = "",
        size: int = 0,
        sha256: str = "",
        audit_seq: int = 0,
        ok: bool,
        findings: list[str] | tuple[str, ...] = (),
    ) -> int:
        _inside(self.db)
        if kind not in RUN_KINDS:
            raise ValueError(kind)
        cursor = self.db.execute(
            "INSERT INTO backup_runs (kind, at, by_staff, by_username, scheduled, file_name, folder, size, "
            "sha256, audit_seq, ok, findings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                kind,
                at,
                by_staff,
                by_username,
                int(scheduled),
                file_name,
                folder,
                size,
                sha256,
                audit_seq,
                int(ok),
                json.dumps(list(findings), ensure_ascii=False),
            ),
        )
        return int(cursor.lastrowid or 0)

    def get_run(self, run_id: int) -> BackupRun | None:
        row = self.db.execute(f"SELECT {_RUN_COLUMNS} FROM backup_runs WHERE id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def last_run(self, kind: str, *, ok_only: bool = True) -> BackupRun | None:
        where = "kind = ? AND ok = 1" if ok_only else "kind = ?"
        row = self.db.execute(
            f"SELECT {_RUN_COLUMNS} FROM backup_runs WHERE {where} ORDER BY id DESC LIMIT 1", (kind,)
        ).fetchone()
        return _run(row) if row else None

    def runs(self, *, limit: int = 200, kind: str | None = None) -> list[BackupRun]:
        if kind is None:
            rows = self.db.execute(
                f"SELECT {_RUN_COLUMNS} FROM backup_runs ORDER BY id DESC LIMIT ?", (limit,)
            )
        else:
            rows = self.db.execute(
                f"SELECT {_RUN_COLUMNS} FROM backup_runs WHERE kind = ? ORDER BY id DESC LIMIT ?",
                (kind, limit),
            )
        return [_run(row) for row in rows.fetchall()]

    def schedule(self) -> BackupSchedule:
        row = self.db.execute(
            "SELECT enabled, time, folder, generations, changed_at, changed_by FROM backup_schedule WHERE id = 1"
        ).fetchone()
        if row is None:
            return DEFAULT_SCHEDULE
        return BackupSchedule(
            enabled=bool(row[0]),
            time=str(row[1]),
            folder=str(row[2]),
            generations=int(row[3]),
            changed_at=str(row[4]),
            changed_by=None if row[5] is None else int(row[5]),
        )

    def set_schedule(self, schedule: BackupSchedule) -> None:
        _inside(self.db)
        self.db.execute(
            "INSERT INTO backup_schedule (id, enabled, time, folder, generations, changed_at, changed_by) "
            "VALUES (1,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET enabled = excluded.enabled, "
            "time = excluded.time, folder = excluded.folder, generations = excluded.generations, "
            "changed_at = excluded.changed_at, changed_by = excluded.changed_by",
            (
                int(schedule.enabled),
                schedule.time,
                schedule.folder,
                schedule.generations,
                schedule.changed_at,
                schedule.changed_by,
            ),
        )

    def add_pending_destruction(
        self, *, record_id: int, client_id: int, client_pseudonym: str, destroyed_at: str, restore_run: int
    ) -> None:
        _inside(self.db)
        self.db.execute(
            "INSERT OR IGNORE INTO backup_pending_destructions (record_id, client_id, client_pseudonym, "
            "destroyed_at, restore_run) VALUES (?,?,?,?,?)",
            (record_id, client_id, client_pseudonym, destroyed_at, restore_run),
        )

    def pending_destructions(self) -> list[PendingDestruction]:
        rows = self.db.execute(
            "SELECT record_id, client_id, client_pseudonym, destroyed_at, restore_run "
            "FROM backup_pending_destructions WHERE applied_at IS NULL ORDER BY record_id"
        ).fetchall()
        return [PendingDestruction(int(r[0]), int(r[1]), str(r[2]), str(r[3]), int(r[4])) for r in rows]

    def mark_applied(self, record_id: int, *, at: str, by_staff: int) -> None:
        _inside(self.db)
        self.db.execute(
            "UPDATE backup_pending_destructions SET applied_at = ?, applied_by = ? WHERE record_id = ?",
            (at, by_staff, record_id),
        )
