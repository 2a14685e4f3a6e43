"""Which backup history rows the hash-chained audit log vouches for.

Rule: a row of ``backup_runs`` counts as evidence for the compliance self-review (a verified backup,
a passed drill) only if the audit log holds the matching successful ``backup.create`` /
``backup.verify`` / ``backup.drill`` entry naming its ``run_id``. Reason: ``backup_runs`` is
append-only against UPDATE and DELETE, but anyone holding the database key (IT) can INSERT a row
with plain SQL; the audit log is hash-chained and witnessed outside the database
(services/audit_integrity.py), so a row it does not vouch for is not evidence (GB/T 22239-2019
8.1.4.9; the review is only worth what its evidence is worth).
"""

from __future__ import annotations

import json

from desktop_app.store.database import Database

BACKUP_EVIDENCE_ACTIONS = ("backup.create", "backup.verify", "backup.drill")


def audited_backup_runs(db: Database) -> set[int]:
    """The ``backup_runs`` ids named by a successful backup entry in the audit log."""
    rows = db.execute(
        "SELECT details FROM audit_log WHERE action IN (?, ?, ?) AND outcome = 'success'",
        BACKUP_EVIDENCE_ACTIONS,
    ).fetchall()
    found: set[int] = set()
    for (text,) in rows:
        try:
            run_id = json.loads(str(text)).get("run_id")
        except (ValueError, AttributeError):
            continue
        if isinstance(run_id, int):
            found.add(run_id)
    return found
