"""Sending approved summaries to headquarters in the background while someone who can read the
outbox (a confirmed agent or manager) is signed in, and the daily scheduled preparation.

One pass is ``services/hq_sync.py``'s three steps on two lanes (ui/background.py), so the HQ
exchange never runs on the GUI thread and never holds the database lane the client list pages on:

1. database lane — ``plan``: the daily preparation when due (``hq_exports.prepare_scheduled``,
   once per Beijing day), then ``hq_sync.plan_pass`` (the enrolment, the branch key and the bodies
   due now: queued, failing whose next retry has come, sent without a receipt);
2. network lane — ``send``: ``hq_sync.send_plan`` over the context's transport, no database; it
   stops between bodies when the job is cancelled (lock, sign-out);
3. database lane — ``record``: ``hq_sync.record_outcomes`` (receipts checked and stored, or the
   failure with the next retry from the backoff), and for managers how many summaries await approval.

A pass runs when the window opens (what an earlier session left in the outbox goes first), right
after an approval, on "Send now", and on a timer: every ``PERIOD_MS``, or sooner when the earliest
failing item's next retry comes first (never sooner than ``MIN_DELAY_MS``). While the session is
locked no pass starts (the database is closed); a pass the lock cancelled is simply started again
later: re-sending a submission is always safe (HQ answers an identical re-send with its receipt).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.domain.permissions import Action, can
from desktop_app.services.session import ACCESS_GRANTED
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.cancellation import CancelToken
    from desktop_app.services.hq_export_values import ExportSummary
    from desktop_app.services.hq_sync import SendOutcome, SyncPlan, SyncReport
    from desktop_app.services.signed_in import SignedIn
    from desktop_app.ui.background import JobControl

PERIOD_MS = 5 * 60_000  # a check for due items and the daily preparation
MIN_DELAY_MS = 5_000
FIRST_PASS_DELAY_MS = 1_500  # after the window shows: let the first page load first


@dataclass(frozen=True)
class SyncOutcome:
    """What one pass did, for the page's status line and the manager's count."""

    finished_at: datetime
    enrolled: bool = True
    sent: int = 0
    acknowledged: int = 0
    failing: int = 0
    next_retry_at: datetime | None = None
    awaiting_approval: int | None = None  # managers only
    scheduled: ExportSummary | None = None  # prepared by the daily schedule in this pass
    error: str = ""  # the pass itself failed (e.g. the database was busy); it runs again later


def may_sync(shell: Shell) -> bool:
    """Whether the signed-in user can read the outbox: a confirmed agent or manager."""
    me = shell.existing_signed_in()
    if me is None:
        return False
    session = me.session
    return can(session.role, Action.EXPORT_REQUEST) and session.client_access == ACCESS_GRANTED


@dataclass(frozen=True)
class Planned:
    """The database step's answer: the plan (None before enrolment) and a scheduled summary."""

    plan: SyncPlan | None
    scheduled: ExportSummary | None


@dataclass(frozen=True)
class Recorded:
    report: SyncReport
    checked_at: datetime  # the context's clock
    awaiting_approval: int


def plan(ctx: SignedIn) -> Planned:
    """Database lane: the daily preparation if due, then what is due to send."""
    from desktop_app.services import hq_exports, hq_link, hq_sync

    scheduled = hq_exports.prepare_scheduled(ctx)
    if hq_link.link(ctx) is None:
        return Planned(None, scheduled)
    return Planned(hq_sync.plan_pass(ctx), scheduled)


def send(ctx: SignedIn, plan: SyncPlan, cancel: CancelToken) -> list[SendOutcome]:
    """Network lane, no database: the bodies over the context's transport."""
    from desktop_app.services import hq_sync

    transport = hq_sync.make_transport(ctx.context, plan.link)
    try:
        return hq_sync.send_plan(plan, transport, cancelled=lambda: cancel.cancelled)
    finally:
        transport.close()


def record(ctx: SignedIn, plan: SyncPlan | None, outcomes: list[SendOutcome]) -> Recorded:
    """Database lane: each answer recorded, then the counts."""
    from desktop_app.services import hq_exports, hq_sync

    if plan is None:
        report = hq_sync.SyncReport(0, 0, 0, None)
    else:
        report = hq_sync.record_outcomes(ctx, plan, outcomes)
    now = datetime.fromtimestamp(ctx.clock(), UTC)
    return Recorded(report, now, hq_exports.awaiting_approval_count(ctx))


