"""Reading, verifying and exporting the audit log.

Verification is open to IT admins, auditors and managers and shows no entries; reading and export
are for auditors and managers only. It checks the hash chain, time order, the append-only triggers
(putting back missing ones) and the local witness (services/audit_integrity.py); whatever it finds
is recorded before its own ``audit.verify`` entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from desktop_app.domain.audit_chain import AuditEntry, AuditVerification, TimeOrder, verify_chain
from desktop_app.domain.audit_filter import AuditFilter
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_integrity import (
    FINDING_ACTIONS,
    check_witness_now,
    triggers_restored_this_session,
)
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.database import CorruptDatabase
from desktop_app.store.output_paths import write_output


def verify(ctx: SignedIn) -> AuditVerification:
    check_permission(ctx, Action.AUDIT_VERIFY)
    db = ctx.db
    if db.execute("PRAGMA main.cipher_integrity_check").fetchall():
        # a page whose HMAC fails: the chain below may read around it (a page no query touches
        # stays unnoticed otherwise), so the whole file is checked first (a few ms per MB)
        raise CorruptDatabase()
    order = TimeOrder()
    findings: list[tuple[int, str]] = []  # tampering found and recorded earlier, listed for the reader

    def walk() -> Iterator[AuditEntry]:
        for entry in order.watch(AuditRepository(db).iter_all()):
            if entry.action in FINDING_ACTIONS:
                findings.append((entry.seq, entry.action))
            yield entry

    chain = verify_chain(walk())
    restored = triggers_restored_this_session(ctx)
    witness = check_witness_now(ctx)
    result = AuditVerification(chain, tuple(order.regressions), witness, tuple(restored), tuple(findings))
    with db.transaction():
        record(
            ctx,
            "audit.verify",
            target_type="audit_log",
            outcome="success" if result.ok else "failure",
            details={
                "checked": chain.checked,
                "first_broken_seq": chain.first_broken_seq,
                "time_regressions": [r.seq for r in result.time_regressions[:20]],
                "witness": witness.state.value,
                "restored_triggers": list(restored),
            },
        )
    return result


def count(ctx: SignedIn, flt: AuditFilter) -> int:
    check_permission(ctx, Action.AUDIT_READ)
    db = ctx.db
    return AuditRepository(db).count(flt)


def page(ctx: SignedIn, flt: AuditFilter, offset: int, limit: int) -> list[AuditEntry]:
    check_permission(ctx, Action.AUDIT_READ)
    db = ctx.db
    return AuditRepository(db).page(flt, offset, limit)


def actions(ctx: SignedIn) -> list[str]:
    check_permission(ctx, Action.AUDIT_READ)
    db = ctx.db
    return AuditRepository(db).distinct_actions()


def record_view(ctx: SignedIn) -> None:
    """Audit that the signed-in user opened the audit log."""
    check_permission(ctx, Action.AUDIT_READ)
    db = ctx.db
    with db.transaction():
        record(ctx, "audit.view", target_type="audit_log")


def export_jsonl(ctx: SignedIn, out: Path, *, overwrite: bool = False) -> int:
    """Write every entry as JSON Lines (with hashes, so auditors can re-verify). Returns the count.
    ``out`` is checked by store/output_paths.py: never in the data directory, never over a device,
    never over an existing file unless ``overwrite``."""
    check_permission(ctx, Action.AUDIT_EXPORT)
    db = ctx.db
    lines = [
        json.dumps(entry.__dict__, ensure_ascii=False, sort_keys=True)
        for entry in AuditRepository(db).iter_all()
    ]
    with db.transaction():
        record(ctx, "audit.export", target_type="audit_log", details={"entries": len(lines)})
        data = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
        write_output(out, data, data_dir=ctx.paths.root, overwrite=overwrite)
    return len(lines)
