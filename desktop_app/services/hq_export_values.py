"""What the export services hand to the GUI and the CLI: a summary of one export, its detail (the
payload exactly as it leaves or left), what the outbox sends, and the bilingual refusals.

Rule: values carry staff ids and usernames, never display names of clients or any client data
beyond the frozen, masked payload itself; the payload shown is the one that leaves (the approved,
signed one once approved). Reason: the reviewer must see exactly what headquarters will receive
(issue 13, four eyes; PIPL Art. 23).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.export_states import MAY_HAVE_LEFT, ExportState
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.hq_export_repository import HqExportRepository, StoredExport
from desktop_app.store.staff_repository import StaffRepository

TARGET_TYPE = "hq_export"


class ExportNotFound(BranchVaultError):
    code = "export_not_found"

    def __init__(self, export_id: str) -> None:
        super().__init__(f"找不到导出 {export_id}。", f"No export {export_id}.")


class ExportWrongState(BranchVaultError):
    code = "export_wrong_state"

    def __init__(self, export_id: str, state: ExportState, doing_zh: str, doing_en: str) -> None:
        zh, en = state.labels
        super().__init__(
            f"导出 {export_id} 当前状态为「{zh}」，不能{doing_zh}。",
            f"Export {export_id} is {en}; it cannot be {doing_en}.",
        )


class SelfApprovalRefused(BranchVaultError):
    code = "export_self_approval"

    def __init__(self) -> None:
        super().__init__(
            "不能审批自己准备的汇总：须由另一位店长审批（四眼原则）。",
            "You prepared this summary: another manager must approve it (four eyes).",
        )


class ExportTampered(BranchVaultError):
    code = "export_tampered"

    def __init__(self, export_id: str, problem: str) -> None:
        super().__init__(
            f"导出 {export_id} 的内容与准备或批准时不一致（{problem}），已拒绝。请通知 IT 与店长。",
            f"Export {export_id} no longer matches what was prepared or approved ({problem}); refused. "
            "Tell IT and the branch manager.",
        )


class ReceiptRejected(BranchVaultError):
    code = "export_receipt_rejected"

    def __init__(self, export_id: str, problem: str) -> None:
        super().__init__(
            f"总部对导出 {export_id} 的回执无效（{problem}），未保存；该导出仍未确认送达。",
            f"HQ's receipt for export {export_id} is not valid ({problem}); not stored, the export "
            "stays unacknowledged.",
        )


def iso_utc(moment: datetime) -> str:
    """A stored outbox time: UTC, seconds, ``Z`` (a naive ``moment`` is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class ExportSummary:
    """One export as lists show it."""

    id: str
    state: ExportState
    period_from: date
    period_to: date
    scheduled: bool
    prepared_by: int
    prepared_by_username: str
    prepared_at: str
    content_sha256: str  # sha256 of the canonical payload with ``approval: null``, shown at preparation
    approved_by: int | None
    approved_by_username: str | None
    approved_at: str | None
    rejected_by: int | None
    rejected_by_username: str | None
    rejected_at: str | None
    rejection_reason: str | None
    envelope_sha256: str | None  # sha256 of the exact body sent to HQ
    attempts: int
    last_error: str | None
    next_retry_at: str | None
    sent_at: str | None
    acknowledged_at: str | None

    @property
    def sha256(self) -> str:
        return self.content_sha256

    @property
    def may_have_left(self) -> bool:
        """True once the body may have reached HQ (sent, acknowledged, or a failed send)."""
        return self.state is ExportState.ACKNOWLEDGED or (self.state in MAY_HAVE_LEFT and self.attempts > 0)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state.value,
            "sha256": self.content_sha256,
            "period": {"from": self.period_from.isoformat(), "to": self.period_to.isoformat()},
            "scheduled": self.scheduled,
            "prepared_by": self.prepared_by,
            "prepared_by_username": self.prepared_by_username,
            "prepared_at": self.prepared_at,
            "approved_by": self.approved_by,
            "approved_by_username": self.approved_by_username,
            "approved_at": self.approved_at,
            "rejected_by": self.rejected_by,
            "rejected_by_username": self.rejected_by_username,
            "rejected_at": self.rejected_at,
            "rejection_reason": self.rejection_reason,
            "envelope_sha256": self.envelope_sha256,
            "attempts": self.attempts,
            "last_error": self.last_error,
            "next_retry_at": self.next_retry_at,
            "sent_at": self.sent_at,
            "acknowledged_at": self.acknowledged_at,
        }


