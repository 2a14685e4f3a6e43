"""What the page reads of the privacy-programme figures (``programme_figures``, read-only).

Rule: for a quarter, each branch's figures are those of its latest summary for that quarter (the
latest period end, then the latest generated, then the latest received): a branch sends one block
with every summary, each the quarter to date, so the latest is the most complete and earlier ones
are never added to it. A block is checked again as it is read (``check_block``); one that fails
(only possible if the table was edited) is left out rather than shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.hq_summary.programme_block import check_block
from desktop_app.hq.storage.models import ProgrammeFigures


@dataclass(frozen=True)
class BranchProgramme:
    code: str
    submission_id: str
    period_to: str
    generated_at: str
    block: dict[str, Any]


def quarters(db: Session) -> list[str]:
    """Every quarter some branch sent figures for, newest first."""
    found = db.scalars(select(ProgrammeFigures.quarter).distinct())
    return sorted(set(found), reverse=True)


def _block(text: str) -> dict[str, Any] | None:
    try:
        return check_block(json.loads(text))
    except ValueError:
        return None


def latest_blocks(db: Session, quarter: str, branch_code: str | None = None) -> list[BranchProgramme]:
    """Each branch's latest figures for the quarter, by branch code."""
    query = select(ProgrammeFigures).where(ProgrammeFigures.quarter == quarter)
    if branch_code is not None:
        query = query.where(ProgrammeFigures.branch_code == branch_code)
    query = query.order_by(
        ProgrammeFigures.branch_code,
        ProgrammeFigures.period_to.desc(),
        ProgrammeFigures.generated_at.desc(),
        ProgrammeFigures.received_at.desc(),
        ProgrammeFigures.id.desc(),
    )
    chosen: dict[str, BranchProgramme] = {}
    for row in db.scalars(query):
        if row.branch_code in chosen:
            continue
        block = _block(row.block)
        if block is not None:
            chosen[row.branch_code] = BranchProgramme(
                row.branch_code, row.submission_id, row.period_to, row.generated_at, block
            )
    return [chosen[code] for code in sorted(chosen)]


def branch_history(db: Session, branch_code: str) -> list[BranchProgramme]:
    """The branch's latest figures of every quarter it sent, newest quarter first."""
    history = []
    for quarter in quarters(db):
        found = latest_blocks(db, quarter, branch_code)
        history.extend(found)
    return history
