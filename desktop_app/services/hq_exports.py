"""Summaries for headquarters with four eyes: prepare (frozen, hash shown), review, approve with the
password re-entered or reject with a reason, the daily scheduled preparation, and — re-exported here
for one import — the outbox (services/hq_outbox.py) and "what left this branch"
(services/hq_export_record.py).

Rule: an agent or manager prepares a summary for a period (services/hq_summary_builder.py builds
it); the payload is frozen with its SHA-256 over the canonical JSON with ``approval: null``. Only a
manager who did not prepare it may approve, after entering their password again (counted like any
re-authentication: services/sign_in.verify_password); the approval block (approver's staff id, time,
content hash) is added and the result signed with the branch key into the exact body that leaves.
A rejected summary is never signed or sent. A scheduled preparation runs once per Beijing day at the
time a manager set; approval is always a person's. Every state change is audited in the same
transaction as the change.

Reason: issue 13; PIPL Art. 23 (provision to another handler), Art. 51 (access control, operating
procedures); GB/T 35273-2020 §9.2. The tables live in clients.db: IT and auditors never read them.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time, timedelta

from desktop_app.domain.branch_time import BRANCH_TIME, branch_day
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.export_states import ExportState
from desktop_app.domain.hq_summary import canonical_json, sha256_hex
from desktop_app.domain.permissions import Action, can
from desktop_app.services import hq_link
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.hq_export_record import export_record, left_branch, save_record
from desktop_app.services.hq_export_values import (
    TARGET_TYPE,
    ExportDetail,
    ExportNotFound,
    ExportSchedule,
    ExportSummary,
    ExportTampered,
    ExportWrongState,
    Outgoing,
    ReceiptRejected,
    SelfApprovalRefused,
    Usernames,
    detail_of,
    stored,
    summary_of,
)
from desktop_app.services.hq_outbox import (
    approval_problem,
    due_for_sending,
    queue_approved,
    record_failure,
    record_receipt,
    record_sent,
    seal,
)
from desktop_app.services.sign_in import verify_password
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.hq_export_repository import ExportStateChanged, HqExportRepository

__all__ = [
    "ExportDetail",
    "ExportNotFound",
    "ExportSchedule",
    "ExportState",
    "ExportStateChanged",
    "ExportSummary",
    "ExportTampered",
    "ExportWrongState",
    "Outgoing",
    "ReceiptRejected",
    "SelfApprovalRefused",
    "approve",
    "awaiting_approval_count",
    "due_for_sending",
    "export_record",
    "left_branch",
    "list_exports",
    "prepare",
    "prepare_scheduled",
    "queue_approved",
    "record_failure",
    "record_receipt",
    "record_sent",
    "reject",
    "save_record",
    "schedule",
    "set_schedule",
    "show",
]

REASON_MAX = 500
MAX_PERIOD_DAYS = 366


def _check_period(ctx: SignedIn, period_from: date, period_to: date) -> None:
    if period_from > period_to:
        raise InvalidInput("开始日期晚于结束日期。", "The period starts after it ends.")
    if period_to > ctx.today():
        raise InvalidInput("结束日期不能晚于今天。", "The period cannot end after today.")
    if (period_to - period_from).days + 1 > MAX_PERIOD_DAYS:
        raise InvalidInput(
            f"一次汇总最多 {MAX_PERIOD_DAYS} 天。", f"A summary covers at most {MAX_PERIOD_DAYS} days."
        )


def _prepare(
    ctx: SignedIn, period_from: date, period_to: date, *, scheduled_day: date | None = None
) -> ExportSummary | None:
    """Build, freeze and store one summary; with ``scheduled_day`` only if that day was not yet
    claimed by another scheduled preparation (None then)."""
    from desktop_app.services.hq_summary_builder import build_summary  # local: the builder is heavy

    export_id = str(uuid.uuid4())
    payload = build_summary(ctx, period_from, period_to, submission_id=export_id)
    if payload.get("approval") is not None or payload.get("submission_id") != export_id:
        raise ExportTampered(export_id, "builder returned an approved or foreign payload")
    frozen = canonical_json(payload)
    content = sha256_hex(frozen)
    repo = HqExportRepository(ctx.db)
    with ctx.db.transaction():
        if scheduled_day is not None and not repo.claim_scheduled_day(scheduled_day.isoformat()):
            return None
        repo.add(
            export_id=export_id,
            period_from=period_from.isoformat(),
            period_to=period_to.isoformat(),
            scheduled=scheduled_day is not None,
            prepared_by=ctx.session.staff_id,
            prepared_at=ctx.now_utc(),
            frozen_payload=frozen.decode("utf-8"),
            content_sha256=content,
        )
        record(
            ctx,
            "export.prepare",
            target_type=TARGET_TYPE,
            target_id=export_id,
            details={
                "period_from": period_from.isoformat(),
                "period_to": period_to.isoformat(),
                "content_sha256": content,
                "scheduled": scheduled_day is not None,
                "client_rows": payload.get("client_rows") is not None,
            },
        )
    return summary_of(stored(ctx, export_id), Usernames(ctx))


def prepare(ctx: SignedIn, period_from: date, period_to: date) -> ExportSummary:
    """Prepare and freeze a summary for the period (Beijing dates, inclusive); awaits approval."""
    check_permission(ctx, Action.EXPORT_REQUEST)
    _check_period(ctx, period_from, period_to)
    prepared = _prepare(ctx, period_from, period_to)
    assert prepared is not None
    return prepared


def list_exports(ctx: SignedIn) -> list[ExportSummary]:
    """Every export of the branch, newest first."""
    check_permission(ctx, Action.EXPORT_REQUEST)
    names = Usernames(ctx)
    return [summary_of(row, names) for row in HqExportRepository(ctx.db).newest_first()]


def show(ctx: SignedIn, export_id: str) -> ExportDetail:
    """One export with its payload exactly as it will leave (or left) the branch."""
    check_permission(ctx, Action.EXPORT_REQUEST)
    return detail_of(stored(ctx, export_id), Usernames(ctx))


def _payload_time(now: float) -> str:
    return datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def approve(ctx: SignedIn, export_id: str, password: str) -> ExportSummary:
    """A manager other than the preparer approves, re-entering their password: the approval block
    is added, the payload signed with the branch key and queued (before enrolment it stays
    ``approved`` and is signed once the branch is enrolled: ``queue_approved``)."""
    check_permission(ctx, Action.EXPORT_APPROVE)
    session, db = ctx.session, ctx.db
    row = stored(ctx, export_id)
    if row.state != ExportState.PREPARED.value:
        raise ExportWrongState(row.id, ExportState(row.state), "审批", "approved")
    if row.prepared_by == session.staff_id:
        with db.transaction():
            record(
                ctx,
                "export.approve",
                target_type=TARGET_TYPE,
                target_id=row.id,
                outcome="denied",
                details={"reason": "four_eyes", "content_sha256": row.content_sha256},
            )
        raise SelfApprovalRefused()
    verify_password(ctx, password)  # audited and counted; raises WrongCredentials / AccountLocked
    if sha256_hex(row.frozen_payload.encode("utf-8")) != row.content_sha256:
        raise ExportTampered(row.id, "frozen payload changed")
    approved_at = _payload_time(ctx.clock())
    payload = json.loads(row.frozen_payload)
    payload["approval"] = {
        "approved_by": session.staff_id,
        "approved_at": approved_at,
        "content_sha256": row.content_sha256,
    }
    approved_text = canonical_json(payload).decode("utf-8")
    approved_sha = sha256_hex(approved_text.encode("utf-8"))
    sealed = seal(ctx, payload) if hq_link.link(ctx) is not None else None
    repo = HqExportRepository(db)
    with db.transaction():
        repo.approve(
            row.id, approved_by=session.staff_id, approved_at=approved_at, approved_payload=approved_text
        )
        record(
            ctx,
            "export.approve",
            target_type=TARGET_TYPE,
            target_id=row.id,
            details={
                "content_sha256": row.content_sha256,
                "approved_payload_sha256": approved_sha,
                "prepared_by": row.prepared_by,
            },
        )
        if sealed is not None:
            body, body_sha = sealed
            repo.queue(row.id, envelope=body, envelope_sha256=body_sha)
            record(
                ctx,
                "export.queue",
                target_type=TARGET_TYPE,
                target_id=row.id,
                details={"envelope_sha256": body_sha},
            )
    after = stored(ctx, row.id)
    problem = approval_problem(ctx, after)
    if problem is not None:  # cannot happen unless the tables were altered meanwhile
        raise ExportTampered(row.id, problem)
    return summary_of(after, Usernames(ctx))


def reject(ctx: SignedIn, export_id: str, reason: str) -> ExportSummary:
    """A manager rejects a prepared summary with a reason; it is never signed or sent. The reason
    stays in clients.db (it may name people); the audit entry holds only the content hash."""
    check_permission(ctx, Action.EXPORT_APPROVE)
    text = reason.strip()
    if not text or len(text) > REASON_MAX or any(ord(c) < 32 and c not in "\n\t" for c in text):
        raise InvalidInput(
            f"请填写驳回原因（1–{REASON_MAX} 个字符，不含控制字符）。",
            f"Give a reason for the rejection (1–{REASON_MAX} characters, no control characters).",
        )
    row = stored(ctx, export_id)
    if row.state != ExportState.PREPARED.value:
        raise ExportWrongState(row.id, ExportState(row.state), "驳回", "rejected")
    with ctx.db.transaction():
        HqExportRepository(ctx.db).reject(
            row.id, rejected_by=ctx.session.staff_id, rejected_at=ctx.now_utc(), reason=text
        )
        record(
            ctx,
            "export.reject",
            target_type=TARGET_TYPE,
            target_id=row.id,
            details={"content_sha256": row.content_sha256, "prepared_by": row.prepared_by},
        )
    return summary_of(stored(ctx, row.id), Usernames(ctx))


def awaiting_approval_count(ctx: SignedIn) -> int:
    """How many summaries await approval: for a manager holding the client-data key, else 0
    (no refusal is audited: the main window asks this for every role)."""
    session = ctx.session
    if not can(session.role, Action.EXPORT_APPROVE) or not session.holds_client_key:
        return 0
    return HqExportRepository(ctx.db).count_in_state(ExportState.PREPARED.value)


# -- the daily scheduled preparation ----------------------------------------------------------------


def _parse_time(text: str) -> time:
    try:
        parsed = time.fromisoformat(text.strip())
    except ValueError:
        parsed = None
    if parsed is None or parsed.second or parsed.microsecond or len(text.strip()) != 5:
        raise InvalidInput("时间格式应为 HH:MM（北京时间）。", "The time is HH:MM (Beijing time).")
    return parsed


def schedule(ctx: SignedIn) -> ExportSchedule | None:
    """The daily preparation's time (None: never set)."""
    check_permission(ctx, Action.EXPORT_REQUEST)
    found = HqExportRepository(ctx.db).schedule()
    if found is None:
        return None
    return ExportSchedule(
        found.prepare_at, Usernames(ctx)(found.set_by) or "", found.set_at, found.last_prepared_on
    )


