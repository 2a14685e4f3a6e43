"""One pass of the outbox: send every approved summary that is due to HQ, store HQ's receipts.

Rule: an export is acknowledged only when HQ's signed receipt for exactly the body that was sent is
verified and stored (services/hq_exports.record_receipt). HQ's 2xx answer is recorded as ``sent``
(then the receipt is checked and stored, or refused: ``failing``); no answer (HQ down, a timeout,
a reset, a crash of this process after the request left) leaves the export as it was (queued,
failing, or sent without a receipt) or ``failing``, and it is sent again. Re-sending is always
safe: the body is the same bytes, HQ answers an identical re-send with the original receipt and
stores the submission once. A
failed attempt waits ``domain/sync_backoff.next_delay`` (30 s, doubling, full jitter, at most six
hours) before the next; the pass never sleeps — it sends what is due now and says when the next
try is, so the caller (the GUI's network lane, a timer, ``branchvault export sync``) decides when
to run it again. Sync runs only while an agent or manager is signed in (the outbox is in
clients.db under the client-data key).

Three steps, so the GUI keeps the network off its database thread (ui/background.py): ``plan_pass``
(database lane: the enrolment and the bodies due), ``send_plan`` (network lane: no database, stops
between bodies when cancelled) and ``record_outcomes`` (database lane: receipts, failures, the
report). ``sync_once`` runs the three in a row (the CLI, tests).

Reason: issue 13 (exactly-once delivery through injected faults; survives restarts and days offline).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_app.domain.export_states import ExportState
from desktop_app.domain.sync_backoff import next_delay
from desktop_app.services import hq_exports, hq_link
from desktop_app.services.context import AppContext
from desktop_app.services.hq_export_values import Outgoing, ReceiptRejected, parse_utc
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.hq_link_repository import HqLink
from desktop_app.sync.hq_requests import SignedClient
from desktop_app.sync.receipts import ReceiptRefused, check_receipt
from desktop_app.sync.transport import HqResponse, HqTransport, HqUnreachable, HttpsTransport

_ANSWERED = (200, 201)


@dataclass(frozen=True)
class SyncReport:
    """What one pass did: bodies sent, receipts stored, exports left failing (all of them, not
    only this pass's) and the earliest next retry among those (None when nothing is failing)."""

    sent: int
    acknowledged: int
    failing: int
    next_retry_at: datetime | None
    errors: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return self.failing == 0

    def as_json(self) -> dict[str, object]:
        return {
            "sent": self.sent,
            "acknowledged": self.acknowledged,
            "failing": self.failing,
            "next_retry_at": _iso(self.next_retry_at) if self.next_retry_at else None,
            "errors": list(self.errors),
        }


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class SyncPlan:
    """What one pass will send, read from the database (``plan_pass``, on the database lane)."""

    link: HqLink
    items: tuple[Outgoing, ...]
    private_raw: bytes = field(repr=False)
    clock: Callable[[], float] = field(repr=False)


@dataclass(frozen=True)
class SendOutcome:
    """One body's exchange with HQ: an answer, or the failure on the way (exactly one is set)."""

    item: Outgoing
    response: HqResponse | None = None
    error: HqUnreachable | None = None


def default_transport(link: HqLink) -> HqTransport:
    """HTTPS to the enrolled address, verified against the enrolled CA file or the system store."""
    return HttpsTransport(link.url, Path(link.ca_file) if link.ca_file else None)


def make_transport(context: AppContext, link: HqLink) -> HqTransport:
    """The context's transport (``hq_transport_factory``; tests swap it), else HTTPS."""
    factory = context.hq_transport_factory or default_transport
    return factory(link)


def plan_pass(ctx: SignedIn) -> SyncPlan:
    """Database step: the enrolment and the bodies due now (``NotEnrolled`` before enrolment)."""
    link = hq_link.require_link(ctx)
    due = hq_exports.due_for_sending(ctx, datetime.fromtimestamp(ctx.clock(), UTC))
    return SyncPlan(link, tuple(due), hq_link.branch_private_key(ctx), ctx.clock)


def send_plan(
    plan: SyncPlan, transport: HqTransport, *, cancelled: Callable[[], bool] = lambda: False
) -> list[SendOutcome]:
    """Network step, no database: send each body once, in order; stops between bodies once
    ``cancelled()`` (the ones not sent are simply sent by a later pass)."""
    client = SignedClient(
        transport, branch_code=plan.link.branch_code, private_raw=plan.private_raw, clock=plan.clock
    )
    outcomes: list[SendOutcome] = []
    for item in plan.items:
        if cancelled():
            break
        try:
            outcomes.append(SendOutcome(item, response=client.submit(item.envelope)))
        except HqUnreachable as exc:
            outcomes.append(SendOutcome(item, error=exc))
    return outcomes


def record_outcomes(
    ctx: SignedIn,
    plan: SyncPlan,
    outcomes: list[SendOutcome],
    *,
    rng: Callable[[], float] = random.random,
) -> SyncReport:
    """Database step: store each receipt that checks out, or the failure and the next retry."""
    acknowledged = 0
    errors: list[str] = []
    for outcome in outcomes:
        error = _record_one(ctx, plan.link, outcome, rng)
        if error is None:
            acknowledged += 1
        else:
            errors.append(f"{outcome.item.id}: {error}")
    failing = [s for s in hq_exports.list_exports(ctx) if s.state is ExportState.FAILING]
    retries = [parse_utc(s.next_retry_at) for s in failing if s.next_retry_at]
    return SyncReport(len(outcomes), acknowledged, len(failing), min(retries, default=None), tuple(errors))


def sync_once(
    ctx: SignedIn, transport: HqTransport | None = None, *, rng: Callable[[], float] = random.random
) -> SyncReport:
    """The three steps in one call (the CLI, tests): send what is due now, once each. The
    transport is the context's unless given; one built here is closed here, and none is built
    when nothing is due."""
    plan = plan_pass(ctx)
    outcomes: list[SendOutcome] = []
    if plan.items:
        active = transport if transport is not None else make_transport(ctx.context, plan.link)
        try:
            outcomes = send_plan(plan, active)
        finally:
            if transport is None:
                active.close()
    return record_outcomes(ctx, plan, outcomes, rng=rng)


def _record_one(ctx: SignedIn, link: HqLink, outcome: SendOutcome, rng: Callable[[], float]) -> str | None:
    """None when the receipt is stored, else the error recorded for the body."""
    item, response = outcome.item, outcome.response
    if response is None:
        assert outcome.error is not None
        return _failed(ctx, item, outcome.error.short(), rng)
    if response.status not in _ANSWERED:
        return _failed(ctx, item, response.error_text(), rng)
    hq_exports.record_sent(ctx, item.id)  # HQ answered: a receipt should follow
    try:
        envelope = response.json()
        check_receipt(link.hq_public_key_b64, envelope, envelope=item.envelope, branch_code=link.branch_code)
        hq_exports.record_receipt(ctx, item.id, envelope)
    except HqUnreachable as exc:  # the answer was not JSON
        return _failed(ctx, item, exc.short(), rng)
    except ReceiptRefused as exc:
        return _failed(ctx, item, f"receipt refused: {exc.problem}", rng)
    except ReceiptRejected as exc:  # record_receipt's own checks refused it
        return _failed(ctx, item, f"receipt refused: {exc.en}", rng)
    return None


def _failed(ctx: SignedIn, item: Outgoing, error: str, rng: Callable[[], float]) -> str:
    delay = next_delay(item.attempts + 1, rng)
    next_retry = datetime.fromtimestamp(ctx.clock(), UTC) + timedelta(seconds=delay)
    hq_exports.record_failure(ctx, item.id, error, next_retry)
    return error
