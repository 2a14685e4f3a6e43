"""The "due for destruction" queue (PIPL Art. 19, 47): review it, approve a batch, certify it.

Managers only (``Action.REQUEST_HANDLE``). ``due_for_destruction`` lists, masked, the clients whose
retention period has ended (the branch config's ``[retention]`` rules, counted from the last
activity) and the storage-only records whose anti-money-laundering hold has ended; oldest due
first; audited ``retention.review`` with the count only. ``approve_destruction`` re-checks every
chosen client at the current time and refuses the whole approval if any is no longer due; else it
destroys them as one batch, each client in its own transaction (one destruction record and one
``client.delete`` entry per client, plus one ``retention.approve`` entry with the last), then
checkpoints the WAL once. Cancelling stops between two clients: each is wholly destroyed or
untouched, and ``retention.approve`` records the cancellation and the count destroyed. ``batch_certificate_pdf`` is the one certificate for the batch (no personal data).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.domain.cancellation import Cancelled, CancelToken, Progress, check, report
from desktop_app.domain.client_record import ClientRecord, ClientValues, Stage
from desktop_app.domain.client_views import masked_phone
from desktop_app.domain.deletion_grounds import legal_basis
from desktop_app.domain.destruction_record import DestructionRecord
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.masking import FieldKind, mask
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.retention_rules import (
    AML_HOLD_YEARS,
    RetentionRules,
    add_months,
    destruction_due_on,
    last_activity,
    legal_hold_ends,
)
from desktop_app.domain.staff_member import StaffMember
from desktop_app.services.audit_trail import check_permission, ensure_pseudonym_key, record
from desktop_app.services.client_deletion import (
    CATEGORY_LABELS,
    REASON_LABELS,
    DeletionReason,
    DeletionRefused,
    destroy_in_transaction,
)
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.destruction_repository import DestructionRepository
from desktop_app.store.retention_repository import RetentionGroup, RetentionRepository
from desktop_app.store.staff_repository import StaffRepository

DEFAULT_LIMIT = 500
MAX_BATCH = 500
# The SQL cut-offs are widened by a few days: adding months clamps to a month's last day (at most 3
# days), and the exact rule is applied afterwards anyway.
_CUTOFF_MARGIN = timedelta(days=4)


class DueReason(StrEnum):
    RETENTION_PERIOD_ENDED = "retention_period_ended"  # no activity for the stage's period
    LEGAL_HOLD_ENDED = "legal_hold_ended"  # a storage-only record whose AML hold has ended


@dataclass(frozen=True)
class DueClient:
    """One masked row of the queue."""

    id: int
    name: str
    phone: str
    stage: str
    assigned_agent_id: int
    last_activity: date
    due_on: date
    why: DueReason
    storage_only: bool


@dataclass(frozen=True)
class DestructionBatch:
    batch_id: int
    records: tuple[DestructionRecord, ...]

    @property
    def count(self) -> int:
        return len(self.records)


class NoLongerDue(BranchVaultError):
    code = "no_longer_due"

    def __init__(self, not_due: int, chosen: int) -> None:
        self.not_due = not_due
        super().__init__(
            f"所选 {chosen} 位客户中有 {not_due} 位已不再到期（有新的联系或修改、仍在法定保存期内，"
            "或已被删除），本次审批未销毁任何客户。请刷新列表后重新选择。",
            f"{not_due} of the {chosen} chosen clients are no longer due for destruction (new "
            "contact or change, still under the legal hold, or already deleted); nothing was "
            "destroyed. Refresh the list and choose again.",
        )


class DestructionBatchNotFound(BranchVaultError):
    code = "destruction_batch_not_found"

    def __init__(self) -> None:
        super().__init__("找不到该销毁批次。", "No such destruction batch.")


def retention_rules(ctx: SignedIn) -> RetentionRules:
    """The rules in force (the branch config's ``[retention]`` table over the defaults)."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    return ctx.config.retention_rules()


def _timing_record(group: RetentionGroup) -> ClientRecord:
    """A record carrying only what the retention rule reads (stage, storage-only flag and the days
    of its dates), no personal data."""

    def moment(day: str | None) -> str | None:  # the day's Beijing midnight: the rule sees that day
        return None if day is None else f"{day}T00:00:00+08:00"

    updated = moment(group.updated_on) or ""
    return ClientRecord(
        id=0,
        assigned_agent_id=0,
        values=ClientValues(full_name="", phone_e164="", phone_kind="", stage=group.stage),
        created_at=updated,
        updated_at=updated,
        last_contact_at=moment(group.last_contact_on),
        buyer_since=moment(group.buyer_since_on),
        storage_only_since=updated if group.storage_only else None,
    )


def _due_ids(ctx: SignedIn, rules: RetentionRules, today: date) -> list[tuple[date, int]]:
    """(due date, client id) of every client due today, oldest due first."""
    db = ctx.db
    shortest = min(rules.months_for(stage.value) for stage in Stage)
    inactive_before = add_months(today, -shortest) + _CUTOFF_MARGIN
    bought_before = add_months(today, -AML_HOLD_YEARS * 12) + _CUTOFF_MARGIN
    due: list[tuple[date, int]] = []
    for group in RetentionRepository(db).candidate_groups(
        inactive_before=inactive_before.isoformat(), bought_before=bought_before.isoformat()
    ):
        on = destruction_due_on(_timing_record(group), rules)
        if on <= today:
            due.extend((on, client_id) for client_id in group.client_ids)
    due.sort()
    return due


def _why(client: ClientRecord) -> DueReason:
    if client.storage_only and legal_hold_ends(client) is not None:
        return DueReason.LEGAL_HOLD_ENDED
    return DueReason.RETENTION_PERIOD_ENDED


def _row(client: ClientRecord, rules: RetentionRules) -> DueClient:
    v = client.values
    return DueClient(
        id=client.id,
        name=mask(FieldKind.NAME, v.full_name),
        phone=masked_phone(v.phone_e164, v.phone_kind),
        stage=v.stage,
        assigned_agent_id=client.assigned_agent_id,
        last_activity=last_activity(client),
        due_on=destruction_due_on(client, rules),
        why=_why(client),
        storage_only=client.storage_only,
    )


def due_for_destruction(ctx: SignedIn, limit: int = DEFAULT_LIMIT) -> list[DueClient]:
    """The clients due for destruction today, masked, oldest due first (at most ``limit``),
    including storage-only records whose legal hold has ended. Audited ``retention.review``."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    if not 1 <= limit <= 10 * DEFAULT_LIMIT:
        raise InvalidInput("列表条数无效。", "Invalid number of rows.")
    db = ctx.db
    rules = ctx.config.retention_rules()
    today = ctx.today()
    clients = ClientRepository(db)
    with db.transaction():
        due = _due_ids(ctx, rules, today)
        rows = []
        for _, client_id in due[:limit]:
            client = clients.get(client_id)
            if client is not None:
                rows.append(_row(client, rules))
        record(
            ctx,
            "retention.review",
            target_type="retention_queue",
            details={"due": len(due), "shown": len(rows)},
        )
    return rows


def due_count(ctx: SignedIn) -> int:
    """How many clients are due for destruction today and not yet destroyed (the programme's
    "retention queue processed" figure). Counts only, not audited: no client is shown. The caller
    checks that the session holds the client-data key."""
    return len(_due_ids(ctx, ctx.config.retention_rules(), ctx.today()))


def _approver(ctx: SignedIn, staff: StaffRepository, username: str | None) -> StaffMember:
    session = ctx.session
    member = staff.get(username) if username else staff.get_by_id(session.staff_id)
    if member is None or not member.active or not can(member.role, Action.REQUEST_HANDLE):
        raise DeletionRefused(
            "审批人必须是在职的店长。", "The approver must be an active manager of the branch."
        )
    return member


def _chosen(client_ids: list[int]) -> list[int]:
    chosen = sorted(set(client_ids))
    if not chosen:
        raise InvalidInput("请至少选择一位客户。", "Choose at least one client.")
    if len(chosen) > MAX_BATCH:
        raise InvalidInput(
            f"一次最多批准销毁 {MAX_BATCH} 位客户。",
            f"At most {MAX_BATCH} clients can be approved at once.",
        )
    return chosen


def _refused(ctx: SignedIn, chosen: int, reason: str, not_due: int = 0) -> None:
    db = ctx.db
    with db.transaction():
        record(
            ctx,
            "retention.approve",
            target_type="retention_queue",
            outcome="failure",
            reason=reason,
            details={"chosen": chosen, "not_due": not_due},
        )


def approve_destruction(
    ctx: SignedIn,
    client_ids: list[int],
    approved_by_username: str | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> DestructionBatch:
    """Destroy the chosen clients, all still due, as one batch (reason "retention expiry");
    nothing is destroyed if any of them is no longer due. Each client is destroyed in its own
    transaction (its destruction record and ``client.delete`` entry with it), so ``cancel`` stops
    the batch between two clients with each one either wholly destroyed or untouched; the one
    ``retention.approve`` entry (count and batch id) goes with the last client, or, when cancelled,
    is written with outcome ``failure``, reason ``cancelled`` and the count destroyed, and
    ``Cancelled`` is raised.
    ``progress(done, total)`` counts the clients destroyed."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    chosen = _chosen(client_ids)
    db = ctx.db
    rules = ctx.config.retention_rules()
    ensure_pseudonym_key(ctx)
    clients = ClientRepository(db)
    destruction = DestructionRepository(db)
    records: list[DestructionRecord] = []
    try:
        with db.transaction():
            approver = _approver(ctx, StaffRepository(db), approved_by_username)
            today = ctx.today()
            found = [clients.get(client_id) for client_id in chosen]
            due = [c for c in found if c is not None and destruction_due_on(c, rules) <= today]
            if len(due) != len(chosen):
                raise NoLongerDue(len(chosen) - len(due), len(chosen))
            batch_id = destruction.next_batch_id()
        report(progress, 0, len(due))
        for index, client in enumerate(due):
            check(cancel)
            with db.transaction():
                if index == 0:  # taken again where the batch's first record is written
                    batch_id = destruction.next_batch_id()
                records.append(
                    destroy_in_transaction(
                        ctx,
                        client,
                        approved_by=approver.id,
                        reason=DeletionReason.RETENTION_EXPIRY,
                        batch_id=batch_id,
                    )
                )
                if index == len(due) - 1:
                    _approved(ctx, batch_id, len(records), approver.id, cancelled=False)
            report(progress, index + 1, len(due))
    except NoLongerDue as refused:
        _refused(ctx, len(chosen), refused.code, refused.not_due)
        raise
    except DeletionRefused as refused:
        _refused(ctx, len(chosen), refused.code)
        raise
    except Cancelled:
        with db.transaction():
            _approved(ctx, batch_id, len(records), approver.id, cancelled=True)
        db.checkpoint()
        raise
    db.checkpoint()
    return DestructionBatch(batch_id, tuple(records))


def _approved(ctx: SignedIn, batch_id: int, count: int, approver_id: int, *, cancelled: bool) -> None:
    record(
        ctx,
        "retention.approve",
        target_type="destruction_batch",
        target_id=str(batch_id),
        outcome="failure" if cancelled else "success",
        reason="cancelled" if cancelled else DeletionReason.RETENTION_EXPIRY.value,
        details={"count": count, "batch_id": batch_id, "approved_by": approver_id},
    )


def batch_certificate_pdf(ctx: SignedIn, batch_id: int) -> bytes:
    """One certificate for the whole batch: how many clients, which categories (with counts), why,
    when, by whom, approved by whom, the record numbers; no personal data. Audited
    ``client.destruction_certificate``."""
    from desktop_app.documents.destruction_certificate import (
        BatchSummary,
        CertificateParty,
    )
    from desktop_app.documents.destruction_certificate import (
        batch_certificate_pdf as render,
    )

    check_permission(ctx, Action.REQUEST_HANDLE)
    db = ctx.db
    config = ctx.config
    staff = StaffRepository(db)
    with db.transaction():
        records = DestructionRepository(db).records_in_batch(batch_id)
        if not records:
            raise DestructionBatchNotFound()
        first = records[0]
        parties = []
        for staff_id in (first.destroyed_by, first.approved_by):
            member = staff.get_by_id(staff_id)
            parties.append(
                CertificateParty(member.display_name, member.username)
                if member
                else CertificateParty(f"#{staff_id}", "")
            )
        counts = Counter(category for r in records for category in r.categories)
        order = list(CATEGORY_LABELS) + sorted(set(counts) - set(CATEGORY_LABELS))
        summary = BatchSummary(
            batch_id=batch_id,
            record_ids=tuple(r.id for r in records),
            destroyed_at=first.destroyed_at,
            categories=tuple((CATEGORY_LABELS.get(c, (c, c)), counts[c]) for c in order if counts.get(c)),
            reason_label=REASON_LABELS.get(first.reason, (first.reason, first.reason)),
            legal_basis=legal_basis(first.reason),
        )
        pdf = render(
            config.letterhead(),
            summary,
            destroyed_by=parties[0],
            approved_by=parties[1],
            generated_at=ctx.now_utc(),
            backup_keep_days=ctx.policy.backup_keep_days,
        )
        record(
            ctx,
            "client.destruction_certificate",
            target_type="destruction_batch",
            target_id=str(batch_id),
            details={"count": len(records)},
        )
    return pdf


def destruction_due_dates(ctx: SignedIn) -> list[date]:
    """The day each client due today became due (oldest first), for the compliance review's
    "retention queue processed" item (services/compliance_evaluators.py). Counts only; not audited
    (no client is shown). Needs the client-data key, as the queue does."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    return [on for on, _ in _due_ids(ctx, ctx.config.retention_rules(), ctx.today())]
