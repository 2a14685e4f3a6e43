"""Demo history for the access review (issue 15): last period's review finished, this period's due.

Last period's review lists the four demo members and a former agent (``wang.fang``, added a year
ago, never given a key slot in the demo) who had not signed in for months: the manager kept the
four and disabled the former agent. Written through the repository with past dates (no KDF beyond
the manager's sign-in, a few milliseconds); the ``access_review.finish`` and ``staff.disable``
entries are recorded now (the audit log's time order is kept) with ``demo_history`` and the
review's fingerprint, so the app does not report it as altered. This period's review is not
started, so the tab and the CLI show it as due.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from desktop_app.domain.access_review import Decision, days_since, fingerprint, review_period
from desktop_app.domain.roles import Role
from desktop_app.services.access_reviews import TARGET
from desktop_app.services.audit_trail import record
from desktop_app.services.context import AppContext
from desktop_app.services.demo_profile import DEMO_MANAGER
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.access_review_repository import AccessReviewRepository
from desktop_app.store.staff_repository import StaffRepository

FORMER_AGENT = ("wang.fang", "王芳（已离职）")


def _at(day: date, hour: int) -> str:
    return f"{day.isoformat()}T{hour:02d}:00:00.000000Z"


def seed_demo_security(ctx: AppContext, rng: random.Random) -> None:
    """Sign in as the demo manager and write last period's finished review."""
    me = sign_in(ctx, DEMO_MANAGER.username, DEMO_MANAGER.password)
    try:
        seed_access_review_history(me, rng)
    finally:
        sign_out(me)


def seed_access_review_history(me: SignedIn, rng: random.Random) -> None:
    db = me.db
    staff = StaffRepository(db)
    repo = AccessReviewRepository(db)
    months = int(me.policy.access_review_months)
    today = me.today()
    last = review_period(review_period(today, months).start - timedelta(days=1), months)
    if repo.by_period(last.key) is not None:
        return
    finished_on = min(last.end - timedelta(days=rng.randint(2, 6)), today - timedelta(days=1))
    started_on = finished_on - timedelta(days=1)
    manager = me.session.staff_id
    with db.transaction():
        former = staff.add(
            username=FORMER_AGENT[0],
            display_name=FORMER_AGENT[1],
            role=Role.AGENT,
            must_change_password=False,
            password_changed_at=0.0,
            created_at=_at(today - timedelta(days=365), 1),
            created_by=manager,
        )
        review = repo.start(last.key, at=_at(started_on, 2), by=manager)
        for member in staff.list():
            if member.id == former.id:
                last_seen = started_on - timedelta(days=rng.randint(100, 130))
            else:
                last_seen = started_on - timedelta(days=rng.randint(0, 6))
            repo.add_item(
                review.id,
                staff_id=member.id,
                username=member.username,
                display_name=member.display_name,
                role=member.role,
                active=True,
                last_sign_in=_at(last_seen, 1),
                days_inactive=days_since(_at(last_seen, 1), started_on),
            )
        decided_at = _at(started_on, 3)
        for item in repo.items(review.id):
            if item.staff_id == former.id:
                repo.decide(
                    item.id,
                    Decision.DISABLE,
                    new_role=None,
                    note="已离职，停用账户",
                    at=decided_at,
                    by=manager,
                )
            else:
                repo.decide(
                    item.id, Decision.KEEP, new_role=None, note="岗位职责不变", at=decided_at, by=manager
                )
        staff.set_active(former.id, False, at=decided_at)
        items = repo.items(review.id)
        content = fingerprint(review, items)
        repo.finish(review.id, at=_at(finished_on, 8), by=manager, fingerprint=content)
        record(
            me,
            "staff.disable",
            target_type="staff",
            target_id=former.username,
            details={"held_client_key": False, "reason": "access_review", "demo_history": True},
        )
        record(
            me,
            "access_review.finish",
            target_type=TARGET,
            target_id=str(review.id),
            details={
                "period": last.key,
                "keep": len(items) - 1,
                "disable": 1,
                "change_role": 0,
                "demo_history": True,
                "content_sha256": content,
            },
        )
