"""Who sees which client, and the masked views: count, list (summary rows), get (detail page).

An agent sees and edits only the clients assigned to them; a manager sees the whole branch; IT
administrators and auditors never see client data (refused and audited as ``access.denied``).
Lists show masked summary rows (masking.md) and never notes, ID numbers or birth dates; the detail
view masks every personal field except notes, and each view is audited as ``client.view``.
A record in "storage only" (kept for a legal hold after a deletion request or a withdrawal) is
never listed, counted or shown; opening one is refused with ``StorageOnly``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from desktop_app.domain.client_choices import IncomeBand
from desktop_app.domain.client_list_query import NO_FILTER, ClientFilter, ClientSort
from desktop_app.domain.client_record import ClientRecord, ClientValues
from desktop_app.domain.consent_records import needs_reconsent
from desktop_app.domain.errors import BranchVaultError, InvalidInput, PermissionDenied
from desktop_app.domain.identity_documents import IdType
from desktop_app.domain.masking import FieldKind, mask, mask_address
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.phone_numbers import PhoneKind, validate_phone
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.context import AppContext
from desktop_app.services.privacy_notices import stale_notice_versions
from desktop_app.store.client_repository import ClientRepository

MAX_PAGE = 200


class ClientNotFound(BranchVaultError):
    code = "client_not_found"

    def __init__(self) -> None:
        super().__init__("找不到该客户。", "No such client.")


class StorageOnly(BranchVaultError):
    """The record is kept only because the law requires it (PIPL Art. 47)."""

    code = "storage_only"

    def __init__(self, client_id: int) -> None:
        self.client_id = client_id
        super().__init__(
            "该客户资料依法仅作保存（反洗钱规定的保存期内），不能查看、修改、打印或导出。",
            "This client's records are kept in storage only (anti-money-laundering retention "
            "period); they cannot be viewed, changed, printed or exported.",
        )


class NotYourClient(PermissionDenied):
    """The client exists but is assigned to another agent."""

    def __init__(self, client_id: int) -> None:
        self.client_id = client_id
        BranchVaultError.__init__(
            self,
            "该客户不是分配给您的客户，您无权查看或修改。如需处理请联系店长。",
            "This client is not assigned to you; you may not view or change it. Ask the manager.",
        )


@dataclass(frozen=True)
class ClientSummary:
    """One masked row of the client list. Never notes, ID number or birth date."""

    id: int
    name: str
    phone: str
    intention_level: str | None
    stage: str
    assigned_agent_id: int
    last_contact_at: str | None
    needs_reconsent: bool = False
    """The client's latest consent form was signed under a notice version whose successor changed
    purposes or recipients: ask the client to sign the current form (Art. 14)."""


@dataclass(frozen=True)
class ClientDetail:
    """The detail page: every personal field masked except notes."""

    id: int
    assigned_agent_id: int
    name: str
    phone: str
    phone_kind: str
    id_type: str | None
    id_number: str
    email: str
    address: str
    income_band: str
    intended_districts: str
    choices: Mapping[str, str]  # the simple choice fields given (client_field_registry.py): codes
    stage: str
    notes: str
    sensitive_consent: bool
    created_at: str
    updated_at: str
    last_contact_at: str | None
    id_number_held: bool = False
    """The ID document is kept only for the anti-money-laundering hold after the consent was
    withdrawn: not shown, not even masked (no processing but storage)."""


# ------------------------------------------------------------------------------------------ visibility


def may_see(ctx: AppContext, client: ClientRecord) -> bool:
    session, _ = ctx.require_session()
    if can(session.role, Action.CLIENT_VIEW_BRANCH):
        return True
    return can(session.role, Action.CLIENT_VIEW_OWN) and client.assigned_agent_id == session.staff_id


def visible_client(
    ctx: AppContext, repo: ClientRepository, client_id: int, *, storage_only_ok: bool = False
) -> ClientRecord:
    """The client, if the signed-in user may see it; ClientNotFound or NotYourClient otherwise, and
    StorageOnly for a record in storage only unless ``storage_only_ok`` (deletion, retention).
    Call inside ``denials_audited`` so a refusal is audited after the transaction rolls back."""
    client = repo.get(client_id)
    if client is None:
        raise ClientNotFound()
    if not may_see(ctx, client):
        raise NotYourClient(client_id)
    if client.storage_only and not storage_only_ok:
        raise StorageOnly(client_id)
    return client


@contextlib.contextmanager
def denials_audited(ctx: AppContext, operation: str) -> Iterator[None]:
    """Audit a NotYourClient or StorageOnly raised inside (after its transaction rolled back), then
    re-raise."""
    try:
        yield
    except (NotYourClient, StorageOnly) as refused:
        _, db = ctx.require_session()
        with db.transaction():
            record(
                ctx,
                "access.denied",
                target_type="client",
                target_id=str(refused.client_id),
                outcome="denied",
                reason="not_assigned" if isinstance(refused, NotYourClient) else "storage_only",
                details={"operation": operation},
            )
        raise


def agent_filter(ctx: AppContext) -> int | None:
    session, _ = ctx.require_session()
    return None if can(session.role, Action.CLIENT_VIEW_BRANCH) else session.staff_id


# ----------------------------------------------------------------------------------------------- masks


def masked_phone(e164: str, kind: str) -> str:
    """Never raises: a stored number the validator no longer accepts (e.g. after a phonenumbers data
    update) is still masked, by the foreign rule, rather than breaking the list."""
    try:
        display = validate_phone(e164).display
    except InvalidInput:
        return mask(FieldKind.FOREIGN_PHONE, e164)
    if kind == PhoneKind.MOBILE:
        return mask(FieldKind.MAINLAND_MOBILE, display.replace(" ", ""))
    if kind == PhoneKind.LANDLINE:
        return mask(FieldKind.LANDLINE, display)
    return mask(FieldKind.FOREIGN_PHONE, display)


def masked_id_number(id_type: str | None, number: str | None) -> str:
    if not number:
        return ""
    if id_type in (IdType.RESIDENT_ID, IdType.HMT_RESIDENCE_PERMIT):
        return mask(FieldKind.RESIDENT_ID_18, number)
    if id_type == IdType.RESIDENT_ID_15:
        return mask(FieldKind.RESIDENT_ID_15, number)
    return mask(FieldKind.OTHER_ID_DOCUMENT, number)


def summary(client: ClientRecord, stale_versions: frozenset[str] = frozenset()) -> ClientSummary:
    """The masked list row; ``stale_versions`` (privacy_notices.stale_notice_versions) sets the
    re-consent flag."""
    v = client.values
    return ClientSummary(
        id=client.id,
        name=mask(FieldKind.NAME, v.full_name),
        phone=masked_phone(v.phone_e164, v.phone_kind),
        intention_level=v.choice("intention_level"),
        stage=v.stage,
        assigned_agent_id=client.assigned_agent_id,
        last_contact_at=client.last_contact_at,
        needs_reconsent=needs_reconsent(client.notice_version, stale_versions, has_form=client.has_form),
    )


def detail(client: ClientRecord) -> ClientDetail:
    v: ClientValues = client.values
    return ClientDetail(
        id=client.id,
        assigned_agent_id=client.assigned_agent_id,
        name=mask(FieldKind.NAME, v.full_name),
        phone=masked_phone(v.phone_e164, v.phone_kind),
        phone_kind=v.phone_kind,
        id_type=v.id_type,
        id_number=masked_id_number(v.id_type, v.id_number) if v.sensitive_consent else "",
        email=mask(FieldKind.EMAIL, v.email),
        address=mask_address(v.province, v.city, v.district, v.address_detail),
        income_band=mask(
            FieldKind.INCOME_BAND, IncomeBand(v.income_band).label_zh if v.income_band else None
        ),
        intended_districts=v.intended_districts,
        choices=v.choices,
        stage=v.stage,
        notes=v.notes,
        sensitive_consent=v.sensitive_consent,
        created_at=client.created_at,
        updated_at=client.updated_at,
        last_contact_at=client.last_contact_at,
        id_number_held=v.id_number is not None and not v.sensitive_consent,
    )


# ---------------------------------------------------------------------------------------------- queries


def count_clients(ctx: AppContext, filters: ClientFilter = NO_FILTER) -> int:
    check_permission(ctx, Action.CLIENT_VIEW_OWN)
    _, db = ctx.require_session()
    return ClientRepository(db).count(agent_id=agent_filter(ctx), filters=filters)


def list_clients(
    ctx: AppContext,
    offset: int = 0,
    limit: int = 50,
    sort: ClientSort | str = ClientSort.LAST_CONTACT,
    filters: ClientFilter = NO_FILTER,
) -> list[ClientSummary]:
    """One page of masked summary rows the signed-in user may see, narrowed by ``filters``."""
    check_permission(ctx, Action.CLIENT_VIEW_OWN)
    if offset < 0 or not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(
            f"分页参数无效（每页 1–{MAX_PAGE} 条）。", f"Invalid page (1–{MAX_PAGE} rows per page)."
        )
    try:
        order = ClientSort(sort)
    except ValueError:
        raise InvalidInput("不支持的排序方式。", "Unsupported sort order.") from None
    _, db = ctx.require_session()
    rows = ClientRepository(db).page(
        agent_id=agent_filter(ctx), offset=offset, limit=limit, sort=order, filters=filters
    )
    stale = stale_notice_versions(ctx)
    return [summary(row, stale) for row in rows]


def get_client(ctx: AppContext, client_id: int) -> ClientDetail:
    """The masked detail view (notes unmasked), audited as ``client.view``."""
    check_permission(ctx, Action.CLIENT_VIEW_OWN)
    _, db = ctx.require_session()
    with denials_audited(ctx, "client.view"), db.transaction():
        client = visible_client(ctx, ClientRepository(db), client_id)
        record(ctx, "client.view", target_type="client", target_id=str(client_id))
    return detail(client)
