"""What a branch may read back about itself: its status at HQ and its audit-anchor history.

Rule: a branch sees only its own rows (the API checks the path's code against the signed request's
branch); nothing here returns payload contents.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.hq.storage.models import Anomaly, AuditAnchor, Branch, Submission


def _stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def status(session: Session, branch: Branch) -> dict[str, Any]:
    code = branch.branch_code
    count = session.scalar(select(func.count()).select_from(Submission).where(Submission.branch_code == code))
    last = session.scalars(
        select(Submission)
        .where(Submission.branch_code == code)
        .order_by(Submission.hq_sequence.desc())
        .limit(1)
    ).first()
    anomalies = session.scalar(select(func.count()).select_from(Anomaly).where(Anomaly.branch_code == code))
    return {
        "branch_code": code,
        "enrolled_at": _stamp(branch.enrolled_at),
        "submissions": count or 0,
        "last_submission": None
        if last is None
        else {
            "submission_id": last.submission_id,
            "period": {"from": last.period_from, "to": last.period_to},
            "received_at": _stamp(last.received_at),
            "hq_sequence": last.hq_sequence,
        },
        "anomalies": anomalies or 0,
    }


def anchors(session: Session, branch_code: str) -> dict[str, Any]:
    rows = session.scalars(
        select(AuditAnchor).where(AuditAnchor.branch_code == branch_code).order_by(AuditAnchor.id)
    ).all()
    return {
        "branch_code": branch_code,
        "anchors": [
            {
                "submission_id": row.submission_id,
                "sequence": row.sequence,
                "hash": row.hash,
                "generated_at": row.generated_at,
                "received_at": _stamp(row.received_at),
                "anomaly": row.anomaly,
            }
            for row in rows
        ],
    }
