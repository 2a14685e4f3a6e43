"""A restored backup never brings a destroyed client back: the destructions made after the backup
are carried out again by the next session that holds the client-data key.

Rule: ``restore`` (services/backup_restore.py) finds the destruction records of the data it replaced
(or of the live branch, for a restore into a new folder) that the backup does not have, and lists
them in the restored branch's ``backup.restored`` audit entry (the client's row id and the record's
pseudonym; never a name), also kept in ``backup_pending_destructions`` for the record: the audit
entry is what counts, since IT can edit that table but not the hash-chained log unnoticed. IT restores but cannot open ``clients.db``, so the deletion
itself waits for the first manager or agent whose sign-in attaches it: ``apply_pending_destructions``
runs inside ``client_access.open_at_sign_in``, before that session can list or search anything, and
deletes each client whose id *and* pseudonym (HMAC of id and phone under the branch's pseudonym
key) match — a client created after the backup with a reused id is never touched. Each is audited
``backup.destruction_reapplied`` (the record id and pseudonym only). Reason: PIPL Art. 47 — once
destroyed, the data must not return; a restore is not a new lawful basis.
"""

from __future__ import annotations

import json

from desktop_app.services.audit_trail import ensure_pseudonym_key, pseudonym, record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.backup_repository import BackupRepository, PendingDestruction
from desktop_app.store.client_request_repository import ClientRequestRepository
from desktop_app.store.destruction_repository import DestructionRepository

ACTION = "backup.destruction_reapplied"


def _matching_client(me: SignedIn, pending: PendingDestruction) -> int | None:
    db = me.db
    if pending.client_id:
        rows = db.execute(
            "SELECT id, phone_e164 FROM client_data.clients WHERE id = ?", (pending.client_id,)
        ).fetchall()
    else:  # the live audit log did not name the row: look at every client (one HMAC each)
        rows = db.execute("SELECT id, phone_e164 FROM client_data.clients").fetchall()
    for client_id, phone in rows:
        if pseudonym(me, f"{client_id}:{phone}") == pending.client_pseudonym:
            return int(client_id)
    return None


def pending_from_audit_log(me: SignedIn) -> list[PendingDestruction]:
    """The destructions every ``backup.restored`` entry of the (append-only, hash-chained) log
    lists, less those a ``backup.destruction_reapplied`` entry already carried out. The log, not
    the ``backup_pending_destructions`` table, is what counts: IT can write branch.db and could
    empty the table; removing audit entries breaks the chain, which ``audit verify`` and the
    integrity check report. Two indexed lookups (``audit_log_action``)."""
    db = me.db
    rows = db.execute(
        "SELECT details FROM audit_log WHERE action = 'backup.restored' ORDER BY seq"
    ).fetchall()
    if not rows:
        return []
    done = {
        (int(run), int(record))
        for run, record in db.execute(
            "SELECT json_extract(details, '$.restore_run'), json_extract(details, '$.record_id') "
            "FROM audit_log WHERE action = ?",
            (ACTION,),
        ).fetchall()
        if run is not None and record is not None
    }
    pending: list[PendingDestruction] = []
    for (details,) in rows:
        try:
            data = json.loads(details or "{}")
            run_id = int(data.get("run_id") or 0)
            items = data.get("pending_destructions") or []
        except (ValueError, TypeError, AttributeError):
            continue
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            try:
                record_id, client_id = int(item["record_id"]), int(item.get("client_id") or 0)
            except (KeyError, TypeError, ValueError):
                continue
            if (run_id, record_id) in done:
                continue
            pending.append(
                PendingDestruction(
                    record_id,
                    client_id,
                    str(item.get("client", "")),
                    str(item.get("destroyed_at", "")),
                    run_id,
                )
            )
    return pending


def apply_pending_destructions(me: SignedIn) -> int:
    """Carry out the destructions a restore left pending (a holder's session, clients.db attached);
    return how many clients were deleted. Nothing restored: one indexed query."""
    session, db = me.session, me.db
    if not session.holds_client_key or not db.has_client_data:
        return 0
    pending = pending_from_audit_log(me)
    if not pending:
        return 0
    repo = BackupRepository(db)
    ensure_pseudonym_key(me)
    deleted = 0
    for item in pending:
        client_id = _matching_client(me, item)
        with db.transaction():
            if client_id is not None:
                ClientRequestRepository(db).blank_free_text_for_client(client_id)
                DestructionRepository(db).destroy_client(client_id)
                deleted += 1
            repo.mark_applied(item.record_id, at=me.now_utc(), by_staff=session.staff_id)
            record(
                me,
                ACTION,
                target_type="client",
                target_id=item.client_pseudonym,
                details={
                    "record_id": item.record_id,
                    "destroyed_at": item.destroyed_at,
                    "restore_run": item.restore_run,
                    "found": client_id is not None,
                },
            )
    db.checkpoint()
    return deleted
