"""The auditor's periodic audit-log review: the period's summary, recording the sign-off, the history
and whether a review is overdue.

Rule: auditors record reviews (``Action.LOG_REVIEW``); auditors and managers read the summary, the
history and the status (``Action.AUDIT_READ``). Recording first verifies the whole audit chain
(services/audit_review.verify, audited ``audit.verify``) and keeps its result with the counts, then
writes the review and its ``audit.log_review`` entry (period, sequence range, counts, outcome and the
content fingerprint) in one transaction. A review whose row no longer matches that fingerprint is
shown as altered and is not counted as the last review; a review whose row was deleted is listed as
missing. The summary holds counts and staff usernames only, never a client. Opening the summary is
not audited (it shows counts, not entries); recording is. Rules and legal basis: domain/log_review.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from desktop_app.domain.branch_time import BRANCH_TIME, branch_day_of
from desktop_app.domain.log_review import (
    LogReview,
    PeriodCounts,
    ReviewOutcome,
    check_no_overlap,
    check_period,
    clean_review_texts,
    default_period,
    fingerprint,
    next_due,
    parse_outcome,
)
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.log_review_repository import AuditPeriodQueries, LogReviewRepository, first_entry_ts
from desktop_app.store.staff_repository import StaffRepository


@dataclass(frozen=True)
class OffHoursSignIn:
    seq: int
    at: str  # Beijing "YYYY-MM-DD HH:MM"
    username: str
    role: str


@dataclass(frozen=True)
class PeriodSummary:
    """What the auditor looks at before signing a period off."""

    start: date
    end: date
    counts: PeriodCounts  # chain_verified False / chain_checked 0 until a review verifies it
    by_action: tuple[tuple[str, str, int], ...]  # (action, outcome, count)
    refusals_by_user: tuple[tuple[str, int], ...]
    off_hours: tuple[OffHoursSignIn, ...]
    alerts_acknowledged: int
    business_hours: tuple[int, int]


@dataclass(frozen=True)
class LogReviewView:
    review: LogReview
    reviewer_name: str
    altered: bool  # the row no longer matches the fingerprint in its audit entry


@dataclass(frozen=True)
class LogReviewStatus:
    last: LogReview | None  # the latest intact review
    next_due: date
    overdue: bool
    days_overdue: int
    interval_days: int
    altered: tuple[int, ...]  # reviews shown as altered
    missing: tuple[int, ...]  # reviews whose audit entry exists but whose row is gone
    default_start: date
    default_end: date


def _bounds(start: date, end: date) -> tuple[str, str]:
    """The stored UTC timestamps of Beijing ``start`` 00:00 and the day after ``end`` 00:00."""

    def stamp(day: date) -> str:
        moment = datetime.combine(day, time(0), BRANCH_TIME).astimezone(UTC)
        return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")

    return stamp(start), stamp(end + timedelta(days=1))


def _beijing(ts: str) -> datetime:
    moment = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BRANCH_TIME)


def outside_business_hours(moment: datetime, start_hour: int, end_hour: int) -> bool:
    """Before ``start_hour`` or from ``end_hour`` on (Beijing time; the alert rule's hours)."""
    return moment.hour < start_hour or moment.hour >= end_hour


def _summary(me: SignedIn, start: date, end: date) -> PeriodSummary:
    queries = AuditPeriodQueries(me.db, *_bounds(start, end))
    first, last, entries = queries.seq_range()
    by_action = tuple(queries.by_action())
    refusals = tuple(queries.refusals_by_user())
    policy = me.policy
    hours = (policy.alert_business_start_hour, policy.alert_business_end_hour)
    off_hours = tuple(
        OffHoursSignIn(seq, _beijing(ts).strftime("%Y-%m-%d %H:%M"), user, role)
        for seq, ts, user, role in queries.sign_ins()
        if outside_business_hours(_beijing(ts), *hours)
    )
    raised = queries.alert_targets("alert.raised")
    acknowledged = queries.alert_targets("alert.acknowledged")
    acknowledged_ever = queries.acknowledged_ever()
    outcomes = Counter({(a, o): n for a, o, n in by_action})
    counts = PeriodCounts(
        first_seq=first,
        last_seq=last,
        entries=entries,
        refusals=sum(n for _, n in refusals),
        failed_sign_ins=outcomes[("auth.sign_in", "failure")] + outcomes[("auth.sign_in", "denied")],
        off_hours_sign_ins=len(off_hours),
        alerts_raised=len(raised),
        alerts_open=sum(1 for target in raised if target not in acknowledged_ever),
        chain_verified=False,
        chain_checked=0,
    )
    return PeriodSummary(
        start=start,
        end=end,
        counts=counts,
        by_action=by_action,
        refusals_by_user=refusals,
        off_hours=off_hours,
        alerts_acknowledged=len(acknowledged),
        business_hours=hours,
    )


def period_summary(me: SignedIn, start: date, end: date) -> PeriodSummary:
    """The period's figures (auditors and managers). ``end`` may be today (the figures so far)."""
    check_permission(me, Action.AUDIT_READ)
    if end < start:
        check_period(start, end, me.today())  # raises the bilingual "ends before it starts"
    return _summary(me, start, end)


def record_log_review(
    me: SignedIn,
    start: date,
    end: date,
    findings: str,
    outcome: ReviewOutcome | str,
    follow_up: str = "",
) -> LogReview:
    """Sign off the period (auditors): verify the chain, keep the counts, audit the fingerprint."""
    check_permission(me, Action.LOG_REVIEW)
    result = parse_outcome(outcome) if isinstance(outcome, str) else outcome
    check_period(start, end, me.today())
    text, follow = clean_review_texts(findings, result, follow_up)
    repo = LogReviewRepository(me.db)
    check_no_overlap(start, end, [(r.period_start, r.period_end) for r in repo.all()])
    from desktop_app.services import audit_review  # local: it imports the witness machinery

    verification = audit_review.verify(me)
    summary = _summary(me, start, end)
    counts = replace(summary.counts, chain_verified=verification.ok, chain_checked=verification.checked)
    db = me.db
    with db.transaction():
        check_no_overlap(start, end, [(r.period_start, r.period_end) for r in repo.all()])
        review = repo.add(
            start=start,
            end=end,
            counts=counts,
            findings=text,
            outcome=result,
            follow_up=follow,
            reviewer=me.session.staff_id,
            signed_off_at=me.now_utc(),
        )
        record(
            me,
            "audit.log_review",
            target_type="log_review",
            target_id=str(review.id),
            details={
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                "first_seq": counts.first_seq,
                "last_seq": counts.last_seq,
                "entries": counts.entries,
                "refusals": counts.refusals,
                "failed_sign_ins": counts.failed_sign_ins,
                "off_hours_sign_ins": counts.off_hours_sign_ins,
                "alerts_raised": counts.alerts_raised,
                "alerts_open": counts.alerts_open,
                "chain_verified": counts.chain_verified,
                "outcome": result.value,
                "content_sha256": fingerprint(review),
            },
        )
    return review


def _views(me: SignedIn) -> tuple[list[LogReviewView], tuple[int, ...]]:
    repo = LogReviewRepository(me.db)
    recorded = repo.recorded_fingerprints()
    names = {m.id: m.display_name for m in StaffRepository(me.db).list()}
    views = [
        LogReviewView(r, names.get(r.reviewer, str(r.reviewer)), recorded.get(r.id) != fingerprint(r))
        for r in repo.all()
    ]
    present = {v.review.id for v in views}
    missing = tuple(sorted(i for i in recorded if i not in present))
    return views, missing


def log_reviews(me: SignedIn) -> list[LogReviewView]:
    """Every recorded review, latest period first, each marked when altered (auditors, managers)."""
    check_permission(me, Action.AUDIT_READ)
    return _views(me)[0]


def set_up_day(me: SignedIn) -> date:
    first = first_entry_ts(me.db)
    return branch_day_of(first) if first else me.today()


def log_review_status(me: SignedIn) -> LogReviewStatus:
    """The last intact review, when the next is due and whether it is overdue (auditors, managers)."""
    check_permission(me, Action.AUDIT_READ)
    views, missing = _views(me)
    intact = [v.review for v in views if not v.altered]
    last = max(intact, key=lambda r: (r.period_end, r.id), default=None)
    interval = int(me.policy.log_review_days)
    today = me.today()
    set_up = set_up_day(me)
    due = next_due(last.period_end if last else None, set_up, interval)
    reviewed_to = max((v.review.period_end for v in views), default=None)  # the form skips every row
    start, end = default_period(reviewed_to, set_up, today)
    return LogReviewStatus(
        last=last,
        next_due=due,
        overdue=today > due,
        days_overdue=max(0, (today - due).days),
        interval_days=interval,
        altered=tuple(v.review.id for v in views if v.altered),
        missing=missing,
        default_start=start,
        default_end=end,
    )
