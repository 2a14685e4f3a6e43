"""Reading, verifying and exporting the audit log.

Verification is open to IT admins, auditors and managers and shows no entries; reading and export
are for auditors and managers only.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.domain.audit_chain import AuditEntry, ChainReport, verify_chain
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.context import AppContext
from desktop_app.store.audit_repository import AuditFilter, AuditRepository
from desktop_app.store.output_paths import write_output


def verify(ctx: AppContext) -> ChainReport:
    check_permission(ctx, Action.AUDIT_VERIFY)
    _, db = ctx.require_session()
    report = verify_chain(AuditRepository(db).iter_all())
    with db.transaction():
        record(
            ctx,
            "audit.verify",
            target_type="audit_log",
            outcome="success" if report.ok else "failure",
            details={"checked": report.checked, "first_broken_seq": report.first_broken_seq},
        )
    return report


def count(ctx: AppContext, flt: AuditFilter) -> int:
    check_permission(ctx, Action.AUDIT_READ)
    _, db = ctx.require_session()
    return AuditRepository(db).count(flt)


def page(ctx: AppContext, flt: AuditFilter, offset: int, limit: int) -> list[AuditEntry]:
    check_permission(ctx, Action.AUDIT_READ)
    _, db = ctx.require_session()
    return AuditRepository(db).page(flt, offset, limit)


def actions(ctx: AppContext) -> list[str]:
    check_permission(ctx, Action.AUDIT_READ)
    _, db = ctx.require_session()
    return AuditRepository(db).distinct_actions()


def record_view(ctx: AppContext) -> None:
    """Audit that the signed-in user opened the audit log."""
    check_permission(ctx, Action.AUDIT_READ)
    _, db = ctx.require_session()
    with db.transaction():
        record(ctx, "audit.view", target_type="audit_log")


def export_jsonl(ctx: AppContext, out: Path, *, overwrite: bool = False) -> int:
    """Write every entry as JSON Lines (with hashes, so auditors can re-verify). Returns the count.
    ``out`` is checked by store/output_paths.py: never in the data directory, never over a device,
    never over an existing file unless ``overwrite``."""
    check_permission(ctx, Action.AUDIT_EXPORT)
    _, db = ctx.require_session()
    lines = [
        json.dumps(entry.__dict__, ensure_ascii=False, sort_keys=True)
        for entry in AuditRepository(db).iter_all()
    ]
    with db.transaction():
        record(ctx, "audit.export", target_type="audit_log", details={"entries": len(lines)})
        data = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
        write_output(out, data, data_dir=ctx.paths.root, overwrite=overwrite)
    return len(lines)
