"""Counts the compliance review's app-evaluated items need: from clients.db (no personal data read out) and branch.db.

The clients.db counts run only in a session holding the client-data key (``client_data`` attached);
services/compliance_evaluators.py calls them only then.
"""

from __future__ import annotations

from desktop_app.store.database import Database


def sensitive_without_consent(db: Database) -> int:
    """Clients holding an ID number or an income band without the sensitive-data consent recorded
    (PIPL Art. 29: separate consent before sensitive personal information is processed)."""
    row = db.execute(
        "SELECT COUNT(*) FROM client_data.clients "
        "WHERE (id_number IS NOT NULL OR income_band IS NOT NULL) AND sensitive_consent = 0"
    ).fetchone()
    return int(row[0])


def last_successful_audit_verification(db: Database) -> str | None:
    """The time (UTC ISO) of the newest successful ``audit.verify`` entry in the audit log (branch.db)."""
    row = db.execute(
        "SELECT MAX(ts) FROM audit_log WHERE action = 'audit.verify' AND outcome = 'success'"
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def finish_fingerprint(db: Database, review_id: int) -> str | None:
    """The content fingerprint the ``review.finish`` audit entry of ``review_id`` recorded (None: no entry)."""
    import json

    row = db.execute(
        "SELECT details FROM audit_log WHERE action = 'review.finish' AND outcome = 'success' "
        "AND target_type = 'compliance_review' AND target_id = ? ORDER BY seq DESC LIMIT 1",
        (str(review_id),),
    ).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(str(row[0])).get("content_sha256")
    except (ValueError, AttributeError):
        return None
    return None if value is None else str(value)
