"""Client intake and edits: create a client, update fields, reassign to another agent.

Every value is validated by the domain rules (bilingual messages naming the field); the ID number
and income band pass the one sensitive-data gate (domain/client_record.py). A phone number or ID
number already recorded in the branch is a duplicate: the caller gets the existing client's id if
they may see that client, otherwise a message to ask the manager and nothing about the other client.
Audit entries hold ids, field names and pseudonyms, never personal data.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from desktop_app.domain.client_record import (
    ClientDraft,
    ClientRecord,
    ClientValues,
    changed_columns,
    consent_flag,
    draft_fields,
    draft_from_values,
    draft_with,
    validate_draft,
    value_columns,
)
from desktop_app.domain.client_views import ClientDetail, client_detail
from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.consent_records import ConsentFormDraft
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.permissions import Action
from desktop_app.domain.retention_rules import under_legal_hold
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import check_permission, ensure_pseudonym_key, pseudonym, record
from desktop_app.services.client_directory import denials_audited, may_see, visible_client
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.client_request_repository import ClientRequestRepository
from desktop_app.store.consent_repository import ConsentRepository, guardian_signed
from desktop_app.store.database import Database
from desktop_app.store.staff_repository import StaffRepository

_FIELD_NAMES = {"phone_e164": ("电话号码", "phone number"), "id_number": ("证件号码", "ID number")}


class DuplicateClient(BranchVaultError):
    """Another client in the branch has the same phone or ID number. ``existing_client_id`` is set
    only when the caller may see that client."""

    code = "duplicate_client"

    def __init__(self, field: str, existing_client_id: int | None) -> None:
        self.field = field
        self.existing_client_id = existing_client_id
        zh, en = _FIELD_NAMES[field]
        if existing_client_id is not None:
            super().__init__(
                f"已有相同{zh}的客户（客户编号 {existing_client_id}），请打开该客户而不是重复登记。",
                f"A client with the same {en} already exists (client {existing_client_id}); open "
                "that client instead of registering again.",
            )
        else:
            super().__init__(
                f"本门店已登记过相同{zh}的客户，请联系店长处理。",
                f"A client with the same {en} is already registered in this branch; ask the manager.",
            )


class ReassignRefused(BranchVaultError):
    code = "reassign_refused"


def _check_duplicates(
    ctx: SignedIn, repo: ClientRepository, values: ClientValues, *, excluding: int | None = None
) -> None:
    checks = [("phone_e164", repo.ids_with_phone(values.phone_e164, excluding=excluding))]
    if values.id_number is not None:
        checks.insert(0, ("id_number", repo.ids_with_id_number(values.id_number, excluding=excluding)))
    for field, matches in checks:
        if not matches:
            continue
        visible = [client_id for client_id, _ in matches if _may_see_id(ctx, repo, client_id)]
        raise DuplicateClient(field, visible[0] if visible else None)


def _may_see_id(ctx: SignedIn, repo: ClientRepository, client_id: int) -> bool:
    """Whether the caller may be sent to this client (never to a record in storage only)."""
    client = repo.get(client_id)
    return client is not None and not client.storage_only and may_see(ctx, client)


def _audit_duplicate(ctx: SignedIn, action: str, target_id: str, error: DuplicateClient, value: str) -> None:
    db = ctx.db
    with db.transaction():
        record(
            ctx,
            action,
            target_type="client",
            target_id=target_id,
            outcome="failure",
            reason="duplicate",
            details={"field": error.field, "value": pseudonym(ctx, value), "shown": error.existing_client_id},
        )


def _id_kept_for_legal_hold(current: ClientRecord, changes: dict[str, Any], today: date) -> bool:
    """The stored ID document stays without the sensitive-data consent only because the
    anti-money-laundering hold requires it, and this edit leaves it alone."""
    values = current.values
    return (
        values.id_number is not None
        and not values.sensitive_consent
        and under_legal_hold(current, today)
        and not ({"id_type", "id_number"} & set(changes))
    )


def _check_correction_request(db: Database, request_id: int, client_id: int) -> None:
    """The change history may name only an open correction request registered for this client."""
    stored = ClientRequestRepository(db).get(request_id)
    if (
        stored is None
        or stored.client_id != client_id
        or stored.kind != "correction"
        or stored.status != "open"
    ):
        raise InvalidInput(
            f"请求 #{request_id} 不是该客户待处理的更正请求。",
            f"Request #{request_id} is not an open correction request for this client.",
        )


class ConsentFormNeeded(InvalidInput):
    code = "consent_form_needed"

    def __init__(self) -> None:
        super().__init__(
            "敏感个人信息的单独同意须通过录入客户签署的同意书来记录（客户页面的“同意书”），不能直接勾选或取消。"
            "撤回同意请使用“撤回同意”。",
            "The separate sensitive-data consent is recorded only from the form the client signed (Consent "
            "form on the client's page), never ticked or unticked directly. Use Withdraw consent to "
            "withdraw it.",
        )


def create_client(
    ctx: SignedIn, draft: ClientDraft, *, consent: ConsentFormDraft | None = None
) -> ClientRecord:
    """Register a client, assigned to the signed-in agent or manager. Audited ``client.create``.

    ``consent``: the consent form the client signed before intake (a blank form filled by hand),
    recorded in the same transaction; the draft's ``sensitive_consent`` must match its answer (the
    consent is never set without a recorded form).

    Without a form the client still records the privacy-notice version in force at intake (and
    the ``client.create`` entry names it): the notice the client was informed under (PIPL Art. 17),
    so a later version that changes purposes shows who must be told again. A form recorded later
    replaces it with the form's own version."""
    from desktop_app.services.client_consents import record_form_in_transaction  # avoids a cycle
    from desktop_app.services.privacy_notices import current_notice_version

    check_permission(ctx, Action.CLIENT_EDIT)
    session, db = ctx.session, ctx.db
    given = consent is not None and bool(consent.answers.get(PurposeId.SENSITIVE_DATA.value))
    if consent_flag(draft.sensitive_consent) and not given:
        raise ConsentFormNeeded()
    guardian = consent is not None and bool(consent.guardian_name.strip())
    values = validate_draft(
        dataclasses.replace(draft, sensitive_consent=given), today=ctx.today(), guardian_consent=guardian
    )
    ensure_pseudonym_key(ctx)
    notice_version = current_notice_version(ctx)  # installs the bundled notice on first use
    repo = ClientRepository(db)
    now = ctx.now_utc()
    try:
        with db.transaction():
            _check_duplicates(ctx, repo, values)
            client_id = repo.add(values, assigned_agent_id=session.staff_id, now=now)
            ConsentRepository(db).set_notice_version(client_id, notice_version)
            record(
                ctx,
                "client.create",
                target_type="client",
                target_id=str(client_id),
                details={
                    "stage": values.stage,
                    "sensitive_consent": values.sensitive_consent,
                    "notice_version": notice_version,
                },
            )
            if consent is not None:
                record_form_in_transaction(ctx, client_id, consent)
            client = repo.get(client_id)
    except DuplicateClient as duplicate:
        _audit_duplicate(ctx, "client.create", "", duplicate, getattr(values, duplicate.field) or "")
        raise
    assert client is not None
    return client


