"""The auditor's recorded audit-log reviews (``log_reviews`` in branch.db, migration 21) and the
audit-log queries their period summary needs.

Rule: a review row is written once, inside the caller's transaction with its ``audit.log_review``
entry, and never changed (append-only triggers, store/append_only_triggers.py). The period queries
read the audit log by its ``ts`` index between two stored UTC timestamps (the Beijing days' bounds).
"""

from __future__ import annotations

import json
from datetime import date

from desktop_app.domain.log_review import LogReview, PeriodCounts, ReviewOutcome
from desktop_app.store.database import Database

_COLUMNS = (
    "id, period_start, period_end, first_seq, last_seq, entries, refusals, failed_sign_ins, "
    "off_hours_sign_ins, alerts_raised, alerts_open, chain_verified, chain_checked, findings, outcome, "
    "follow_up, reviewer, signed_off_at"
)


def _int_or_none(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def _review(row: tuple[object, ...]) -> LogReview:
    n = [_int_or_none(v) for v in row[3:13]]
    return LogReview(
        id=int(row[0]),  # type: ignore[call-overload]
        period_start=date.fromisoformat(str(row[1])),
        period_end=date.fromisoformat(str(row[2])),
        counts=PeriodCounts(
            first_seq=n[0],
            last_seq=n[1],
            entries=n[2] or 0,
            refusals=n[3] or 0,
            failed_sign_ins=n[4] or 0,
            off_hours_sign_ins=n[5] or 0,
            alerts_raised=n[6] or 0,
            alerts_open=n[7] or 0,
            chain_verified=bool(n[8]),
            chain_checked=n[9] or 0,
        ),
        findings=str(row[13]),
        outcome=ReviewOutcome(str(row[14])),
        follow_up=str(row[15]),
        reviewer=int(row[16]),  # type: ignore[call-overload]
        signed_off_at=str(row[17]),
    )


class LogReviewRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self,
        *,
        start: date,
        end: date,
        counts: PeriodCounts,
        findings: str,
        outcome: ReviewOutcome,
        follow_up: str,
        reviewer: int,
        signed_off_at: str,
    ) -> LogReview:
        if not self._db.in_transaction:
            raise RuntimeError("a log review is written inside the caller's transaction")
        cursor = self._db.execute(
            f"INSERT INTO log_reviews ({_COLUMNS.split(', ', 1)[1]}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                start.isoformat(),
                end.isoformat(),
                counts.first_seq,
                counts.last_seq,
                counts.entries,
                counts.refusals,
                counts.failed_sign_ins,
                counts.off_hours_sign_ins,
                counts.alerts_raised,
                counts.alerts_open,
                int(counts.chain_verified),
                counts.chain_checked,
                findings,
                outcome.value,
                follow_up,
                reviewer,
                signed_off_at,
            ),
        )
        review = self.get(int(cursor.lastrowid or 0))
        assert review is not None
        return review

    def get(self, review_id: int) -> LogReview | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM log_reviews WHERE id = ?", (review_id,)).fetchone()
        return None if row is None else _review(tuple(row))

    def all(self) -> list[LogReview]:
        """Every recorded review, the latest period first."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM log_reviews ORDER BY period_end DESC, id DESC"
        ).fetchall()
        return [_review(tuple(row)) for row in rows]

    def recorded_fingerprints(self) -> dict[int, str]:
        """Review id → the ``content_sha256`` its ``audit.log_review`` entry recorded."""
        rows = self._db.execute(
            "SELECT target_id, details FROM audit_log WHERE action = 'audit.log_review' "
            "AND outcome = 'success' AND target_type = 'log_review' ORDER BY seq"
        ).fetchall()
        found: dict[int, str] = {}
        for target_id, details in rows:
            try:
                value = json.loads(str(details)).get("content_sha256")
                found[int(target_id)] = str(value)
            except (ValueError, AttributeError, TypeError):
                continue
        return found


class AuditPeriodQueries:
    """Counts over the audit entries with ``start_ts <= ts < end_ts`` (stored UTC timestamps)."""

    def __init__(self, db: Database, start_ts: str, end_ts: str) -> None:
        self._db = db
        self._bounds = (start_ts, end_ts)

    def seq_range(self) -> tuple[int | None, int | None, int]:
        row = self._db.execute(
            "SELECT min(seq), max(seq), count(*) FROM audit_log WHERE ts >= ? AND ts < ?", self._bounds
        ).fetchone()
        return _int_or_none(row[0]), _int_or_none(row[1]), int(row[2])

    def by_action(self) -> list[tuple[str, str, int]]:
        """(action, outcome, count), most frequent first."""
        rows = self._db.execute(
            "SELECT action, outcome, count(*) AS n FROM audit_log WHERE ts >= ? AND ts < ? "
            "GROUP BY action, outcome ORDER BY n DESC, action, outcome",
            self._bounds,
        ).fetchall()
        return [(str(a), str(o), int(n)) for a, o, n in rows]

    def refusals_by_user(self) -> list[tuple[str, int]]:
        rows = self._db.execute(
            "SELECT actor_username, count(*) AS n FROM audit_log WHERE ts >= ? AND ts < ? "
            "AND action = 'access.denied' GROUP BY actor_username ORDER BY n DESC, actor_username",
            self._bounds,
        ).fetchall()
        return [(str(u), int(n)) for u, n in rows]

    def sign_ins(self) -> list[tuple[int, str, str, str]]:
        """Successful sign-ins: (seq, ts, username, role)."""
        rows = self._db.execute(
            "SELECT seq, ts, actor_username, actor_role FROM audit_log WHERE ts >= ? AND ts < ? "
            "AND action = 'auth.sign_in' AND outcome = 'success' ORDER BY seq",
            self._bounds,
        ).fetchall()
        return [(int(s), str(t), str(u), str(r)) for s, t, u, r in rows]

    def alert_targets(self, action: str) -> list[str]:
        """The target ids of ``action`` entries (``alert.raised`` / ``alert.acknowledged``) in the period."""
        rows = self._db.execute(
            "SELECT target_id FROM audit_log WHERE ts >= ? AND ts < ? AND action = ? AND outcome = 'success'",
            (*self._bounds, action),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def acknowledged_ever(self) -> set[str]:
        rows = self._db.execute(
            "SELECT target_id FROM audit_log WHERE action = 'alert.acknowledged' AND outcome = 'success'"
        ).fetchall()
        return {str(r[0]) for r in rows}


def first_entry_ts(db: Database) -> str | None:
    """When the audit log starts (the branch's set-up entry)."""
    row = db.execute("SELECT ts FROM audit_log ORDER BY seq LIMIT 1").fetchone()
    return None if row is None else str(row[0])
