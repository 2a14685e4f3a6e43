"""Individuals' requests (PIPL Art. 44–50): register, verify identity, answer or refuse.

Managers only (``Action.REQUEST_HANDLE``). A request is about one client the manager can see and
names it by id and by the pseudonym of its id and phone (as the destruction record does), so the
request still says which client it was after the client is destroyed. Its due date is 30 days
after identity verification (provisionally 30 days after receipt). Nothing but a refusal closes a
request before identity is verified, and a closed request never changes again.

How each kind is answered: ``complete_copy`` (the client's unmasked copy as PDF and JSON),
``complete_correction`` (``client_intake.update_client`` with the request id, so the change
history and audit entry name the request), ``complete_deletion`` (deletion or withdrawal:
``client_deletion.delete_or_keep_in_storage``; ``destruction_record_of`` then finds the record for
its certificate), ``complete_explanation`` and ``refuse_request``.
Every change is audited in its own transaction; audit details carry ids, kinds, dates and field
names, never personal data (the written refusal reason is audited, and it may carry no long numbers).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop_app.domain.client_record import ClientRecord, changed_columns
from desktop_app.domain.client_requests import (
    RECEIVED_FIELD,
    AlreadyVerified,
    ClientDestroyed,
    ClientState,
    NothingCorrected,
    RequestClosed,
    RequestKind,
    RequestStatus,
    RequestView,
    changed_fields_text,
    check_answerable,
    due_date,
    is_overdue,
    parse_kind,
    parse_status,
    validate_correction,
    validate_description,
    validate_outcome,
    validate_received_on,
    validate_refusal_reason,
)
from desktop_app.domain.client_views import client_summary
from desktop_app.domain.errors import BranchVaultError, PermissionDenied
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.permissions import Action
from desktop_app.domain.retention_rules import legal_hold_ends
from desktop_app.services.audit_trail import check_permission, ensure_pseudonym_key, pseudonym, record
from desktop_app.services.client_directory import denials_audited, visible_client
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository, FollowupRepository
from desktop_app.store.client_request_repository import ClientRequestRepository, StoredRequest
from desktop_app.store.consent_repository import ConsentRepository

TARGET = "client_request"


class RequestNotFound(BranchVaultError):
    code = "request_not_found"

    def __init__(self) -> None:
        super().__init__("找不到该客户请求。", "No such client request.")


@dataclass(frozen=True, repr=False)
class CopyOfData:
    """The client's own copy: a PDF to hand over and the same data as JSON."""

    request: RequestView
    pdf: bytes
    json: bytes

    def __repr__(self) -> str:
        return (
            f"CopyOfData(request={self.request.id}, pdf={len(self.pdf)} bytes, json={len(self.json)} bytes)"
        )


# -------------------------------------------------------------------------------------------- helpers


