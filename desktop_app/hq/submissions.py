"""Receiving a signed summary: checks, exactly-once storage, the signed receipt and the audit anchor.

Rules (in order; the first failure answers):
- the envelope parses as strict JSON (no duplicate keys, no floats) and matches the pydantic models
  (unknown fields refused) → 400 / 422;
- the payload's branch code is the authenticated branch → 403;
- the branch key's Ed25519 signature verifies over the canonical payload → 422 ``bad_envelope_signature``;
- ``approval.content_sha256`` equals the hash of the payload with ``approval`` null (what the
  manager saw is what was signed) → 422 ``content_hash_mismatch``;
- the period is a real date range, ``from`` ≤ ``to`` ≤ today (Beijing), at most 366 days → 422;
- the optional ``programme`` block (privacy-programme counts) follows its rules
  (domain/hq_summary/programme_block.py: every field, integers only, no part above its whole)
  → 422 ``invalid_programme``; a summary without it (an older branch) is accepted.
Then the submission is stored once (with its programme block, if any, in ``programme_figures``): ``submissions.submission_id`` is unique, so when two processes
race, one insert wins and the other reads the winner's row (a branch's submissions are also
serialised by a lock on its row, which keeps the anchor check below exact). An identical re-send
gets the stored receipt (200); the same id with another payload is refused (409).
``payload_sha256`` in the receipt is ``sha256_hex(canonical_json(payload))`` of the final (approved)
payload.

Audit anchors: the branch's audit head must move forward with ``generated_at``: a head with a lower
sequence than one generated earlier (or a higher one than one generated later), or the same
sequence with another hash, is stored and flagged in ``anomalies`` (a rolled-back or rewritten
branch log), never silently accepted. Comparing by ``generated_at`` keeps an older summary that
arrives late (outbox retries) from looking like a rollback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from pydantic import ValidationError
from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.domain.hq_summary import canonical_json, sha256_hex, sign_payload, verify_payload
from desktop_app.domain.hq_summary.payload import approval_matches
from desktop_app.domain.hq_summary.programme_block import KEY as PROGRAMME
from desktop_app.domain.hq_summary.programme_block import check_block
from desktop_app.hq.errors import HqError, invalid
from desktop_app.hq.receipt_key import ReceiptKey
from desktop_app.hq.schemas import Envelope
from desktop_app.hq.storage.models import Anomaly, AuditAnchor, Branch, ProgrammeFigures, Submission

BEIJING = timezone(timedelta(hours=8))
MAX_PERIOD_DAYS = 366


@dataclass(frozen=True)
class Stored:
    created: bool  # True: 201 (new), False: 200 (identical re-send)
    receipt: dict[str, Any]  # {"receipt": {...}, "signature": b64}


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate key")
        result[key] = value
    return result


def _no_float(text: str) -> Any:
    raise ValueError("floats are not allowed")


def parse_json(body: bytes) -> Any:
    """Strict JSON: UTF-8, no duplicate keys, no floats, no NaN; HqError 400 otherwise."""
    try:
        return json.loads(
            body.decode("utf-8"),
            object_pairs_hook=_no_duplicates,
            parse_float=_no_float,
            parse_constant=_no_float,
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise HqError(
            400, "invalid_json", "请求内容不是有效的 JSON。", "The request body is not valid JSON."
        ) from None


def validation_error(exc: ValidationError) -> HqError:
    fields = sorted({".".join(str(p) for p in err["loc"]) for err in exc.errors()})[:10]
    listed = ", ".join(fields)
    return invalid(
        "invalid_fields",
        f"请求内容不符合格式：{listed}。",
        f"The request does not match the schema: {listed}.",
    )


def _check_period(period_from: str, period_to: str, today: date) -> None:
    start: date | None
    end: date | None
    try:
        start, end = date.fromisoformat(period_from), date.fromisoformat(period_to)
    except ValueError:
        start = end = None
    if start is None or end is None or start > end or end > today or (end - start).days >= MAX_PERIOD_DAYS:
        raise invalid(
            "bad_period",
            "汇总期间无效（起止日期须为真实日期，起 ≤ 止 ≤ 今天，最长 366 天）。",
            "The summary period is not valid (real dates, from ≤ to ≤ today, at most 366 days).",
        )


def check_envelope(body: bytes, branch: Branch, now: datetime) -> tuple[dict[str, Any], Envelope]:
    """The raw payload dict (exactly as signed) and its validated model; HqError otherwise."""
    raw = parse_json(body)
    try:
        envelope = Envelope.model_validate(raw)
    except ValidationError as exc:
        raise validation_error(exc) from None
    payload: dict[str, Any] = raw["payload"]
    model = envelope.payload
    if model.branch_code != branch.branch_code:
        raise HqError(
            403,
            "wrong_branch",
            "汇总的门店编码与发送门店不一致。",
            "The summary's branch code is not the sending branch.",
        )
    try:
        canonical_json(payload["aggregates"])
    except (ValueError, TypeError):
        raise invalid(
            "invalid_fields", "汇总数据含有不允许的值。", "The aggregates hold values not allowed."
        ) from None
    if payload.get(PROGRAMME) is not None:
        try:
            check_block(payload[PROGRAMME])
        except ValueError as exc:
            raise invalid(
                "invalid_programme",
                f"汇总的隐私保护指标不符合格式：{exc}。",
                f"The summary's privacy programme figures do not match the schema: {exc}.",
            ) from None
    if not verify_payload(branch.public_key_b64, payload, envelope.signature):
        raise invalid(
            "bad_envelope_signature",
            "汇总的门店签名无效（内容被改动或不是该门店签发）。",
            "The summary's branch signature does not verify (changed, or not signed by this branch).",
        )
    if model.approval is None:
        raise invalid(
            "not_approved", "汇总尚未经店长批准。", "The summary has not been approved by a manager."
        )
    if not approval_matches(payload):
        raise invalid(
            "content_hash_mismatch",
            "批准时的内容摘要与汇总内容不一致。",
            "The approved content hash does not match the summary's content.",
        )
    _check_period(model.period.from_, model.period.to, now.astimezone(BEIJING).date())
    return payload, envelope


def _existing(session: Session, submission_id: str, payload_sha256: str) -> Stored:
    row = session.scalars(select(Submission).where(Submission.submission_id == submission_id)).one()
    if row.payload_sha256 != payload_sha256 or row.receipt is None:
        raise HqError(
            409,
            "conflict",
            "该汇总编号已以不同内容提交过，已拒绝。",
            "This submission id was already received with another content; refused.",
        )
    return Stored(False, json.loads(row.receipt))


def store(session: Session, body: bytes, branch: Branch, key: ReceiptKey, now: datetime) -> Stored:
    payload, envelope = check_envelope(body, branch, now)
    model = envelope.payload
    payload_sha256 = sha256_hex(canonical_json(payload))
    # One branch's submissions are stored one at a time (a row lock on PostgreSQL; SQLite writes are
    # serialised anyway), so two of its summaries arriving together cannot both miss each other's
    # audit anchor and let a rollback go unflagged.
    session.execute(
        select(Branch.branch_code).where(Branch.branch_code == branch.branch_code).with_for_update()
    )
    exists = session.scalar(
        select(Submission.hq_sequence).where(Submission.submission_id == model.submission_id)
    )
    if exists is not None:
        stored = _existing(session, model.submission_id, payload_sha256)
        session.rollback()
        return stored
    row = Submission(
        submission_id=model.submission_id,
        branch_code=branch.branch_code,
        payload_sha256=payload_sha256,
        period_from=model.period.from_,
        period_to=model.period.to,
        envelope=canonical_json({"payload": payload, "signature": envelope.signature}).decode("utf-8"),
        receipt=None,
        received_at=now,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()  # another process stored it first: answer with its receipt (or 409)
        stored = _existing(session, model.submission_id, payload_sha256)
        session.rollback()
        return stored
    receipt = {
        "submission_id": model.submission_id,
        "branch_code": branch.branch_code,
        "payload_sha256": payload_sha256,
        "received_at": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "hq_sequence": row.hq_sequence,
    }
    signed = {"receipt": receipt, "signature": sign_payload(key.private_raw, receipt)}
    row.receipt = canonical_json(signed).decode("utf-8")
    _programme_figures(session, payload, branch.branch_code, model.submission_id, now)
    _anchor(
        session,
        branch.branch_code,
        model.submission_id,
        model.audit_head.sequence,
        model.audit_head.hash,
        model.generated_at,
        now,
    )
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        stored = _existing(session, model.submission_id, payload_sha256)
        session.rollback()
        return stored
    return Stored(True, signed)


def _programme_figures(
    session: Session, payload: dict[str, Any], branch_code: str, submission_id: str, now: datetime
) -> None:
    """The programme block (checked above) in its own row: one per submission that carries one."""
    block = payload.get(PROGRAMME)
    if not isinstance(block, dict):
        return
    session.add(
        ProgrammeFigures(
            submission_id=submission_id,
            branch_code=branch_code,
            quarter=block["quarter"],
            period_to=payload["period"]["to"],
            generated_at=payload["generated_at"],
            block=canonical_json(block).decode("utf-8"),
            received_at=now,
        )
    )


def _anchor(
    session: Session,
    branch_code: str,
    submission_id: str,
    sequence: int,
    head_hash: str,
    generated_at: str,
    now: datetime,
) -> None:
    mine = AuditAnchor.branch_code == branch_code
    backwards = session.scalar(
        select(AuditAnchor.id)
        .where(
            mine,
            or_(
                and_(AuditAnchor.generated_at <= generated_at, AuditAnchor.sequence > sequence),
                and_(AuditAnchor.generated_at >= generated_at, AuditAnchor.sequence < sequence),
            ),
        )
        .limit(1)
    )
    forked = session.scalar(
        select(AuditAnchor.id)
        .where(mine, AuditAnchor.sequence == sequence, AuditAnchor.hash != head_hash)
        .limit(1)
    )
    anomaly = backwards is not None or forked is not None
    session.add(
        AuditAnchor(
            branch_code=branch_code,
            submission_id=submission_id,
            sequence=sequence,
            hash=head_hash,
            generated_at=generated_at,
            received_at=now,
            anomaly=anomaly,
        )
    )
    if backwards is not None:
        session.add(
            Anomaly(
                branch_code=branch_code,
                submission_id=submission_id,
                kind="audit_head_backwards",
                detail=f"audit head sequence {sequence} (generated {generated_at}) goes back behind an earlier anchor",
                detected_at=now,
            )
        )
    if forked is not None:
        session.add(
            Anomaly(
                branch_code=branch_code,
                submission_id=submission_id,
                kind="audit_head_forked",
                detail=f"audit head sequence {sequence} was anchored before with another hash",
                detected_at=now,
            )
        )
