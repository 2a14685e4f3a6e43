"""Lawful deletion of a client (PIPL Art. 47) and its destruction certificate.

Managers only (``Action.REQUEST_HANDLE``). One transaction deletes the client row, its follow-ups
(cascade) and its search-index row (trigger), writes the destruction record and the audit entry
``client.delete``; then the WAL is checkpointed and truncated, so with ``secure_delete=ON`` no old
copy of the client's pages is left in the database file or the WAL (GB/T 22239 L3 8.1.4.10).
The record and the audit entry name the client only by a pseudonym of its id and phone number.
``destroy_in_transaction`` is that one-client step, shared with the retention queue
(services/client_retention.py), which destroys a whole approved batch in one transaction.

Buyers (subscription, contract, closed) are under the anti-money-laundering hold of at least 10
years after the transaction (domain/retention_rules.py): ``delete_client`` refuses to destroy one
unless the reason is the expiry of that hold; ``delete_or_keep_in_storage`` answers a deletion
request or a withdrawal for a held buyer by putting the record in "storage only" (PIPL Art. 47)
instead, audited as ``client.storage_only``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from desktop_app.domain.client_field_registry import CLIENT_FIELDS, DataCategory
from desktop_app.domain.client_record import ClientRecord, ClientValues, value_columns
from desktop_app.domain.deletion_grounds import GROUND_LABELS, DeletionGround, legal_basis
from desktop_app.domain.destruction_record import DestructionRecord
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.retention_rules import legal_hold_ends, under_legal_hold
from desktop_app.domain.staff_member import StaffMember
from desktop_app.services.audit_trail import check_permission, ensure_pseudonym_key, pseudonym, record
from desktop_app.services.client_directory import denials_audited, visible_client
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.client_request_repository import ClientRequestRepository
from desktop_app.store.destruction_repository import DestructionRepository
from desktop_app.store.education_repository import ParticipationRepository
from desktop_app.store.staff_repository import StaffRepository

_REFERENCE = re.compile(r"[A-Za-z0-9._/-]{0,64}")


DeletionReason = DeletionGround  # every PIPL Art. 47 ground (domain/deletion_grounds.py)


Category = DataCategory  # the registry's field categories, then follow-ups, search index, education


CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    Category.IDENTITY: ("身份信息（姓名、证件）", "identity (name, ID document)"),
    Category.CONTACT: ("联系方式（电话、邮箱）", "contact (phone, email)"),
    Category.ADDRESS: ("地址", "address"),
    Category.INCOME: ("收入区间", "income band"),
    Category.INTENTION: ("购房意向", "purchase intention"),
    Category.NOTES: ("备注", "notes"),
    Category.FOLLOWUPS: ("跟进记录", "follow-ups"),
    Category.SEARCH_INDEX: ("搜索索引", "search index"),
    Category.EDUCATION: ("隐私教育参与记录", "privacy education participation"),
}

REASON_LABELS: dict[str, tuple[str, str]] = GROUND_LABELS


class DeletionRefused(BranchVaultError):
    code = "deletion_refused"


class DestructionRecordNotFound(BranchVaultError):
    code = "destruction_record_not_found"

    def __init__(self) -> None:
        super().__init__("找不到该销毁记录。", "No such destruction record.")


REQUEST_PATH_REASONS = frozenset(
    {DeletionGround.DELETION_REQUEST, DeletionGround.RETENTION_EXPIRY, DeletionGround.CONSENT_WITHDRAWN}
)
"""What this path destroys for: a client's request or withdrawal, or an expired period. The company's
own grounds go through client_destruction.destroy_client, which asks for a note and audits it."""


def _parse_reason(reason: DeletionReason | str) -> DeletionReason:
    try:
        why = DeletionReason(str(reason))
        if why not in REQUEST_PATH_REASONS:
            raise ValueError(why)
        return why
    except ValueError:
        raise InvalidInput(
            "删除原因无效（须为《个人信息保护法》第四十七条所列情形之一）。",
            "Invalid reason (it must be one of the grounds of PIPL Art. 47).",
        ) from None


def _clean_reference(reference: str) -> str:
    text = reference.strip()
    if not _REFERENCE.fullmatch(text):
        raise InvalidInput(
            "请求编号只能包含字母、数字和 . _ / -，最多 64 个字符（不要填写姓名或电话）。",
            "The request reference may hold only letters, digits and . _ / - (at most 64); "
            "do not enter names or phone numbers.",
        )
    return text


def categories_of(values: ClientValues, followups: int, education: int = 0) -> list[str]:
    """The categories of data this client actually holds, in the fixed order of ``Category``: a
    field category when one of its fields (domain/client_field_registry.py) holds a value."""
    stored = value_columns(values)

    def holds(category: DataCategory) -> bool:
        columns = (column.name for row in CLIENT_FIELDS.in_category(category) for column in row.stored)
        return any(stored[name] not in (None, "") for name in columns)

    present = {
        **{category: holds(category) for category in DataCategory},
        Category.FOLLOWUPS: followups > 0,
        Category.SEARCH_INDEX: True,
        Category.EDUCATION: education > 0,
    }
    return [category.value for category in Category if present[category]]


def _approver(ctx: SignedIn, staff: StaffRepository, username: str | None) -> StaffMember:
    session = ctx.session
    member = staff.get(username) if username else staff.get_by_id(session.staff_id)
    if member is None or not member.active or not can(member.role, Action.REQUEST_HANDLE):
        raise DeletionRefused(
            "审批人必须是在职的店长。", "The approver must be an active manager of the branch."
        )
    return member


def _under_legal_hold(ctx: SignedIn, client: ClientRecord) -> bool:
    """Whether the anti-money-laundering hold forbids destroying ``client`` today, whatever the
    reason: during the hold nothing may destroy a buyer's records; once it has ended, a request, a
    withdrawal or the retention queue may (PIPL Art. 47)."""
    return under_legal_hold(client, ctx.today())


def _refuse(ctx: SignedIn, client_id: int, reason: str, error: DeletionRefused) -> DeletionRefused:
    db = ctx.db
    with db.transaction():
        record(
            ctx,
            "client.delete",
            target_type="client",
            target_id=str(client_id),
            outcome="failure",
            reason=reason,
        )
    return error


def destroy_in_transaction(
    ctx: SignedIn,
    client: ClientRecord,
    *,
    approved_by: int,
    reason: DeletionReason,
    request_reference: str = "",
    batch_id: int | None = None,
    extra_details: Mapping[str, object] | None = None,
) -> DestructionRecord:
    """Destroy one client inside the caller's transaction: delete it (follow-ups, search-index row
    and privacy-education participation go with it), write its destruction record and the ``client.delete`` audit entry, both
    naming it only by the pseudonym of its id and phone. The caller has checked the permission,
    the approver and the legal hold, called ``ensure_pseudonym_key`` before the transaction and
    checkpoints the WAL after it. ``extra_details`` go into the audit entry (the manager's note on a
    deletion on the company's initiative)."""
    session, db = ctx.session, ctx.db
    destruction = DestructionRepository(db)
    education = ParticipationRepository(db).count_for_client(client.id)  # goes with the client (cascade)
    categories = categories_of(client.values, destruction.followup_count(client.id), education)
    alias = pseudonym(ctx, f"{client.id}:{client.values.phone_e164}")
    ClientRequestRepository(db).blank_free_text_for_client(client.id)
    destruction.destroy_client(client.id)
    destroyed = destruction.add(
        destroyed_at=ctx.now_utc(),
        destroyed_by=session.staff_id,
        approved_by=approved_by,
        client_pseudonym=alias,
        categories=categories,
        reason=reason.value,
        request_reference=request_reference,
        batch_id=batch_id,
    )
    details: dict[str, object] = {"client": alias, "categories": categories, "record_id": destroyed.id}
    if batch_id is not None:
        details["batch_id"] = batch_id
    details.update(extra_details or {})
    record(
        ctx,
        "client.delete",
        target_type="client",
        target_id=str(client.id),
        reason=reason.value,
        details=details,
    )
    return destroyed


def delete_client(
    ctx: SignedIn,
    client_id: int,
    reason: DeletionReason | str,
    approved_by_username: str | None = None,
    request_reference: str = "",
) -> DestructionRecord:
    """Destroy the client and everything recorded about it; return the destruction record.

    ``approved_by_username`` names the manager who approved the deletion (default: the signed-in
    manager). Audited ``client.delete`` with the client's pseudonym and the categories destroyed.
    """
    check_permission(ctx, Action.REQUEST_HANDLE)
    db = ctx.db
    why = _parse_reason(reason)
    reference = _clean_reference(request_reference)
    ensure_pseudonym_key(ctx)
    clients = ClientRepository(db)
    staff = StaffRepository(db)
    try:
        with denials_audited(ctx, "client.delete"), db.transaction():
            client = visible_client(ctx, clients, client_id, storage_only_ok=True)
            approver = _approver(ctx, staff, approved_by_username)
            if _under_legal_hold(ctx, client):
                raise DeletionRefused(
                    "该客户已认购或成交，反洗钱规定要求其身份和交易记录至少保存 10 年；"
                    "期间只能保存，不能删除。",
                    "This client has bought (subscription or later): anti-money-laundering rules "
                    "require keeping the identification and transaction records for at least 10 "
                    "years; until then they are kept in storage only and cannot be deleted.",
                    code="legal_hold",
                )
            destroyed = destroy_in_transaction(
                ctx, client, approved_by=approver.id, reason=why, request_reference=reference
            )
    except DeletionRefused as refused:
        raise _refuse(ctx, client_id, refused.code, refused) from None
    db.checkpoint()
    return destroyed


def get_destruction_record(ctx: SignedIn, record_id: int) -> DestructionRecord:
    check_permission(ctx, Action.REQUEST_HANDLE)
    db = ctx.db
    found = DestructionRepository(db).get(record_id)
    if found is None:
        raise DestructionRecordNotFound()
    return found


def destruction_certificate_pdf(ctx: SignedIn, record_id: int) -> bytes:
    """The one-page A4 certificate of destruction (no personal data). Audited
    ``client.destruction_certificate``."""
    from desktop_app.documents.destruction_certificate import CertificateParty, certificate_pdf

    check_permission(ctx, Action.REQUEST_HANDLE)
    db = ctx.db
    config = ctx.config
    staff = StaffRepository(db)
    with db.transaction():
        found = DestructionRepository(db).get(record_id)
        if found is None:
            raise DestructionRecordNotFound()
        parties = []
        for staff_id in (found.destroyed_by, found.approved_by):
            member = staff.get_by_id(staff_id)
            parties.append(
                CertificateParty(member.display_name, member.username)
                if member
                else CertificateParty(f"#{staff_id}", "")
            )
        pdf = certificate_pdf(
            config.letterhead(),
            found,
            destroyed_by=parties[0],
            approved_by=parties[1],
            category_labels=[CATEGORY_LABELS.get(c, (c, c)) for c in found.categories],
            reason_label=REASON_LABELS.get(found.reason, (found.reason, found.reason)),
            legal_basis=legal_basis(found.reason),
            note=DestructionRepository(db).deletion_note(record_id),
            generated_at=ctx.now_utc(),
            backup_keep_days=ctx.policy.backup_keep_days,
        )
        record(
            ctx,
            "client.destruction_certificate",
            target_type="destruction_record",
            target_id=str(record_id),
        )
    return pdf


def delete_or_keep_in_storage(
    ctx: SignedIn,
    client_id: int,
    reason: DeletionReason | str,
    approved_by_username: str | None = None,
    request_reference: str = "",
) -> DestructionRecord | None:
    """Answer a deletion request or a withdrawal of consent: destroy the client (the destruction
    record is returned) or, for a buyer under the legal hold, stop all processing but storage and
    return None. Audited ``client.delete`` or ``client.storage_only``."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    why = _parse_reason(reason)
    reference = _clean_reference(request_reference)
    db = ctx.db
    clients = ClientRepository(db)
    if why is DeletionReason.RETENTION_EXPIRY:  # nobody asked: never a reason to stop processing
        return delete_client(ctx, client_id, why, approved_by_username, reference)
    with denials_audited(ctx, "client.storage_only"), db.transaction():
        client = visible_client(ctx, clients, client_id, storage_only_ok=True)
        held = _under_legal_hold(ctx, client)
        if held and not client.storage_only:
            clients.set_storage_only(client_id, now=ctx.now_utc())
            ends = legal_hold_ends(client)
            record(
                ctx,
                "client.storage_only",
                target_type="client",
                target_id=str(client_id),
                reason=why.value,
                details={"hold_ends": ends.isoformat() if ends else None, "request_reference": reference},
            )
    if held:
        return None
    return delete_client(ctx, client_id, why, approved_by_username, reference)
