"""Training records in branch.db (migration 14): quiz attempts, classroom sessions and attendees.

Rule: rows are only ever added (the tables are append-only: triggers refuse UPDATE and DELETE), in
the caller's transaction; no client is named here. ``staff.disabled_at`` is read here too, so the
training figures know who was active at a quarter's end.
Reason: training records are evidence for PIPL Art. 51(4) and the HQ compliance visit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from desktop_app.store.database import Database

APP = "app"
LMS = "lms"


@dataclass(frozen=True)
class TrainingAttempt:
    id: int
    staff_id: int
    quarter: str
    source: str  # APP or LMS
    set_version: str
    seed: int | None
    score_percent: int
    passed: bool
    taken_at: str
    answers: dict[str, list[str]] | None  # app attempts only: question id -> option ids given
    recorded_by: int


@dataclass(frozen=True)
class TrainingSession:
    id: int
    day: date
    quarter: str
    topic: str
    trainer: str
    recorded_by: int
    created_at: str
    attendee_ids: tuple[int, ...]


@dataclass(frozen=True)
class StaffDates:
    staff_id: int
    username: str
    display_name: str
    role: str
    active: bool
    created_at: str
    disabled_at: str | None


_ATTEMPT_COLUMNS = (
    "id, staff_id, quarter, source, set_version, seed, score_percent, passed, taken_at, answers, recorded_by"
)


def _attempt(row: tuple[object, ...]) -> TrainingAttempt:
    answers = json.loads(str(row[9])) if row[9] is not None else None
    return TrainingAttempt(
        id=int(row[0]),  # type: ignore[call-overload]
        staff_id=int(row[1]),  # type: ignore[call-overload]
        quarter=str(row[2]),
        source=str(row[3]),
        set_version=str(row[4]),
        seed=int(row[5]) if row[5] is not None else None,  # type: ignore[call-overload]
        score_percent=int(row[6]),  # type: ignore[call-overload]
        passed=bool(row[7]),
        taken_at=str(row[8]),
        answers=answers,
        recorded_by=int(row[10]),  # type: ignore[call-overload]
    )


class TrainingRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add_attempt(
        self,
        *,
        staff_id: int,
        quarter: str,
        source: str,
        score_percent: int,
        passed: bool,
        taken_at: str,
        recorded_by: int,
        recorded_at: str,
        set_version: str = "",
        seed: int | None = None,
        answers: Mapping[str, Iterable[str]] | None = None,
    ) -> int:
        text = (
            json.dumps({q: sorted(given) for q, given in answers.items()}, ensure_ascii=False, sort_keys=True)
            if answers is not None
            else None
        )
        cursor = self.db.execute(
            "INSERT INTO training_attempts (staff_id, quarter, source, set_version, seed, score_percent, "
            "passed, taken_at, answers, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                staff_id,
                quarter,
                source,
                set_version,
                seed,
                score_percent,
                int(passed),
                taken_at,
                text,
                recorded_by,
                recorded_at,
            ),
        )
        return int(cursor.lastrowid or 0)

    def attempts(self, quarter: str, staff_id: int | None = None) -> list[TrainingAttempt]:
        """The quarter's attempts, oldest first (by the time taken, then as recorded)."""
        sql = f"SELECT {_ATTEMPT_COLUMNS} FROM training_attempts WHERE quarter = ?"
        params: tuple[object, ...] = (quarter,)
        if staff_id is not None:
            sql += " AND staff_id = ?"
            params = (quarter, staff_id)
        return [_attempt(r) for r in self.db.execute(sql + " ORDER BY taken_at, id", params)]

    def lms_keys(self) -> set[tuple[int, str, int]]:
        """(staff id, taken_at, score) of every LMS attempt recorded: an export imported twice adds
        nothing the second time."""
        rows = self.db.execute(
            "SELECT staff_id, taken_at, score_percent FROM training_attempts WHERE source = 'lms'"
        )
        return {(int(s), str(t), int(p)) for s, t, p in rows}

    def add_session(
        self,
        *,
        day: date,
        quarter: str,
        topic: str,
        trainer: str,
        attendee_ids: Iterable[int],
        recorded_by: int,
        created_at: str,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO training_sessions (day, quarter, topic, trainer, recorded_by, created_at) "
            "VALUES (?,?,?,?,?,?)",
            (day.isoformat(), quarter, topic, trainer, recorded_by, created_at),
        )
        session_id = int(cursor.lastrowid or 0)
        for staff_id in sorted(set(attendee_ids)):
            self.db.execute(
                "INSERT INTO training_session_attendees (session_id, staff_id) VALUES (?,?)",
                (session_id, staff_id),
            )
        return session_id

    def sessions(self, quarter: str) -> list[TrainingSession]:
        rows = self.db.execute(
            "SELECT id, day, quarter, topic, trainer, recorded_by, created_at FROM training_sessions "
            "WHERE quarter = ? ORDER BY day, id",
            (quarter,),
        ).fetchall()
        found = []
        for row in rows:
            attendees = tuple(
                int(r[0])
                for r in self.db.execute(
                    "SELECT staff_id FROM training_session_attendees WHERE session_id = ? ORDER BY staff_id",
                    (row[0],),
                )
            )
            found.append(
                TrainingSession(
                    id=int(row[0]),
                    day=date.fromisoformat(str(row[1])),
                    quarter=str(row[2]),
                    topic=str(row[3]),
                    trainer=str(row[4]),
                    recorded_by=int(row[5]),
                    created_at=str(row[6]),
                    attendee_ids=attendees,
                )
            )
        return found

    def completed(self, quarter: str, staff_id: int) -> bool:
        """Passed an attempt in the quarter or attended one of its classroom sessions."""
        row = self.db.execute(
            "SELECT EXISTS (SELECT 1 FROM training_attempts WHERE quarter = ? AND staff_id = ? AND passed = 1) "
            "OR EXISTS (SELECT 1 FROM training_session_attendees a JOIN training_sessions s "
            "ON s.id = a.session_id WHERE s.quarter = ? AND a.staff_id = ?)",
            (quarter, staff_id, quarter, staff_id),
        ).fetchone()
        return bool(row[0])

    def started_at(self) -> str | None:
        """When the branch got the training programme (migration 14), UTC; None if unknown."""
        row = self.db.execute("SELECT started_at FROM training_programme_start WHERE id = 1").fetchone()
        return str(row[0]) if row else None

    def staff_dates(self) -> list[StaffDates]:
        rows = self.db.execute(
            "SELECT id, username, display_name, role, active, created_at, disabled_at FROM staff "
            "ORDER BY role, username"
        )
        return [
            StaffDates(
                staff_id=int(r[0]),
                username=str(r[1]),
                display_name=str(r[2]),
                role=str(r[3]),
                active=bool(r[4]),
                created_at=str(r[5]),
                disabled_at=str(r[6]) if r[6] is not None else None,
            )
            for r in rows
        ]
