"""Summaries for headquarters in ``clients.db`` (tables ``hq_exports`` and ``hq_export_schedule``,
client-schema version 3): the frozen payload and its hash, the approval or rejection, the exact
signed body that leaves the branch, the outbox state, HQ's receipt, and the daily schedule.

Rule: every state change names the state it expects (``WHERE state = ?``), so two sessions racing
on one export cannot both move it; the frozen payload, an approval, the envelope and the receipt are
written once (triggers in store/client_schema.py), and rows are never deleted. The services check
permissions, signatures and hashes and audit every change (services/hq_exports.py).

Reason: "what left this branch" must stay provable to an auditor (PIPL Art. 23 and 55: the record of
a provision to another handler); the tables live under the client-data key, so IT and auditors
cannot read or alter them.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.export_states import ExportState, sources_of
from desktop_app.store.database import Database

_COLUMNS = (
    "id, state, period_from, period_to, scheduled, prepared_by, prepared_at, frozen_payload, "
    "content_sha256, approved_by, approved_at, approved_payload, rejected_by, rejected_at, "
    "rejection_reason, envelope, envelope_sha256, attempts, last_error, next_retry_at, sent_at, "
    "receipt, acknowledged_at"
)


class ExportStateChanged(BranchVaultError):
    """The row was not in the state the change expected (another session moved it first)."""

    code = "export_state_changed"

    def __init__(self, export_id: str) -> None:
        super().__init__(
            f"导出 {export_id} 刚被另一个会话更改，请刷新后重试。",
            f"Export {export_id} was just changed by another session; refresh and try again.",
        )


@dataclass(frozen=True)
class StoredExport:
    id: str
    state: str
    period_from: str
    period_to: str
    scheduled: bool
    prepared_by: int
    prepared_at: str
    frozen_payload: str
    content_sha256: str
    approved_by: int | None
    approved_at: str | None
    approved_payload: str | None
    rejected_by: int | None
    rejected_at: str | None
    rejection_reason: str | None
    envelope: bytes | None
    envelope_sha256: str | None
    attempts: int
    last_error: str | None
    next_retry_at: str | None
    sent_at: str | None
    receipt: str | None
    acknowledged_at: str | None

    def __repr__(self) -> str:  # the payload may hold masked client rows
        return f"StoredExport(id={self.id}, state={self.state})"


def _opt_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _row(row: tuple[object, ...]) -> StoredExport:
    return StoredExport(
        id=str(row[0]),
        state=str(row[1]),
        period_from=str(row[2]),
        period_to=str(row[3]),
        scheduled=bool(row[4]),
        prepared_by=int(row[5]),  # type: ignore[call-overload]
        prepared_at=str(row[6]),
        frozen_payload=str(row[7]),
        content_sha256=str(row[8]),
        approved_by=_opt_int(row[9]),
        approved_at=_opt_str(row[10]),
        approved_payload=_opt_str(row[11]),
        rejected_by=_opt_int(row[12]),
        rejected_at=_opt_str(row[13]),
        rejection_reason=_opt_str(row[14]),
        envelope=None if row[15] is None else bytes(row[15]),  # type: ignore[call-overload]
        envelope_sha256=_opt_str(row[16]),
        attempts=int(row[17]),  # type: ignore[call-overload]
        last_error=_opt_str(row[18]),
        next_retry_at=_opt_str(row[19]),
        sent_at=_opt_str(row[20]),
        receipt=_opt_str(row[21]),
        acknowledged_at=_opt_str(row[22]),
    )


@dataclass(frozen=True)
class StoredSchedule:
    prepare_at: str | None  # "HH:MM" Beijing time, None: no scheduled preparation
    set_by: int
    set_at: str
    last_prepared_on: str | None  # the branch day of the last scheduled preparation


class HqExportRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading ---------------------------------------------------------------------------------

    def get(self, export_id: str) -> StoredExport | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM hq_exports WHERE id = ?", (export_id,)).fetchone()
        return _row(row) if row else None

    def newest_first(self) -> list[StoredExport]:
        """Newest first."""
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM hq_exports ORDER BY prepared_at DESC, id").fetchall()
        return [_row(row) for row in rows]

    def in_states(self, states: tuple[str, ...]) -> list[StoredExport]:
        """Oldest first (the outbox sends in the order summaries were prepared)."""
        marks = ",".join("?" for _ in states)
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM hq_exports WHERE state IN ({marks}) ORDER BY prepared_at, id",
            states,
        ).fetchall()
        return [_row(row) for row in rows]

    def count_in_state(self, state: str) -> int:
        return int(self.db.execute("SELECT count(*) FROM hq_exports WHERE state = ?", (state,)).fetchone()[0])

    # -- writing (inside the service's transaction) --------------------------------------------

    def add(
        self,
        *,
        export_id: str,
        period_from: str,
        period_to: str,
        scheduled: bool,
        prepared_by: int,
        prepared_at: str,
        frozen_payload: str,
        content_sha256: str,
    ) -> None:
        self.db.execute(
            "INSERT INTO hq_exports (id, state, period_from, period_to, scheduled, prepared_by, prepared_at, "
            "frozen_payload, content_sha256) VALUES (?, 'prepared', ?, ?, ?, ?, ?, ?, ?)",
            (
                export_id,
                period_from,
                period_to,
                int(scheduled),
                prepared_by,
                prepared_at,
                frozen_payload,
                content_sha256,
            ),
        )

    def _move(self, export_id: str, new: ExportState, assignments: str, values: tuple[object, ...]) -> None:
        """Set ``state = new`` and ``assignments`` if the row is in a state the domain allows the
        move from (domain/export_states.py); ExportStateChanged otherwise."""
        expected = tuple(state.value for state in sources_of(new))
        marks = ",".join("?" for _ in expected)
        cursor = self.db.execute(
            f"UPDATE hq_exports SET state = ?, {assignments} WHERE id = ? AND state IN ({marks})",
            (new.value, *values, export_id, *expected),
        )
        if cursor.rowcount != 1:
            raise ExportStateChanged(export_id)

    def approve(self, export_id: str, *, approved_by: int, approved_at: str, approved_payload: str) -> None:
        self._move(
            export_id,
            ExportState.APPROVED,
            "approved_by = ?, approved_at = ?, approved_payload = ?",
            (approved_by, approved_at, approved_payload),
        )

    def reject(self, export_id: str, *, rejected_by: int, rejected_at: str, reason: str) -> None:
        self._move(
            export_id,
            ExportState.REJECTED,
            "rejected_by = ?, rejected_at = ?, rejection_reason = ?",
            (rejected_by, rejected_at, reason),
        )

    def queue(self, export_id: str, *, envelope: bytes, envelope_sha256: str) -> None:
        self._move(
            export_id, ExportState.QUEUED, "envelope = ?, envelope_sha256 = ?", (envelope, envelope_sha256)
        )

    def mark_sent(self, export_id: str, *, sent_at: str) -> None:
        self._move(
            export_id,
            ExportState.SENT,
            "attempts = attempts + 1, sent_at = ?, last_error = NULL, next_retry_at = NULL",
            (sent_at,),
        )

    def mark_failing(self, export_id: str, *, error: str, next_retry_at: str) -> None:
        self._move(
            export_id,
            ExportState.FAILING,
            "attempts = attempts + 1, last_error = ?, next_retry_at = ?",
            (error, next_retry_at),
        )

    def note_refusal(self, export_id: str, *, error: str) -> None:
        """Record why the outbox refused to send this row (its envelope did not check out)."""
        self.db.execute("UPDATE hq_exports SET last_error = ? WHERE id = ?", (error, export_id))

    def acknowledge(self, export_id: str, *, receipt: str, acknowledged_at: str) -> None:
        self._move(
            export_id,
            ExportState.ACKNOWLEDGED,
            "receipt = ?, acknowledged_at = ?, last_error = NULL, next_retry_at = NULL",
            (receipt, acknowledged_at),
        )

    # -- the daily scheduled preparation ---------------------------------------------------------

    def schedule(self) -> StoredSchedule | None:
        row = self.db.execute(
            "SELECT prepare_at, set_by, set_at, last_prepared_on FROM hq_export_schedule WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        return StoredSchedule(_opt_str(row[0]), int(row[1]), str(row[2]), _opt_str(row[3]))

    def set_schedule(self, *, prepare_at: str | None, set_by: int, set_at: str) -> None:
        self.db.execute(
            "INSERT INTO hq_export_schedule (id, prepare_at, set_by, set_at) VALUES (1, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET prepare_at = excluded.prepare_at, set_by = excluded.set_by, "
            "set_at = excluded.set_at",
            (prepare_at, set_by, set_at),
        )

    def claim_scheduled_day(self, day: str) -> bool:
        """Mark ``day`` as prepared; False when it already was (another session got there first)."""
        cursor = self.db.execute(
            "UPDATE hq_export_schedule SET last_prepared_on = ? "
            "WHERE id = 1 AND (last_prepared_on IS NULL OR last_prepared_on < ?)",
            (day, day),
        )
        return cursor.rowcount == 1

    # -- the audit entries an approval must have (branch.db's audit log, same connection) ---------

    def approval_entries(self, export_id: str) -> list[tuple[int | None, str, str]]:
        """(actor id, actor role, details JSON) of each successful ``export.approve`` entry for the export."""
        rows = self.db.execute(
            "SELECT actor_id, actor_role, details FROM audit_log "
            "WHERE action = 'export.approve' AND target_type = 'hq_export' AND target_id = ? AND outcome = 'success'",
            (export_id,),
        ).fetchall()
        return [(_opt_int(r[0]), str(r[1]), str(r[2])) for r in rows]