class ExportSync(QObject):
    pass_finished = Signal(object)  # SyncOutcome
    state_changed = Signal()  # running started or ended
    awaiting_changed = Signal(int)  # managers: summaries awaiting approval

    def __init__(self, shell: Shell, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.running = False
        self.passes = 0  # finished passes (tests wait on it)
        self.last_outcome: SyncOutcome | None = None
        self._again = False
        self._active = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._tick)

    # -------------------------------------------------------------------------------- control

    def start(self, first_delay_ms: int = FIRST_PASS_DELAY_MS) -> bool:
        """Begin the background passes (False, and nothing runs, for a user who cannot read the
        outbox: IT, auditors, a member not yet confirmed)."""
        if not may_sync(self.shell):
            return False
        self._active = True
        self.timer.start(first_delay_ms)
        return True

    def stop(self) -> None:
        self._active = False
        self.timer.stop()

    @property
    def active(self) -> bool:
        return self._active

    def request_pass(self) -> None:
        """A pass now (after an approval, or "Send now"); queued behind one that runs."""
        if not self._active:
            return
        if self.running:
            self._again = True
            return
        self.timer.stop()
        self._begin()

    def _tick(self) -> None:
        if not self._active:
            return
        if self.shell.lock_state.locked or self.shell.existing_signed_in() is None:
            self.timer.start(PERIOD_MS)
            return
        self._begin()

    # ---------------------------------------------------------------------------------- steps

    def _begin(self) -> None:
        self.running = True
        self._again = False
        self.state_changed.emit()
        self.shell.call(plan, on_ok=self._planned, on_error=self._failed, owner=self)

    def _planned(self, planned: Planned) -> None:
        from desktop_app.ui.background import Lane

        sync_plan = planned.plan
        if sync_plan is None or not sync_plan.items:
            self._record(planned, [])
            return
        me = self.shell.signed_in()  # read here, on the GUI thread

        def network(control: JobControl) -> list[SendOutcome]:
            return send(me, sync_plan, control.token)

        self.shell.jobs.start(
            network,
            lambda outcomes: self._record(planned, outcomes),
            self._failed,
            owner=self,
            lane=Lane.NETWORK,
        )

    def _record(self, planned: Planned, outcomes: list[SendOutcome]) -> None:
        self.shell.call(
            record,
            planned.plan,
            outcomes,
            on_ok=lambda recorded: self._recorded(planned, recorded),
            on_error=self._failed,
            owner=self,
        )

    def _recorded(self, planned: Planned, recorded: Recorded) -> None:
        report = recorded.report
        self._end(
            SyncOutcome(
                finished_at=recorded.checked_at,
                enrolled=planned.plan is not None,
                sent=report.sent,
                acknowledged=report.acknowledged,
                failing=report.failing,
                next_retry_at=report.next_retry_at,
                awaiting_approval=recorded.awaiting_approval,
                scheduled=planned.scheduled,
            )
        )

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.domain.cancellation import Cancelled

        if isinstance(exc, Cancelled):  # the lock or a sign-out: the next tick starts over
            self.running = False
            self.state_changed.emit()
            if self._active:
                self.timer.start(PERIOD_MS)
            return
        self._end(SyncOutcome(finished_at=datetime.now(UTC), error=self.shell.error_text(exc)))

    def _end(self, outcome: SyncOutcome) -> None:
        self.running = False
        self.passes += 1
        self.last_outcome = outcome
        self.pass_finished.emit(outcome)
        if outcome.awaiting_approval is not None:
            self.awaiting_changed.emit(outcome.awaiting_approval)
        self.state_changed.emit()
        if not self._active:
            return
        if self._again:
            self.timer.start(0)
        else:
            self.timer.start(self.next_delay_ms(outcome, outcome.finished_at))

    @staticmethod
    def next_delay_ms(outcome: SyncOutcome, now: datetime) -> int:
        """The timer's next wait: the period, or less when a retry is due sooner."""
        delay = PERIOD_MS
        if outcome.next_retry_at is not None:
            until = int((outcome.next_retry_at - now).total_seconds() * 1000)
            delay = min(delay, until)
        return max(MIN_DELAY_MS, delay)
