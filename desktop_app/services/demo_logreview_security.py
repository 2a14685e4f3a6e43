"""Demo history for the auditor's periodic audit-log review (issue 15): six monthly reviews.

The demo auditor (陈静) reviewed each of the six calendar months before the current one, a few days
after it ended; the last one covers last month, so the review is not overdue and the tab's form
proposes the current month so far. One review has findings (an agent's late-night sign-ins, checked
with the agent) and a follow-up. The demo branch was set up today, so the months reviewed lie
before its audit log: their counts are plausible figures, not computed. Written through the
repository with explicit past moments (no KDF beyond the sign-in, a few milliseconds); each
review's ``audit.log_review`` entry is recorded now (the audit log's time order is kept) with the
review's fingerprint and ``demo_history``, so the app does not report it as altered.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from desktop_app.domain.branch_time import BRANCH_TIME, utc_timestamp
from desktop_app.domain.log_review import PeriodCounts, ReviewOutcome, fingerprint
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import record
from desktop_app.services.context import AppContext
from desktop_app.services.demo_profile import DEMO_USERS
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.log_review_repository import LogReviewRepository

MONTHS = 6
_FINDINGS = (
    "置业顾问账号在营业时间外登录 2 次（22 点后），已与本人核实为加班录入带看记录",
    "提醒员工营业时间外如需登录先告知店长；下月审查时复核",
)


def _months_before(today: date, count: int) -> list[tuple[date, date]]:
    """The ``count`` whole calendar months before ``today``'s, oldest first."""
    months: list[tuple[date, date]] = []
    end = today.replace(day=1) - timedelta(days=1)
    for _ in range(count):
        start = end.replace(day=1)
        months.append((start, end))
        end = start - timedelta(days=1)
    return months[::-1]


def seed_demo_security(ctx: AppContext, rng: random.Random) -> None:
    """Sign in as the demo auditor and write the reviews."""
    auditor = next(user for user in DEMO_USERS if user.role is Role.AUDITOR)
    me = sign_in(ctx, auditor.username, auditor.password)
    try:
        seed_log_reviews(me, rng)
    finally:
        sign_out(me)


def seed_log_reviews(me: SignedIn, rng: random.Random) -> None:
    """The six monthly reviews, signed by ``me`` (an auditor)."""
    repo = LogReviewRepository(me.db)
    today = me.today()
    months = _months_before(today, MONTHS)
    seq = 1
    with me.db.transaction():
        for index, (start, end) in enumerate(months):
            entries = rng.randint(1800, 2600)
            failed = rng.randint(2, 9)
            with_findings = index == len(months) - 3
            signed = datetime.combine(
                min(end + timedelta(days=rng.randint(2, 5)), today - timedelta(days=1)),
                datetime.min.time().replace(hour=10, minute=rng.randint(0, 59)),
                BRANCH_TIME,
            )
            counts = PeriodCounts(
                first_seq=seq,
                last_seq=seq + entries - 1,
                entries=entries,
                refusals=rng.randint(0, 4),
                failed_sign_ins=failed,
                off_hours_sign_ins=2 if with_findings else 0,
                alerts_raised=1 if with_findings else 0,
                alerts_open=0,
                chain_verified=True,
                chain_checked=seq + entries + rng.randint(20, 90),
            )
            seq += entries
            review = repo.add(
                start=start,
                end=end,
                counts=counts,
                findings=_FINDINGS[0] if with_findings else "",
                outcome=ReviewOutcome.FINDINGS if with_findings else ReviewOutcome.NO_FINDINGS,
                follow_up=_FINDINGS[1] if with_findings else "",
                reviewer=me.session.staff_id,
                signed_off_at=utc_timestamp(signed.timestamp()),
            )
            record(
                me,
                "audit.log_review",
                target_type="log_review",
                target_id=str(review.id),
                details={
                    "period_start": start.isoformat(),
                    "period_end": end.isoformat(),
                    "outcome": review.outcome.value,
                    "content_sha256": fingerprint(review),
                    "demo_history": True,
                },
            )
