"""Access reviews and their items in branch.db (migration 22), and each member's last sign-in.

``last_sign_ins`` reads the audit log: the newest successful ``auth.sign_in`` per member, one index
seek each (index ``audit_log_action_actor``), so it stays cheap at a million audit rows and needs no
column that sign-in would have to keep. ``finish_fingerprint`` reads the fingerprint a review's
``access_review.finish`` entry recorded, which the hash chain protects.
"""

from __future__ import annotations

import json

from desktop_app.domain.access_review import Decision, ReviewItem, ReviewRecord
from desktop_app.domain.roles import Role
from desktop_app.store.database import Database

_REVIEW = "id, period_key, started_at, started_by, finished_at, finished_by, fingerprint"
_ITEM = (
    "id, review_id, staff_id, username, display_name, role, active, last_sign_in, days_inactive, "
    "decision, new_role, note, decided_at, decided_by"
)


def _review(row: tuple[object, ...]) -> ReviewRecord:
    return ReviewRecord(
        id=int(row[0]),  # type: ignore[call-overload]
        period_key=str(row[1]),
        started_at=str(row[2]),
        started_by=int(row[3]),  # type: ignore[call-overload]
        finished_at=None if row[4] is None else str(row[4]),
        finished_by=None if row[5] is None else int(row[5]),  # type: ignore[call-overload]
        fingerprint=str(row[6]),
    )


def _item(row: tuple[object, ...]) -> ReviewItem:
    return ReviewItem(
        id=int(row[0]),  # type: ignore[call-overload]
        review_id=int(row[1]),  # type: ignore[call-overload]
        staff_id=int(row[2]),  # type: ignore[call-overload]
        username=str(row[3]),
        display_name=str(row[4]),
        role=Role(str(row[5])),
        active=bool(row[6]),
        last_sign_in=None if row[7] is None else str(row[7]),
        days_inactive=int(row[8]),  # type: ignore[call-overload]
        decision=None if row[9] is None else Decision(str(row[9])),
        new_role=None if row[10] is None else Role(str(row[10])),
        note=str(row[11]),
        decided_at=None if row[12] is None else str(row[12]),
        decided_by=None if row[13] is None else int(row[13]),  # type: ignore[call-overload]
    )


class AccessReviewRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def start(self, period_key: str, *, at: str, by: int) -> ReviewRecord:
        cursor = self.db.execute(
            "INSERT INTO access_reviews (period_key, started_at, started_by) VALUES (?,?,?)",
            (period_key, at, by),
        )
        review = self.get(int(cursor.lastrowid or 0))
        assert review is not None
        return review

    def add_item(
        self,
        review_id: int,
        *,
        staff_id: int,
        username: str,
        display_name: str,
        role: Role,
        active: bool,
        last_sign_in: str | None,
        days_inactive: int,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO access_review_items (review_id, staff_id, username, display_name, role, active, "
            "last_sign_in, days_inactive) VALUES (?,?,?,?,?,?,?,?)",
            (
                review_id,
                staff_id,
                username,
                display_name,
                role.value,
                int(active),
                last_sign_in,
                days_inactive,
            ),
        )
        return int(cursor.lastrowid or 0)

    def get(self, review_id: int) -> ReviewRecord | None:
        row = self.db.execute(f"SELECT {_REVIEW} FROM access_reviews WHERE id = ?", (review_id,)).fetchone()
        return _review(row) if row else None

    def by_period(self, period_key: str) -> ReviewRecord | None:
        row = self.db.execute(
            f"SELECT {_REVIEW} FROM access_reviews WHERE period_key = ?", (period_key,)
        ).fetchone()
        return _review(row) if row else None

    def draft(self) -> ReviewRecord | None:
        row = self.db.execute(
            f"SELECT {_REVIEW} FROM access_reviews WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return _review(row) if row else None

    def latest(self) -> ReviewRecord | None:
        row = self.db.execute(f"SELECT {_REVIEW} FROM access_reviews ORDER BY id DESC LIMIT 1").fetchone()
        return _review(row) if row else None

    def latest_finished(self) -> ReviewRecord | None:
        row = self.db.execute(
            f"SELECT {_REVIEW} FROM access_reviews WHERE finished_at IS NOT NULL "
            "ORDER BY finished_at DESC, id DESC LIMIT 1"
        ).fetchone()
        return _review(row) if row else None

    def all(self) -> list[ReviewRecord]:
        return [_review(r) for r in self.db.execute(f"SELECT {_REVIEW} FROM access_reviews ORDER BY id DESC")]

    def items(self, review_id: int) -> list[ReviewItem]:
        rows = self.db.execute(
            f"SELECT {_ITEM} FROM access_review_items WHERE review_id = ? ORDER BY role, username",
            (review_id,),
        )
        return [_item(r) for r in rows]

    def decide(
        self,
        item_id: int,
        decision: Decision,
        *,
        new_role: Role | None,
        note: str,
        at: str,
        by: int,
    ) -> None:
        self.db.execute(
            "UPDATE access_review_items SET decision = ?, new_role = ?, note = ?, decided_at = ?, "
            "decided_by = ? WHERE id = ?",
            (decision.value, None if new_role is None else new_role.value, note, at, by, item_id),
        )

    def finish(self, review_id: int, *, at: str, by: int, fingerprint: str) -> None:
        self.db.execute(
            "UPDATE access_reviews SET finished_at = ?, finished_by = ?, fingerprint = ? WHERE id = ?",
            (at, by, fingerprint, review_id),
        )

    def finish_fingerprint(self, review_id: int) -> str | None:
        """The content fingerprint the ``access_review.finish`` entry of ``review_id`` recorded."""
        row = self.db.execute(
            "SELECT details FROM audit_log WHERE action = 'access_review.finish' AND outcome = 'success' "
            "AND target_type = 'access_review' AND target_id = ? ORDER BY seq DESC LIMIT 1",
            (str(review_id),),
        ).fetchone()
        if row is None:
            return None
        try:
            value = json.loads(str(row[0])).get("content_sha256")
        except (ValueError, AttributeError):
            return None
        return None if value is None else str(value)


def last_sign_ins(db: Database, staff_ids: list[int]) -> dict[int, str | None]:
    """staff id -> timestamp of the newest successful ``auth.sign_in`` (None: never signed in)."""
    found: dict[int, str | None] = {}
    for staff_id in staff_ids:
        row = db.execute(
            "SELECT ts FROM audit_log INDEXED BY audit_log_action_actor WHERE action = 'auth.sign_in' "
            "AND actor_id = ? AND outcome = 'success' ORDER BY seq DESC LIMIT 1",
            (staff_id,),
        ).fetchone()
        found[staff_id] = None if row is None else str(row[0])
    return found


def disabled_since(db: Database, since: str) -> list[int]:
    """Ids of staff disabled at or after ``since`` (UTC ISO): a review lists them too."""
    rows = db.execute("SELECT id FROM staff WHERE active = 0 AND disabled_at >= ?", (since,))
    return [int(r[0]) for r in rows]
