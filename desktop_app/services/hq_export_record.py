"""What left this branch: every summary that was (or may have been) sent, with the hash of the exact
body and HQ's signed receipt, listed, or saved for an auditor as JSON or PDF.

Rule: the JSON record holds the exact body as text (its UTF-8 bytes hash to ``envelope_sha256``),
the payload as it left, both hashes and the receipt; the PDF prints the same. Files go only where
the user chose and never into the data directory (services/output_files.py). Saving is audited.
Reason: PIPL Art. 23 and 55 — the branch can show what it provided to headquarters, and when.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop_app.documents.export_record import ExportRecordSheet, export_record_pdf
from desktop_app.domain.hq_summary import canonical_json, sha256_hex
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.hq_export_values import (
    TARGET_TYPE,
    ExportSummary,
    Usernames,
    detail_of,
    stored,
    summary_of,
)
from desktop_app.services.output_files import write_output
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.hq_export_repository import HqExportRepository

RECORD_SCHEMA = "branchvault.export-record/1"


def left_branch(ctx: SignedIn) -> list[ExportSummary]:
    """Every export that was sent or may have been (a failed send may have been stored by HQ),
    newest first."""
    check_permission(ctx, Action.EXPORT_REQUEST)
    names = Usernames(ctx)
    summaries = [summary_of(row, names) for row in HqExportRepository(ctx.db).newest_first()]
    return [s for s in summaries if s.may_have_left]


def export_record(ctx: SignedIn, export_id: str) -> dict[str, Any]:
    """The JSON record of one export (see the module's rule)."""
    check_permission(ctx, Action.EXPORT_REQUEST)
    row = stored(ctx, export_id)
    detail = detail_of(row, Usernames(ctx))
    return {
        "record": RECORD_SCHEMA,
        "generated_at": ctx.now_utc(),
        "export": detail.summary.as_json(),
        "left_branch": detail.summary.may_have_left,
        "content_sha256": row.content_sha256,
        "payload_sha256": sha256_hex(canonical_json(detail.payload)),
        "envelope_sha256": row.envelope_sha256,
        "body": row.envelope.decode("utf-8") if row.envelope is not None else None,
        "payload": detail.payload,
        "signature": detail.signature,
        "receipt": detail.receipt,
    }


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        out: list[tuple[str, str]] = []
        for key in sorted(value):
            out += _flatten(value[key], f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(value, list):
        out = []
        for index, item in enumerate(value):
            out += _flatten(item, f"{prefix}[{index}]")
        return out
    text = "null" if value is None else (str(value).lower() if isinstance(value, bool) else str(value))
    return [(prefix, text)]


def _sheet(data: dict[str, Any]) -> ExportRecordSheet:
    from desktop_app.domain.export_states import ExportState

    export, payload = data["export"], data["payload"]
    facts = [
        ("准备人 Prepared by", f"{export['prepared_by_username']} (#{export['prepared_by']})"),
        ("准备时间 Prepared at", str(export["prepared_at"])),
        ("内容哈希 Content SHA-256", str(data["content_sha256"])),
    ]
    if export["approved_by"] is not None:
        facts += [
            ("审批人 Approved by", f"{export['approved_by_username']} (#{export['approved_by']})"),
            ("审批时间 Approved at", str(export["approved_at"])),
        ]
    if export["rejected_by"] is not None:
        facts += [
            ("驳回人 Rejected by", f"{export['rejected_by_username']} (#{export['rejected_by']})"),
            ("驳回原因 Reason", str(export["rejection_reason"])),
        ]
    if data["envelope_sha256"]:
        facts.append(("报文哈希 Body SHA-256", str(data["envelope_sha256"])))
    for label, key in (("发送时间 Sent at", "sent_at"), ("发送次数 Attempts", "attempts")):
        if export[key]:
            facts.append((label, str(export[key])))
    receipt_env = data["receipt"] or {}
    receipt = receipt_env.get("receipt") or {}
    receipt_pairs = [(str(key), str(receipt[key])) for key in sorted(receipt)]
    if receipt_pairs:
        receipt_pairs.append(("signature", str(receipt_env.get("signature", ""))))
    rows_block = payload.get("client_rows")
    rows = None
    basis: list[tuple[str, str]] = []
    if isinstance(rows_block, dict):
        rows = [
            {k: "" if v is None else str(v) for k, v in row.items()} for row in rows_block.get("rows", [])
        ]
        basis = [(str(k), str(v)) for k, v in sorted(rows_block.items()) if k != "rows"]
    header = {k: v for k, v in payload.items() if k not in {"aggregates", "client_rows"}}
    period = export["period"]
    return ExportRecordSheet(
        export_id=str(export["id"]),
        period=f"{period['from']} – {period['to']}",
        state=ExportState(export["state"]).labels,
        facts=facts,
        receipt=receipt_pairs,
        figures=_flatten(header) + _flatten(payload.get("aggregates", {}), "aggregates"),
        rows=rows,
        rows_basis=basis,
    )


def save_record(
    ctx: SignedIn, export_id: str, path: Path, *, pdf: bool = False, overwrite: bool = False
) -> Path:
    """Write the record of one export to ``path`` (JSON, or PDF with ``pdf``); audited."""
    data = export_record(ctx, export_id)
    if pdf:
        content = export_record_pdf(ctx.config.letterhead(), _sheet(data), generated_at=data["generated_at"])
    else:
        content = (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    written = write_output(path, content, data_dir=ctx.paths.root, overwrite=overwrite)
    with ctx.db.transaction():
        record(
            ctx,
            "export.record_saved",
            target_type=TARGET_TYPE,
            target_id=str(data["export"]["id"]),
            details={"format": "pdf" if pdf else "json", "envelope_sha256": data["envelope_sha256"]},
        )
    return written