def update_client(
    ctx: SignedIn, client_id: int, changes: dict[str, Any], *, request_id: int | None = None
) -> ClientDetail:
    """Change some fields (ClientDraft names, values as typed). The whole client is validated again.
    Audited ``client.update`` with the changed field names and pseudonyms of the old values; the
    change history (``client_changes``) records the field names, who, when and ``request_id`` (a
    correction request, PIPL Art. 46). Returns the masked detail: stored values leave the services
    only through a reveal."""
    check_permission(ctx, Action.CLIENT_EDIT)
    unknown = sorted(set(changes) - draft_fields())
    if unknown:
        raise InvalidInput(
            "不能修改的字段：" + "、".join(unknown), "These fields cannot be changed: " + ", ".join(unknown)
        )
    session, db = ctx.session, ctx.db
    ensure_pseudonym_key(ctx)
    repo = ClientRepository(db)
    today = ctx.today()
    now = ctx.now_utc()
    values: ClientValues | None = None
    try:
        with denials_audited(ctx, "client.update"), db.transaction():
            current = visible_client(ctx, repo, client_id)
            if request_id is not None:
                _check_correction_request(db, request_id, client_id)
            if "sensitive_consent" in changes and consent_flag(changes["sensitive_consent"]) != (
                current.values.sensitive_consent
            ):
                raise ConsentFormNeeded()
            values = validate_draft(
                draft_with(draft_from_values(current.values), changes),
                today=today,
                guardian_consent=guardian_signed(db, client_id),
                id_kept_for_legal_hold=_id_kept_for_legal_hold(current, changes, today),
            )
            changed = changed_columns(current.values, values)
            if not changed:
                return client_detail(current)
            _check_duplicates(ctx, repo, values, excluding=client_id)
            repo.update(client_id, values, now=now)
            repo.add_change(
                client_id, at=now, staff_id=session.staff_id, fields=changed, request_id=request_id
            )
            before = value_columns(current.values)
            old = {
                name: pseudonym(ctx, str(before[name])) for name in changed if before[name] not in (None, "")
            }
            record(
                ctx,
                "client.update",
                target_type="client",
                target_id=str(client_id),
                details={"fields": changed, "old": old, "request_id": request_id},
            )
            updated = repo.get(client_id)
    except DuplicateClient as duplicate:
        assert values is not None
        _audit_duplicate(
            ctx, "client.update", str(client_id), duplicate, getattr(values, duplicate.field) or ""
        )
        raise
    assert updated is not None
    return client_detail(updated)


def reassign_client(ctx: SignedIn, client_id: int, agent_username: str) -> ClientDetail:
    """Move a client to another active agent or manager (managers only). Audited ``client.reassign``.
    Returns the masked detail."""
    check_permission(ctx, Action.CLIENT_REASSIGN)
    db = ctx.db
    repo = ClientRepository(db)
    staff = StaffRepository(db)
    with db.transaction():
        client = visible_client(ctx, repo, client_id)
        member = staff.get(agent_username)
        if member is None or not member.active or member.role not in (Role.AGENT, Role.MANAGER):
            raise ReassignRefused(
                "只能分配给在职的经纪人或店长。",
                "A client can be assigned only to an active agent or manager.",
            )
        if member.id != client.assigned_agent_id:
            repo.set_agent(client_id, member.id)
            record(
                ctx,
                "client.reassign",
                target_type="client",
                target_id=str(client_id),
                details={"from_staff_id": client.assigned_agent_id, "to_staff_id": member.id},
            )
        updated = repo.get(client_id)
    assert updated is not None
    return client_detail(updated)