@dataclass(frozen=True)
class ExportDetail:
    """One export with its payload exactly as it will leave (or left) the branch."""

    summary: ExportSummary
    payload: dict[str, Any]  # the approved payload once approved, else the frozen one (approval null)
    signature: str | None  # the branch key's signature in the envelope, once signed
    receipt: dict[str, Any] | None  # HQ's signed receipt envelope, once acknowledged

    def __repr__(self) -> str:  # the payload may hold masked client rows
        return f"ExportDetail(id={self.summary.id}, state={self.summary.state})"

    def as_json(self) -> dict[str, Any]:
        return {
            **self.summary.as_json(),
            "payload": self.payload,
            "signature": self.signature,
            "receipt": self.receipt,
        }


@dataclass(frozen=True)
class Outgoing:
    """A signed body the outbox may send now: ``envelope`` is the exact request body."""

    id: str
    envelope: bytes
    envelope_sha256: str
    attempts: int
    state: ExportState

    def __repr__(self) -> str:
        return f"Outgoing(id={self.id}, attempts={self.attempts}, state={self.state})"


@dataclass(frozen=True)
class ExportSchedule:
    """The daily scheduled preparation (Beijing time); approval is always a person's."""

    prepare_at: str | None  # "HH:MM", None: off
    set_by_username: str
    set_at: str
    last_prepared_on: str | None


class Usernames:
    """Staff id -> username, read once per call."""

    def __init__(self, ctx: SignedIn) -> None:
        self._names = {m.id: m.username for m in StaffRepository(ctx.db).list()}

    def __call__(self, staff_id: int | None) -> str | None:
        if staff_id is None:
            return None
        return self._names.get(staff_id, f"#{staff_id}")


def summary_of(row: StoredExport, names: Usernames) -> ExportSummary:
    return ExportSummary(
        id=row.id,
        state=ExportState(row.state),
        period_from=date.fromisoformat(row.period_from),
        period_to=date.fromisoformat(row.period_to),
        scheduled=row.scheduled,
        prepared_by=row.prepared_by,
        prepared_by_username=names(row.prepared_by) or "",
        prepared_at=row.prepared_at,
        content_sha256=row.content_sha256,
        approved_by=row.approved_by,
        approved_by_username=names(row.approved_by),
        approved_at=row.approved_at,
        rejected_by=row.rejected_by,
        rejected_by_username=names(row.rejected_by),
        rejected_at=row.rejected_at,
        rejection_reason=row.rejection_reason,
        envelope_sha256=row.envelope_sha256,
        attempts=row.attempts,
        last_error=row.last_error,
        next_retry_at=row.next_retry_at,
        sent_at=row.sent_at,
        acknowledged_at=row.acknowledged_at,
    )


def detail_of(row: StoredExport, names: Usernames) -> ExportDetail:
    signature: str | None = None
    if row.envelope is not None:
        envelope = json.loads(row.envelope.decode("utf-8"))
        payload = envelope["payload"]
        signature = str(envelope["signature"])
    elif row.approved_payload is not None:
        payload = json.loads(row.approved_payload)
    else:
        payload = json.loads(row.frozen_payload)
    receipt = json.loads(row.receipt) if row.receipt is not None else None
    return ExportDetail(summary_of(row, names), payload, signature, receipt)


def stored(ctx: SignedIn, export_id: str) -> StoredExport:
    row = HqExportRepository(ctx.db).get(str(export_id).strip())
    if row is None:
        raise ExportNotFound(export_id)
    return row
