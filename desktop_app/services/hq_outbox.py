"""The outbox of approved summaries: signing an approved payload into the exact body that leaves,
what is due for sending, and recording each attempt and HQ's receipt (used by services/hq_sync.py).

Rule: nothing leaves without a valid approval and signature. Before a body is handed to the sender
it is checked again, every time: the body's hash is the stored one; its payload is the approved
payload, which is the frozen payload (same content hash) plus an approval block naming a manager
other than the preparer; the hash-chained audit log holds that manager's ``export.approve`` entry
for this export and these hashes; and the branch key's signature verifies. A row that fails is not
sent; the refusal is audited once and kept as the row's last error. An export is acknowledged only
when HQ's receipt verifies with HQ's receipt key and names this submission, this branch and the
hash of the payload sent (SHA-256 of the approved payload's canonical JSON).

Reason: a person with the client-data key and the app's own modules can rewrite the table (flip a
prepared export to ``queued``, paste a body or a new approved payload); none of that gives them the
approving manager's audited approval of exactly that content, short of writing a forged entry in
the manager's name into the hash-chained log, where it stays for the auditor. HQ's signed receipt is
the only proof of delivery (issue 13; PIPL Art. 23 and 51).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from desktop_app.domain.export_states import OUTBOX_STATES, ExportState
from desktop_app.domain.hq_summary import (
    ReceiptInvalid,
    canonical_json,
    public_key_b64,
    sha256_hex,
    verify_payload,
    verify_receipt,
)
from desktop_app.domain.permissions import Action
from desktop_app.domain.roles import Role
from desktop_app.services import hq_link
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.hq_export_values import (
    TARGET_TYPE,
    ExportSummary,
    ExportWrongState,
    Outgoing,
    ReceiptRejected,
    Usernames,
    iso_utc,
    parse_utc,
    stored,
    summary_of,
)
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.hq_export_repository import HqExportRepository, StoredExport

ERROR_MAX = 500
REFUSED_PREFIX = "refused: "


def seal(ctx: SignedIn, approved_payload: dict[str, Any]) -> tuple[bytes, str]:
    """The exact body (canonical ``{"payload", "signature"}``) signed by the branch key, and its
    sha256. Raises hq_link.NotEnrolled before enrolment."""
    signature = hq_link.sign(ctx, approved_payload)
    body = canonical_json({"payload": approved_payload, "signature": signature})
    return body, sha256_hex(body)


def approval_problem(ctx: SignedIn, row: StoredExport) -> str | None:
    """Why the row's approval does not hold (None: it holds). Checked before signing and sending."""
    if row.approved_payload is None or row.approved_by is None:
        return "no approval"
    if row.approved_by == row.prepared_by:
        return "approved by the preparer"
    if sha256_hex(row.frozen_payload.encode("utf-8")) != row.content_sha256:
        return "frozen payload changed"
    try:
        approved = json.loads(row.approved_payload)
        approval = approved["approval"]
        unapproved = {**approved, "approval": None}
    except (ValueError, KeyError, TypeError):
        return "approved payload unreadable"
    if canonical_json(unapproved).decode("utf-8") != row.frozen_payload:
        return "approved payload differs from the prepared one"
    if canonical_json(approved).decode("utf-8") != row.approved_payload:
        return "approved payload not canonical"
    expected = {
        "approved_by": row.approved_by,
        "approved_at": row.approved_at,
        "content_sha256": row.content_sha256,
    }
    if approval != expected:
        return "approval block does not match"
    if approved.get("submission_id") != row.id or approved.get("prepared_by") != row.prepared_by:
        return "payload names another submission or preparer"
    payload_sha = sha256_hex(row.approved_payload.encode("utf-8"))
    for actor_id, role, details in HqExportRepository(ctx.db).approval_entries(row.id):
        try:
            audited = json.loads(details)
        except ValueError:
            continue
        if (
            actor_id == row.approved_by
            and role == Role.MANAGER.value
            and audited.get("content_sha256") == row.content_sha256
            and audited.get("approved_payload_sha256") == payload_sha
        ):
            return None
    return "no audited approval by a manager"