def set_schedule(ctx: SignedIn, prepare_at: str | None) -> ExportSchedule:
    """A manager sets (``"HH:MM"``, Beijing time) or turns off (None) the daily preparation of the
    previous day's summary. Approval stays a person's."""
    check_permission(ctx, Action.EXPORT_APPROVE)
    value = None if prepare_at is None else _parse_time(prepare_at).strftime("%H:%M")
    with ctx.db.transaction():
        HqExportRepository(ctx.db).set_schedule(
            prepare_at=value, set_by=ctx.session.staff_id, set_at=ctx.now_utc()
        )
        record(
            ctx,
            "export.schedule",
            target_type="setting",
            target_id="export_schedule",
            details={"prepare_at": value},
        )
    found = schedule(ctx)
    assert found is not None
    return found


def prepare_scheduled(ctx: SignedIn) -> ExportSummary | None:
    """Prepare yesterday's summary when the configured time of day has passed and today's scheduled
    preparation has not run yet (idempotent per Beijing day, also across sessions); None otherwise.
    Called by the background lane while an agent or manager is signed in; never approves."""
    session = ctx.session
    if not can(session.role, Action.EXPORT_REQUEST) or not session.holds_client_key:
        return None
    found = HqExportRepository(ctx.db).schedule()
    if found is None or found.prepare_at is None:
        return None
    now = ctx.clock()
    today = branch_day(now)
    if found.last_prepared_on is not None and found.last_prepared_on >= today.isoformat():
        return None
    if datetime.fromtimestamp(now, BRANCH_TIME).time() < _parse_time(found.prepare_at):
        return None
    check_permission(ctx, Action.EXPORT_REQUEST)
    yesterday = today - timedelta(days=1)
    return _prepare(ctx, yesterday, yesterday, scheduled_day=today)