def _as_date(value: date | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidField(
            RECEIVED_FIELD, "not_a_date", "日期格式应为 2026-11-29", "use a date like 2026-11-29"
        ) from None


def _view(stored: StoredRequest, client: ClientRecord | None, today: date) -> RequestView:
    if client is None:
        state, name = ClientState.DESTROYED, ""
    elif client.storage_only:
        state, name = ClientState.STORAGE_ONLY, ""
    else:
        state, name = ClientState.ACTIVE, client_summary(client).name  # masked like the client list
    due_on = date.fromisoformat(stored.due_on)
    return RequestView(
        id=stored.id,
        client_id=stored.client_id,
        client_name=name,
        client_state=state,
        kind=stored.kind,
        status=stored.status,
        received_on=date.fromisoformat(stored.received_on),
        due_on=due_on,
        identity_verified=stored.identity_verified_at is not None,
        identity_verified_at=stored.identity_verified_at,
        description=stored.description,
        outcome=stored.outcome,
        registered_at=stored.registered_at,
        closed_at=stored.closed_at,
        overdue=is_overdue(stored.status, due_on, today),
    )


def _load_view(ctx: SignedIn, request_id: int) -> RequestView:
    db = ctx.db
    stored = ClientRequestRepository(db).get(request_id)
    if stored is None:
        raise RequestNotFound()
    client = ClientRepository(db).get(stored.client_id) if stored.client_id is not None else None
    return _view(stored, client, ctx.today())


def _open_request(
    ctx: SignedIn,
    request_id: int,
    kinds: Collection[RequestKind] = (),
    *,
    verified: bool = True,
) -> StoredRequest:
    """The open request, inside the caller's transaction; refused if closed, of another kind, or
    (``verified``) with the identity not verified yet."""
    db = ctx.db
    stored = ClientRequestRepository(db).get(request_id)
    if stored is None:
        raise RequestNotFound()
    check_answerable(
        stored.status,
        stored.kind,
        identity_verified=stored.identity_verified_at is not None,
        kinds=kinds,
        verification_needed=verified,
    )
    return stored


def _close(ctx: SignedIn, stored: StoredRequest, status: RequestStatus, outcome: str) -> None:
    session, db = ctx.session, ctx.db
    closed = ClientRequestRepository(db).close(
        stored.id, status=status.value, outcome=outcome, by=session.staff_id, at=ctx.now_utc()
    )
    if not closed:  # closed meanwhile by another session
        raise RequestClosed(RequestStatus.COMPLETED)


def _audit(ctx: SignedIn, action: str, stored: StoredRequest, reason: str = "", **details: Any) -> None:
    record(
        ctx,
        action,
        target_type=TARGET,
        target_id=str(stored.id),
        reason=reason,
        details={"kind": stored.kind, "client_id": stored.client_id, **details},
    )


def _client_id(stored: StoredRequest) -> int:
    if stored.client_id is None:
        raise ClientDestroyed()
    return stored.client_id


# ---------------------------------------------------------------------------------------- register


def register_request(
    ctx: SignedIn,
    client_id: int,
    kind: RequestKind | str,
    received_on: date | str,
    description: str = "",
    identity_verified: bool = False,
) -> RequestView:
    """Register a request received on ``received_on`` about a client the manager can see (also
    one in storage only). ``identity_verified``: the requester's identity was verified when the
    request was received, so the due date counts from receipt. Audited ``request.register``."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    session, db = ctx.session, ctx.db
    which = parse_kind(kind)
    text = validate_description(description)
    today = ctx.today()
    received = validate_received_on(_as_date(received_on), today)
    due = due_date(received, received if identity_verified else None)
    now = ctx.now_utc()
    ensure_pseudonym_key(ctx)
    requests = ClientRequestRepository(db)
    with denials_audited(ctx, "request.register"), db.transaction():
        client = visible_client(ctx, ClientRepository(db), client_id, storage_only_ok=True)
        alias = pseudonym(ctx, f"{client_id}:{client.values.phone_e164}")
        request_id = requests.add(
            client_id=client_id,
            client_pseudonym=alias,
            kind=which.value,
            received_on=received.isoformat(),
            due_on=due.isoformat(),
            description=text,
            registered_by=session.staff_id,
            registered_at=now,
            identity_verified_at=now if identity_verified else None,
        )
        stored = requests.get(request_id)
        assert stored is not None
        _audit(
            ctx,
            "request.register",
            stored,
            client=alias,
            received_on=received.isoformat(),
            due_on=due.isoformat(),
            identity_verified=bool(identity_verified),
        )
        return _view(stored, client, today)


def verify_identity(ctx: SignedIn, request_id: int) -> RequestView:
    """Record that the requester's identity is verified today; the due date becomes 30 days from
    today. Audited ``request.verify``."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    session, db = ctx.session, ctx.db
    today = ctx.today()
    with db.transaction():
        stored = _open_request(ctx, request_id, verified=False)
        if stored.identity_verified_at is not None:
            raise AlreadyVerified()
        due = due_date(date.fromisoformat(stored.received_on), today)
        ClientRequestRepository(db).mark_verified(
            request_id, at=ctx.now_utc(), by=session.staff_id, due_on=due.isoformat()
        )
        _audit(ctx, "request.verify", stored, due_on=due.isoformat())
        return _load_view(ctx, request_id)


def list_requests(ctx: SignedIn, status: RequestStatus | str | None = None) -> list[RequestView]:
    """Requests (of ``status``, or all), the earliest due first, client names masked."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    db = ctx.db
    wanted = None if status is None or status == "" else parse_status(status).value
    today = ctx.today()
    clients = ClientRepository(db)
    found: dict[int, ClientRecord | None] = {}
    views = []
    for stored in ClientRequestRepository(db).list(wanted):
        client = None
        if stored.client_id is not None:
            if stored.client_id not in found:
                found[stored.client_id] = clients.get(stored.client_id)
            client = found[stored.client_id]
        views.append(_view(stored, client, today))
    return views


def get_request(ctx: SignedIn, request_id: int) -> RequestView:
    check_permission(ctx, Action.REQUEST_HANDLE)
    return _load_view(ctx, request_id)


# ------------------------------------------------------------------------------------------- answer


COPY_OUTCOME = (
    "已向客户提供个人信息副本（PDF 和 JSON）/ Copy of the personal information provided (PDF and JSON)"
)


def complete_copy(ctx: SignedIn, request_id: int) -> CopyOfData:
    """The client's own, unmasked copy of everything held about them (PIPL Art. 45), built in
    memory; the request is completed. Audited ``request.copy``."""
    from desktop_app.documents.client_data_copy import copy_json, copy_pdf, data_copy

    check_permission(ctx, Action.REQUEST_HANDLE)
    db = ctx.db
    config = ctx.config
    clients = ClientRepository(db)
    with denials_audited(ctx, "request.copy"), db.transaction():
        stored = _open_request(ctx, request_id, (RequestKind.COPY,))
        client = visible_client(ctx, clients, _client_id(stored))
        followups = FollowupRepository(db).for_client(client.id)
        changes = clients.changes(client.id)
        contents = data_copy(
            config.letterhead(),
            client,
            followups,
            changes,
            request_id=request_id,
            generated_at=ctx.now_utc(),
            consent_events=[e.as_event() for e in ConsentRepository(db).events(client.id)],
        )
        pdf, json_bytes = copy_pdf(contents), copy_json(contents)
        _close(ctx, stored, RequestStatus.COMPLETED, COPY_OUTCOME)
        _audit(
            ctx,
            "request.copy",
            stored,
            fields=len(contents.fields),
            follow_ups=len(followups),
            changes=len(changes),
            formats=["pdf", "json"],
        )
        view = _load_view(ctx, request_id)
    return CopyOfData(view, pdf, json_bytes)


def complete_correction(ctx: SignedIn, request_id: int, changes: dict[str, str]) -> RequestView:
    """Correct the client's data (PIPL Art. 46) through ``update_client`` with this request's id,
    then complete the request with the corrected field names as its outcome. One transaction.
    Audited ``client.update`` (old values as pseudonyms) and ``request.correct``."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    from desktop_app.services.client_intake import update_client

    wanted = validate_correction(changes)
    db = ctx.db
    ensure_pseudonym_key(ctx)
    clients = ClientRepository(db)
    try:
        with denials_audited(ctx, "request.correct"), db.transaction():
            stored = _open_request(ctx, request_id, (RequestKind.CORRECTION,))
            before = visible_client(ctx, clients, _client_id(stored))
            update_client(ctx, before.id, wanted, request_id=request_id)
            after = clients.get(before.id)
            assert after is not None
            changed = changed_columns(before.values, after.values)
            if not changed:
                raise NothingCorrected()
            zh, en = changed_fields_text(changed)
            _close(ctx, stored, RequestStatus.COMPLETED, f"已更正：{zh} / Corrected: {en}")
            _audit(ctx, "request.correct", stored, fields=changed)
            return _load_view(ctx, request_id)
    except BranchVaultError as failed:
        # the whole transaction (and any failure entry written inside it) rolled back: record
        # the failed attempt on its own, without the values (PermissionDenied is audited already)
        if not isinstance(failed, PermissionDenied):
            with db.transaction():
                record(
                    ctx,
                    "request.correct",
                    target_type=TARGET,
                    target_id=str(request_id),
                    outcome="failure",
                    reason=failed.code,
                    details={"fields": sorted(wanted)},
                )
        raise


def complete_deletion(ctx: SignedIn, request_id: int) -> RequestView:
    """Answer a deletion request or a withdrawal of consent (PIPL Art. 47): the client is destroyed
    (destruction record and WAL checkpoint, see ``client_deletion``) or, for a buyer under the
    anti-money-laundering hold, kept in storage only until the hold ends. The request is completed
    with what happened; after a destruction its description is blanked (it may hold personal
    data). Audited ``client.delete`` / ``client.storage_only`` and ``request.delete``."""
    from desktop_app.services.client_deletion import DeletionReason, delete_or_keep_in_storage

    check_permission(ctx, Action.REQUEST_HANDLE)
    db = ctx.db
    kinds = (RequestKind.DELETION, RequestKind.WITHDRAWAL)
    reference = f"REQ-{request_id}"
    requests = ClientRequestRepository(db)
    with db.transaction():
        stored = _open_request(ctx, request_id, kinds)
    reason = (
        DeletionReason.DELETION_REQUEST
        if stored.kind == RequestKind.DELETION
        else DeletionReason.CONSENT_WITHDRAWN
    )
    record_id: int | None = None
    if stored.client_id is not None:
        destroyed = delete_or_keep_in_storage(ctx, stored.client_id, reason, request_reference=reference)
        record_id = destroyed.id if destroyed is not None else None
    with db.transaction():
        stored = _open_request(ctx, request_id, kinds)
        client = ClientRepository(db).get(stored.client_id) if stored.client_id is not None else None
        if client is None:
            # destroyed now, or by an earlier attempt that stopped before the request was closed
            record_id = record_id or requests.destruction_record_for(reference)
            shown = str(record_id) if record_id is not None else "—"
            outcome = f"已销毁（销毁记录 {shown}）/ Destroyed (destruction record {shown})"
            requests.blank_description(request_id)
        else:
            ends = legal_hold_ends(client)
            until = ends.isoformat() if ends else "—"
            outcome = (
                f"依法仅作保存，保存至 {until}（反洗钱保存期，个人信息保护法第四十七条）/ "
                f"Storage only until {until} (anti-money-laundering hold, PIPL Art. 47)"
            )
        _close(ctx, stored, RequestStatus.COMPLETED, outcome)
        _audit(
            ctx,
            "request.delete",
            stored,
            destroyed=client is None,
            destruction_record=record_id,
            storage_only=client is not None,
        )
        return _load_view(ctx, request_id)


def destruction_record_of(ctx: SignedIn, request_id: int) -> int | None:
    """The destruction record made when this deletion or withdrawal request was answered (its
    single-client certificate: ``client_deletion.destruction_certificate_pdf``), or None when the
    client was kept in storage only or the request is not answered yet."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    db = ctx.db
    return ClientRequestRepository(db).destruction_record_for(f"REQ-{request_id}")


def complete_explanation(ctx: SignedIn, request_id: int, outcome_text: str) -> RequestView:
    """Record the explanation given to the client (PIPL Art. 48) and complete the request.
    Audited ``request.explain`` (the text's length, not the text)."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    text = validate_outcome(outcome_text)
    db = ctx.db
    with db.transaction():
        stored = _open_request(ctx, request_id, (RequestKind.EXPLANATION,))
        _close(ctx, stored, RequestStatus.COMPLETED, text)
        _audit(ctx, "request.explain", stored, length=len(text))
        return _load_view(ctx, request_id)


def refuse_request(ctx: SignedIn, request_id: int, reason: str) -> RequestView:
    """Refuse a request with a written reason (PIPL Art. 50), shown on the request. Audited
    ``request.refuse`` with the reason's pseudonym and length: the text may name the person and
    the audit log is kept for good, while the request's text goes when the client is destroyed.
    Possible before the identity is verified (e.g. because it could not be)."""
    check_permission(ctx, Action.REQUEST_HANDLE)
    text = validate_refusal_reason(reason)
    db = ctx.db
    ensure_pseudonym_key(ctx)
    with db.transaction():
        stored = _open_request(ctx, request_id, verified=False)
        _close(ctx, stored, RequestStatus.REFUSED, text)
        _audit(ctx, "request.refuse", stored, reason="refused", text=pseudonym(ctx, text), length=len(text))
        return _load_view(ctx, request_id)