def envelope_problem(ctx: SignedIn, row: StoredExport) -> str | None:
    """Why the row's body must not leave (None: it may)."""
    problem = approval_problem(ctx, row)
    if problem is not None:
        return problem
    if row.envelope is None or row.envelope_sha256 is None:
        return "not signed"
    if sha256_hex(row.envelope) != row.envelope_sha256:
        return "body hash differs"
    try:
        envelope = json.loads(row.envelope.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return "body unreadable"
    if not isinstance(envelope, dict) or set(envelope) != {"payload", "signature"}:
        return "body is not an envelope"
    if canonical_json(envelope) != row.envelope:
        return "body not canonical"
    if canonical_json(envelope["payload"]).decode("utf-8") != row.approved_payload:
        return "body differs from the approved payload"
    signature = envelope["signature"]
    branch_public = public_key_b64(hq_link.branch_private_key(ctx))
    if not isinstance(signature, str) or not verify_payload(branch_public, envelope["payload"], signature):
        return "signature does not verify with the branch key"
    return None


def queue_approved(ctx: SignedIn) -> int:
    """Sign every approved export whose approval holds and queue it (an approval given before the
    branch was enrolled); returns how many were queued. Nothing happens before enrolment."""
    repo = HqExportRepository(ctx.db)
    waiting = repo.in_states((ExportState.APPROVED.value,))
    if not waiting or hq_link.link(ctx) is None:
        return 0
    queued = 0
    for row in waiting:
        problem = approval_problem(ctx, row)
        if problem is not None:
            _refuse(ctx, row, problem)
            continue
        body, body_sha = seal(ctx, json.loads(row.approved_payload or "{}"))
        with ctx.db.transaction():
            repo.queue(row.id, envelope=body, envelope_sha256=body_sha)
            record(
                ctx,
                "export.queue",
                target_type=TARGET_TYPE,
                target_id=row.id,
                details={"envelope_sha256": body_sha},
            )
        queued += 1
    return queued


def _refuse(ctx: SignedIn, row: StoredExport, problem: str) -> None:
    """Audit a refusal to sign or send once (kept as the row's last error until it changes)."""
    message = REFUSED_PREFIX + problem
    if row.last_error == message:
        return
    with ctx.db.transaction():
        HqExportRepository(ctx.db).note_refusal(row.id, error=message)
        record(
            ctx,
            "export.refused",
            target_type=TARGET_TYPE,
            target_id=row.id,
            outcome="denied",
            details={"problem": problem, "state": row.state},
        )


def due_for_sending(ctx: SignedIn, now_utc: datetime) -> list[Outgoing]:
    """Queued exports, failing ones whose retry time has come, and sent ones without a receipt,
    oldest first — each only when its approval and signature check out (see the module's rule)."""
    check_permission(ctx, Action.EXPORT_REQUEST)
    queue_approved(ctx)
    due: list[Outgoing] = []
    states = tuple(state.value for state in sorted(OUTBOX_STATES))
    for row in HqExportRepository(ctx.db).in_states(states):
        state = ExportState(row.state)
        if (
            state is ExportState.FAILING
            and row.next_retry_at
            and parse_utc(row.next_retry_at) > _aware(now_utc)
        ):
            continue
        problem = envelope_problem(ctx, row)
        if problem is not None:
            _refuse(ctx, row, problem)
            continue
        assert row.envelope is not None and row.envelope_sha256 is not None
        due.append(Outgoing(row.id, row.envelope, row.envelope_sha256, row.attempts, state))
    return due


def _aware(moment: datetime) -> datetime:
    return parse_utc(iso_utc(moment))


def _outbox_row(ctx: SignedIn, export_id: str, doing: tuple[str, str]) -> StoredExport:
    check_permission(ctx, Action.EXPORT_REQUEST)
    row = stored(ctx, export_id)
    if ExportState(row.state) not in OUTBOX_STATES:
        raise ExportWrongState(row.id, ExportState(row.state), *doing)
    return row


def record_sent(ctx: SignedIn, export_id: str) -> ExportSummary:
    """HQ answered the request (a receipt follows through ``record_receipt``): attempts + 1."""
    row = _outbox_row(ctx, export_id, ("记为已发送", "marked as sent"))
    repo = HqExportRepository(ctx.db)
    with ctx.db.transaction():
        repo.mark_sent(row.id, sent_at=ctx.now_utc())
        record(
            ctx,
            "export.send",
            target_type=TARGET_TYPE,
            target_id=row.id,
            details={"attempt": row.attempts + 1, "envelope_sha256": row.envelope_sha256},
        )
    return summary_of(stored(ctx, row.id), Usernames(ctx))


def record_failure(ctx: SignedIn, export_id: str, error: str, next_retry_at: datetime) -> ExportSummary:
    """A send failed (HQ down, timeout, 5xx, refused): attempts + 1, the error and the next try."""
    row = _outbox_row(ctx, export_id, ("记为发送失败", "marked as failing"))
    text = " ".join(str(error).split())[:ERROR_MAX] or "unknown error"
    retry = iso_utc(next_retry_at)
    with ctx.db.transaction():
        HqExportRepository(ctx.db).mark_failing(row.id, error=text, next_retry_at=retry)
        record(
            ctx,
            "export.send_failed",
            target_type=TARGET_TYPE,
            target_id=row.id,
            outcome="failure",
            details={"attempt": row.attempts + 1, "error": text[:200], "next_retry_at": retry},
        )
    return summary_of(stored(ctx, row.id), Usernames(ctx))


def _receipt_problem(row: StoredExport, receipt: dict[str, Any]) -> str | None:
    payload = json.loads(row.approved_payload or "{}")
    if receipt.get("submission_id") != row.id:
        return "another submission id"
    if receipt.get("branch_code") != payload.get("branch_code"):
        return "another branch"
    if receipt.get("payload_sha256") != sha256_hex(canonical_json(payload)):
        return "another payload hash"
    return None


def record_receipt(ctx: SignedIn, export_id: str, envelope: dict[str, Any]) -> ExportSummary:
    """Store HQ's signed receipt and mark the export acknowledged, after checking the signature with
    HQ's receipt key and that it names this submission, branch and payload hash. A second, identical
    receipt for an acknowledged export changes nothing."""
    check_permission(ctx, Action.EXPORT_REQUEST)
    row = stored(ctx, export_id)
    state = ExportState(row.state)
    link = hq_link.link(ctx)
    if link is None:
        raise hq_link.NotEnrolled()
    try:
        receipt = verify_receipt(link.hq_public_key_b64, envelope)
        problem = _receipt_problem(row, receipt)
    except ReceiptInvalid as exc:
        problem = str(exc)
    if problem is None and state is ExportState.ACKNOWLEDGED:
        if row.receipt is not None and json.loads(row.receipt) == envelope:
            return summary_of(row, Usernames(ctx))
        problem = "already acknowledged with another receipt"
    if problem is None and state not in OUTBOX_STATES:
        raise ExportWrongState(row.id, state, "记为已确认", "acknowledged")
    if problem is not None:
        with ctx.db.transaction():
            record(
                ctx,
                "export.acknowledge",
                target_type=TARGET_TYPE,
                target_id=row.id,
                outcome="failure",
                details={"problem": problem},
            )
        raise ReceiptRejected(row.id, problem)
    text = canonical_json(envelope).decode("utf-8")
    with ctx.db.transaction():
        HqExportRepository(ctx.db).acknowledge(row.id, receipt=text, acknowledged_at=ctx.now_utc())
        record(
            ctx,
            "export.acknowledge",
            target_type=TARGET_TYPE,
            target_id=row.id,
            details={
                "payload_sha256": receipt.get("payload_sha256"),
                "hq_sequence": receipt.get("hq_sequence"),
                "received_at": receipt.get("received_at"),
            },
        )
    return summary_of(stored(ctx, row.id), Usernames(ctx))
