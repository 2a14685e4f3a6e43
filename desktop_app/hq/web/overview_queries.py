"""What the overview and branch pages read from HQ's tables (read-only).

- Overdue: a branch is overdue when no submission covers a day within the last ``overdue_days``
  Beijing days (its latest ``period_to``, or its enrolment day when it never sent one, is older).
- Figures for a chosen period take each branch's submissions whose whole period lies inside it
  (stocks such as clients held from its newest one only, see figures.py).
  When a branch sent overlapping periods (a day sent twice, e.g. re-prepared), only the latest
  received counts for the overlapping span, so nothing is counted twice; the skipped ones are listed.
- Masked per-client rows (only when the branch's legal basis allows them) are read only for the
  branch page, from the payload exactly as received; HQ has no other copy of them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.hq.storage.models import Anomaly, AuditAnchor, Branch, Submission
from desktop_app.hq.web.figures import Section, combine_periods, combine_sections


@dataclass(frozen=True)
class BranchRow:
    code: str
    enrolled_at: datetime
    last_received_at: datetime | None
    last_period_to: str | None
    last_anchor_sequence: int | None
    last_anchor_hash: str | None
    last_anchor_at: datetime | None
    overdue: bool
    anomalies: int


@dataclass(frozen=True)
class SubmissionRow:
    submission_id: str
    branch_code: str
    period_from: str
    period_to: str
    received_at: datetime
    payload_sha256: str
    hq_sequence: int
    prepared_by: Any
    approved_by: Any
    approved_at: Any
    has_rows: bool


@dataclass
class PeriodFigures:
    period_from: date
    period_to: date
    included: list[SubmissionRow] = field(default_factory=list)
    skipped: list[SubmissionRow] = field(default_factory=list)
    combined: dict[str, Section] = field(default_factory=dict)
    per_branch: dict[str, dict[str, Section]] = field(default_factory=dict)


@dataclass(frozen=True)
class MaskedRows:
    submission_id: str
    legal_basis: str
    basis_reference: str
    basis_expires: str | None
    rows: list[dict[str, str]]


def beijing_today(now: datetime) -> date:
    return now.astimezone(BRANCH_TIME).date()


def _payload(envelope: str) -> Mapping[str, Any]:
    try:
        parsed = json.loads(envelope)
    except ValueError:
        return {}
    payload = parsed.get("payload") if isinstance(parsed, dict) else None
    return payload if isinstance(payload, dict) else {}


def _submission_row(submission: Submission) -> SubmissionRow:
    payload = _payload(submission.envelope)
    approval = payload.get("approval") if isinstance(payload.get("approval"), dict) else {}
    assert isinstance(approval, dict)
    rows = payload.get("client_rows")
    return SubmissionRow(
        submission_id=submission.submission_id,
        branch_code=submission.branch_code,
        period_from=submission.period_from,
        period_to=submission.period_to,
        received_at=submission.received_at,
        payload_sha256=submission.payload_sha256,
        hq_sequence=submission.hq_sequence,
        prepared_by=payload.get("prepared_by"),
        approved_by=approval.get("approved_by"),
        approved_at=approval.get("approved_at"),
        has_rows=isinstance(rows, dict) and bool(rows.get("rows")),
    )


def branch_rows(db: Session, now: datetime, overdue_days: int) -> list[BranchRow]:
    oldest_fresh = beijing_today(now) - timedelta(days=overdue_days)
    last_period = dict(
        db.execute(
            select(Submission.branch_code, func.max(Submission.period_to)).group_by(Submission.branch_code)
        ).all()
    )
    last_received = dict(
        db.execute(
            select(Submission.branch_code, func.max(Submission.received_at)).group_by(Submission.branch_code)
        ).all()
    )
    anomaly_counts = dict(
        db.execute(select(Anomaly.branch_code, func.count()).group_by(Anomaly.branch_code)).all()
    )
    latest_anchor_id = dict(
        db.execute(
            select(AuditAnchor.branch_code, func.max(AuditAnchor.id)).group_by(AuditAnchor.branch_code)
        ).all()
    )
    anchors = {
        anchor.branch_code: anchor
        for anchor in db.scalars(
            select(AuditAnchor).where(AuditAnchor.id.in_(list(latest_anchor_id.values())))
        )
    }
    rows = []
    for branch in db.scalars(select(Branch).order_by(Branch.branch_code)):
        period_to = last_period.get(branch.branch_code)
        covered = date.fromisoformat(period_to) if period_to else beijing_today(branch.enrolled_at)
        anchor = anchors.get(branch.branch_code)
        received = last_received.get(branch.branch_code)
        rows.append(
            BranchRow(
                code=branch.branch_code,
                enrolled_at=branch.enrolled_at,
                last_received_at=received,
                last_period_to=period_to,
                last_anchor_sequence=anchor.sequence if anchor else None,
                last_anchor_hash=anchor.hash if anchor else None,
                last_anchor_at=anchor.received_at if anchor else None,
                overdue=covered < oldest_fresh,
                anomalies=int(anomaly_counts.get(branch.branch_code, 0)),
            )
        )
    return rows


def anomalies(db: Session, branch_code: str | None = None, limit: int = 200) -> list[Anomaly]:
    query = select(Anomaly).order_by(Anomaly.detected_at.desc()).limit(limit)
    if branch_code is not None:
        query = query.where(Anomaly.branch_code == branch_code)
    return list(db.scalars(query))


def period_figures(
    db: Session, period_from: date, period_to: date, branch_code: str | None = None
) -> PeriodFigures:
    query = (
        select(Submission)
        .where(
            Submission.period_from >= period_from.isoformat(), Submission.period_to <= period_to.isoformat()
        )
        .order_by(Submission.received_at.desc(), Submission.hq_sequence.desc())
    )
    if branch_code is not None:
        query = query.where(Submission.branch_code == branch_code)
    figures = PeriodFigures(period_from, period_to)
    kept_spans: dict[str, list[tuple[str, str]]] = {}
    kept: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for submission in db.scalars(query):
        row = _submission_row(submission)
        spans = kept_spans.setdefault(submission.branch_code, [])
        if any(not (submission.period_to < start or submission.period_from > end) for start, end in spans):
            figures.skipped.append(row)
            continue
        spans.append((submission.period_from, submission.period_to))
        figures.included.append(row)
        aggregates = _payload(submission.envelope).get("aggregates")
        if isinstance(aggregates, dict):
            kept.setdefault(submission.branch_code, []).append((submission.period_to, aggregates))
    for code in sorted(kept):
        newest_first = [
            aggregates for _, aggregates in sorted(kept[code], key=lambda item: item[0], reverse=True)
        ]
        figures.per_branch[code] = combine_periods(newest_first)
    figures.combined = combine_sections(figures.per_branch.values())
    return figures


def branch(db: Session, code: str) -> Branch | None:
    return db.get(Branch, code)


def submissions_of(db: Session, code: str, limit: int = 500) -> list[SubmissionRow]:
    query = (
        select(Submission)
        .where(Submission.branch_code == code)
        .order_by(Submission.received_at.desc(), Submission.hq_sequence.desc())
        .limit(limit)
    )
    return [_submission_row(s) for s in db.scalars(query)]


def anchors_of(db: Session, code: str, limit: int = 500) -> list[AuditAnchor]:
    query = (
        select(AuditAnchor)
        .where(AuditAnchor.branch_code == code)
        .order_by(AuditAnchor.id.desc())
        .limit(limit)
    )
    return list(db.scalars(query))


def latest_masked_rows(db: Session, code: str) -> MaskedRows | None:
    """The masked rows of the branch's latest submission that carries any (as received)."""
    query = (
        select(Submission)
        .where(Submission.branch_code == code)
        .order_by(Submission.received_at.desc(), Submission.hq_sequence.desc())
        .limit(50)
    )
    for submission in db.scalars(query):
        block = _payload(submission.envelope).get("client_rows")
        if isinstance(block, dict) and isinstance(block.get("rows"), list) and block["rows"]:
            rows = [
                {str(k): "" if v is None else str(v) for k, v in row.items()}
                for row in block["rows"]
                if isinstance(row, dict)
            ]
            expires = block.get("basis_expires")
            return MaskedRows(
                submission.submission_id,
                str(block.get("legal_basis", "")),
                str(block.get("basis_reference", "") or ""),
                str(expires) if expires else None,
                rows,
            )
    return None
