"""Who sees which client, and the queries behind the masked views: count, list (summary rows), get
(detail page); the views themselves are built in the domain (domain/client_views.py).

An agent sees and edits only the clients assigned to them; a manager sees the whole branch; IT
administrators and auditors never see client data (refused and audited as ``access.denied``).
Lists show masked summary rows (masking.md) and never notes, ID numbers or birth dates; the detail
view masks every personal field except notes, and each view is audited as ``client.view``.
A record in "storage only" (kept for a legal hold after a deletion request or a withdrawal) is
never listed, counted or shown; opening one is refused with ``StorageOnly``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from desktop_app.domain.client_list_query import NO_FILTER, ClientFilter, ClientSort
from desktop_app.domain.client_record import ClientRecord
from desktop_app.domain.client_views import ClientDetail, ClientSummary, client_detail, client_summary
from desktop_app.domain.errors import BranchVaultError, InvalidInput, PermissionDenied
from desktop_app.domain.permissions import Action, can
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.privacy_notices import stale_notice_versions
from desktop_app.services.signed_in import SignedIn
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


# ------------------------------------------------------------------------------------------ visibility


def may_see(ctx: SignedIn, client: ClientRecord) -> bool:
    session = ctx.session
    if can(session.role, Action.CLIENT_VIEW_BRANCH):
        return True
    return can(session.role, Action.CLIENT_VIEW_OWN) and client.assigned_agent_id == session.staff_id


def visible_client(
    ctx: SignedIn, repo: ClientRepository, client_id: int, *, storage_only_ok: bool = False
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
def denials_audited(ctx: SignedIn, operation: str) -> Iterator[None]:
    """Audit a NotYourClient or StorageOnly raised inside (after its transaction rolled back), then
    re-raise."""
    try:
        yield
    except (NotYourClient, StorageOnly) as refused:
        db = ctx.db
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


def agent_filter(ctx: SignedIn) -> int | None:
    session = ctx.session
    return None if can(session.role, Action.CLIENT_VIEW_BRANCH) else session.staff_id


# ---------------------------------------------------------------------------------------------- queries


def count_clients(ctx: SignedIn, filters: ClientFilter = NO_FILTER) -> int:
    check_permission(ctx, Action.CLIENT_VIEW_OWN)
    db = ctx.db
    return ClientRepository(db).count(agent_id=agent_filter(ctx), filters=filters)


def list_clients(
    ctx: SignedIn,
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
    db = ctx.db
    rows = ClientRepository(db).page(
        agent_id=agent_filter(ctx), offset=offset, limit=limit, sort=order, filters=filters
    )
    stale = stale_notice_versions(ctx)
    return [client_summary(row, stale) for row in rows]


def get_client(ctx: SignedIn, client_id: int) -> ClientDetail:
    """The masked detail view (notes unmasked), audited as ``client.view``."""
    check_permission(ctx, Action.CLIENT_VIEW_OWN)
    db = ctx.db
    with denials_audited(ctx, "client.view"), db.transaction():
        client = visible_client(ctx, ClientRepository(db), client_id)
        record(ctx, "client.view", target_type="client", target_id=str(client_id))
    return client_detail(client)
