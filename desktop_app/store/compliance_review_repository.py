"""Compliance reviews, their answers and rectifications in branch.db (tables of migration 15).

Plain reads and writes; the rules (what may be answered, when a review may finish) are in
domain/compliance_review.py and the permission checks and audit in services/compliance_reviews.py.
Triggers refuse changes to a finished review (store/compliance_review_triggers.py).
"""

from __future__ import annotations

import json
from datetime import date

from desktop_app.domain.compliance_review import (
    Evaluation,
    ItemAnswer,
    ItemResult,
    Rectification,
    RectificationState,
    ReviewRecord,
    ReviewState,
)
from desktop_app.store.database import Database

_REVIEW = (
    "id, period_key, checklist_version, started_by, started_at, finished_by, finished_at, finished_on, state"
)
_RECT = "id, review_id, item_id, description, owner_id, due_on, state, opened_at, closed_by, closed_at, close_note"


def _review(row: tuple[object, ...]) -> ReviewRecord:
    return ReviewRecord(
        id=int(str(row[0])),
        period_key=str(row[1]),
        checklist_version=str(row[2]),
        started_by=int(str(row[3])),
        started_at=str(row[4]),
        finished_by=None if row[5] is None else int(str(row[5])),
        finished_at=None if row[6] is None else str(row[6]),
        finished_on=None if row[7] is None else date.fromisoformat(str(row[7])),
        state=ReviewState(str(row[8])),
    )


def _answer(row: tuple[object, ...]) -> ItemAnswer:
    evidence = None if row[3] is None else Evaluation.from_json(json.loads(str(row[3])))
    return ItemAnswer(
        item_id=str(row[0]),
        result=None if row[1] is None else ItemResult(str(row[1])),
        note=str(row[2]),
        evaluation=evidence,
        answered_by=None if row[4] is None else int(str(row[4])),
        answered_at=None if row[5] is None else str(row[5]),
    )


def _rect(row: tuple[object, ...]) -> Rectification:
    return Rectification(
        id=int(str(row[0])),
        review_id=int(str(row[1])),
        item_id=str(row[2]),
        description=str(row[3]),
        owner_id=int(str(row[4])),
        due_on=date.fromisoformat(str(row[5])),
        state=RectificationState(str(row[6])),
        opened_at=str(row[7]),
        closed_by=None if row[8] is None else int(str(row[8])),
        closed_at=None if row[9] is None else str(row[9]),
        close_note=str(row[10]),
    )


class ComplianceReviewRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # reviews
    def add_review(self, *, period_key: str, checklist_version: str, started_by: int, started_at: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO compliance_reviews (period_key, checklist_version, started_by, started_at) "
            "VALUES (?, ?, ?, ?)",
            (period_key, checklist_version, started_by, started_at),
        )
        return int(cursor.lastrowid or 0)

    def get(self, review_id: int) -> ReviewRecord | None:
        row = self.db.execute(
            f"SELECT {_REVIEW} FROM compliance_reviews WHERE id = ?", (review_id,)
        ).fetchone()
        return None if row is None else _review(row)

    def draft(self) -> ReviewRecord | None:
        row = self.db.execute(f"SELECT {_REVIEW} FROM compliance_reviews WHERE state = 'draft'").fetchone()
        return None if row is None else _review(row)

    def all_reviews(self) -> list[ReviewRecord]:
        rows = self.db.execute(f"SELECT {_REVIEW} FROM compliance_reviews ORDER BY id DESC").fetchall()
        return [_review(r) for r in rows]

    def latest_finished(self, on_or_before: date) -> ReviewRecord | None:
        row = self.db.execute(
            f"SELECT {_REVIEW} FROM compliance_reviews WHERE state = 'finished' AND finished_on <= ? "
            "ORDER BY finished_on DESC, id DESC LIMIT 1",
            (on_or_before.isoformat(),),
        ).fetchone()
        return None if row is None else _review(row)

    def finish(self, review_id: int, *, by: int, at: str, on: date) -> bool:
        cursor = self.db.execute(
            "UPDATE compliance_reviews SET state = 'finished', finished_by = ?, finished_at = ?, finished_on = ? "
            "WHERE id = ? AND state = 'draft'",
            (by, at, on.isoformat(), review_id),
        )
        return cursor.rowcount == 1

    # answers
    def add_items(self, review_id: int, item_ids: list[str]) -> None:
        for item_id in item_ids:
            self.db.execute(
                "INSERT INTO compliance_review_items (review_id, item_id) VALUES (?, ?)", (review_id, item_id)
            )

    def answers(self, review_id: int) -> list[ItemAnswer]:
        rows = self.db.execute(
            "SELECT item_id, result, note, evidence, answered_by, answered_at FROM compliance_review_items "
            "WHERE review_id = ? ORDER BY rowid",
            (review_id,),
        ).fetchall()
        return [_answer(r) for r in rows]

    def set_answer(
        self,
        review_id: int,
        item_id: str,
        *,
        result: ItemResult | None,
        note: str,
        evaluation: Evaluation | None,
        by: int | None,
        at: str | None,
    ) -> None:
        self.db.execute(
            "UPDATE compliance_review_items SET result = ?, note = ?, evidence = ?, answered_by = ?, answered_at = ? "
            "WHERE review_id = ? AND item_id = ?",
            (
                None if result is None else result.value,
                note,
                None
                if evaluation is None
                else json.dumps(evaluation.as_json(), ensure_ascii=False, sort_keys=True),
                by,
                at,
                review_id,
                item_id,
            ),
        )

    # rectifications
    def add_rectification(
        self,
        *,
        review_id: int,
        item_id: str,
        description: str,
        owner_id: int,
        due_on: date,
        opened_by: int,
        opened_at: str,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO rectifications (review_id, item_id, description, owner_id, due_on, opened_by, opened_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (review_id, item_id, description, owner_id, due_on.isoformat(), opened_by, opened_at),
        )
        return int(cursor.lastrowid or 0)

    def delete_rectifications(self, review_id: int, item_id: str) -> int:
        cursor = self.db.execute(
            "DELETE FROM rectifications WHERE review_id = ? AND item_id = ?", (review_id, item_id)
        )
        return cursor.rowcount

    def rectification(self, rectification_id: int) -> Rectification | None:
        row = self.db.execute(
            f"SELECT {_RECT} FROM rectifications WHERE id = ?", (rectification_id,)
        ).fetchone()
        return None if row is None else _rect(row)

    def rectifications(
        self, review_id: int | None = None, *, finished_only: bool = False
    ) -> list[Rectification]:
        where: list[str] = []
        params: list[object] = []
        if review_id is not None:
            where.append("review_id = ?")
            params.append(review_id)
        if finished_only:
            where.append("review_id IN (SELECT id FROM compliance_reviews WHERE state = 'finished')")
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self.db.execute(
            f"SELECT {_RECT} FROM rectifications{clause} ORDER BY id", tuple(params)
        ).fetchall()
        return [_rect(r) for r in rows]

    def close_rectification(self, rectification_id: int, *, by: int, at: str, note: str) -> bool:
        cursor = self.db.execute(
            "UPDATE rectifications SET state = 'closed', closed_by = ?, closed_at = ?, close_note = ? "
            "WHERE id = ? AND state = 'open'",
            (by, at, note, rectification_id),
        )
        return cursor.rowcount == 1
