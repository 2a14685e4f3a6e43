"""``hq_sync.sync_once`` cut at the network, for the GUI's two lanes.

Rule: the database is used only on the database lane and the network only on the network lane
(ui/background.py): the shared connection must never be used by two threads (a write on the
network thread would join, and commit or roll back with, whatever transaction the database lane
holds open), and a slow or silent HQ must never hold up the client list. So a pass is three calls:

- ``collect(ctx)`` (database): the daily scheduled preparation when due, the outbox's due
  items (``hq_exports.due_for_sending``) and what sending needs (the HQ link, the branch key, the
  context's transport factory). Nothing is sent yet.
- ``exchange(batch, cancel)`` (network, no database): one signed request per item, each answer (or
  the network failure) kept; it stops between items once ``cancel`` is set.
- ``settle(ctx, batch, answers)`` (database): each answer recorded exactly as ``sync_once`` records
  it — a 200/201 marks the export sent, then HQ's receipt is checked (sync/receipts.py) and stored
  (``record_receipt``: acknowledged); anything else is a failure with the next retry from
  ``domain/sync_backoff`` — then the failing count, the earliest next retry and, for managers,
  how many summaries await approval.

Re-sending is always safe (the same bytes; HQ answers an identical re-send with its receipt), so a
pass cut by the lock or a sign-out between the steps loses nothing. Reason: issue 13 (sync in the
background, never on the GUI thread, never blocking the lane the client list uses).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop_app.domain.cancellation import CancelToken
from desktop_app.domain.export_states import ExportState
from desktop_app.domain.sync_backoff import next_delay
from desktop_app.services import hq_exports, hq_link
from desktop_app.services.hq_export_values import ExportSummary, Outgoing, ReceiptRejected, parse_utc
from desktop_app.services.hq_sync import SyncReport, default_transport
from desktop_app.services.signed_in import SignedIn
from desktop_app.sync.hq_requests import SignedClient
from desktop_app.sync.receipts import ReceiptRefused, check_receipt
from desktop_app.sync.transport import HqResponse, HqUnreachable

_ANSWERED = (200, 201)


@dataclass(frozen=True)
class Batch:
    """What the network step needs, read on the database lane. ``link`` is None before enrolment."""

    link: Any  # services.hq_link.HqLink | None
    items: tuple[Outgoing, ...]
    private_key: bytes = field(default=b"", repr=False)
    transport_factory: Callable[[Any], Any] | None = None
    clock: Callable[[], float] | None = None
    scheduled: ExportSummary | None = None  # prepared by the daily schedule in this pass

    @property
    def enrolled(self) -> bool:
        return self.link is not None


@dataclass(frozen=True)
class Answer:
    """HQ's answer to one item, or why none came (``HqUnreachable``)."""

    item: Outgoing
    response: HqResponse | None
    unreachable: str = ""


@dataclass(frozen=True)
class PassReport:
    checked_at: datetime  # the context's clock when the pass ended
    report: SyncReport
    enrolled: bool
    awaiting_approval: int | None
    scheduled: ExportSummary | None


def _now(ctx: SignedIn) -> datetime:
    return datetime.fromtimestamp(ctx.clock(), UTC)


def collect(ctx: SignedIn) -> Batch:
    """Database lane: prepare the scheduled summary if due, then read what is due to send now (by
    the context's clock, as ``sync_once``)."""
    now = _now(ctx)
    scheduled = hq_exports.prepare_scheduled(ctx)
    link = hq_link.link(ctx)
    if link is None:
        return Batch(None, (), scheduled=scheduled)
    items = tuple(hq_exports.due_for_sending(ctx, now))
    if not items:
        return Batch(link, (), scheduled=scheduled)
    return Batch(
        link,
        items,
        hq_link.branch_private_key(ctx),
        ctx.context.hq_transport_factory or default_transport,
        ctx.clock,
        scheduled,
    )


def exchange(batch: Batch, cancel: CancelToken | None = None) -> list[Answer]:
    """Network lane, no database: send each item once, in order; stop early when cancelled."""
    answers: list[Answer] = []
    if not batch.items or batch.transport_factory is None or batch.clock is None:
        return answers
    transport = batch.transport_factory(batch.link)
    try:
        client = SignedClient(
            transport, branch_code=batch.link.branch_code, private_raw=batch.private_key, clock=batch.clock
        )
        for item in batch.items:
            if cancel is not None and cancel.cancelled:
                break
            try:
                answers.append(Answer(item, client.submit(item.envelope)))
            except HqUnreachable as exc:
                answers.append(Answer(item, None, exc.short()))
    finally:
        transport.close()
    return answers


def settle(
    ctx: SignedIn, batch: Batch, answers: list[Answer] | None, *, rng: Callable[[], float] = random.random
) -> PassReport:
    """Database lane: record every answer as ``sync_once`` does, then count."""
    sent = acknowledged = 0
    errors: list[str] = []
    for answer in answers or ():
        problem = _record(ctx, batch, answer, rng)
        sent += 1
        if problem is None:
            acknowledged += 1
        else:
            errors.append(f"{answer.item.id}: {problem}")
    failing = [s for s in hq_exports.list_exports(ctx) if s.state is ExportState.FAILING]
    retries = [parse_utc(s.next_retry_at) for s in failing if s.next_retry_at]
    report = SyncReport(sent, acknowledged, len(failing), min(retries, default=None), tuple(errors))
    return PassReport(
        _now(ctx), report, batch.enrolled, hq_exports.awaiting_approval_count(ctx), batch.scheduled
    )


def _record(ctx: SignedIn, batch: Batch, answer: Answer, rng: Callable[[], float]) -> str | None:
    item, response = answer.item, answer.response
    if response is None:
        return _failed(ctx, item, answer.unreachable, rng)
    if response.status not in _ANSWERED:
        return _failed(ctx, item, response.error_text(), rng)
    try:
        hq_exports.record_sent(ctx, item.id)
        envelope = response.json()
        link = batch.link
        check_receipt(link.hq_public_key_b64, envelope, envelope=item.envelope, branch_code=link.branch_code)
        hq_exports.record_receipt(ctx, item.id, envelope)
    except HqUnreachable as exc:
        return _failed(ctx, item, exc.short(), rng)
    except ReceiptRefused as exc:
        return _failed(ctx, item, f"receipt refused: {exc.problem}", rng)
    except ReceiptRejected as exc:
        return _failed(ctx, item, f"receipt refused: {exc.en}", rng)
    return None


def _failed(ctx: SignedIn, item: Outgoing, error: str, rng: Callable[[], float]) -> str:
    delay = next_delay(item.attempts + 1, rng)
    next_retry = _now(ctx) + timedelta(seconds=delay)
    hq_exports.record_failure(ctx, item.id, error, next_retry)
    return error
