"""The auditor's periodic audit-log review on a real encrypted branch: the period summary (counts per
action, refusals per user, off-hours sign-ins, alerts), recording with the chain verified first, the
period rules (no future, no overlap), the free-text guard, who may do what, and the overdue status
with the test clock (days after the last period's end, or after set-up)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.log_review import ReviewOutcome
from desktop_app.domain.roles import Role
from desktop_app.services import log_reviews
from desktop_app.services.audit_trail import record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.migrations import LATEST_VERSION, current_version
from tests.conftest import Branch, Clock

SignIn = Callable[[Role], SignedIn]
DAY = 86400.0


def _yesterday(me: SignedIn) -> date:
    return me.today() - timedelta(days=1)


def test_summary_counts_the_period(branch: Branch, signed_in: SignIn, clock: Clock) -> None:
    # the template branch was set up "now"; move to 03:00 Beijing two days later (off hours)
    clock.advance(2 * DAY)
    hour = (clock.now / 3600 + 8) % 24
    clock.advance(((27 - hour) % 24) * 3600)  # 03:00 Beijing
    agent = signed_in(Role.AGENT)  # an off-hours sign-in
    with pytest.raises(PermissionDenied):
        log_reviews.period_summary(agent, agent.today(), agent.today())  # audited access.denied
    clock.advance(DAY)
    auditor = signed_in(Role.AUDITOR)
    day = _yesterday(auditor)
    summary = log_reviews.period_summary(auditor, day, day)
    assert summary.counts.entries >= 2
    assert summary.counts.refusals == 1
    assert dict(summary.refusals_by_user) == {branch.users[Role.AGENT][0]: 1}
    assert [s.username for s in summary.off_hours] == [branch.users[Role.AGENT][0]]
    assert summary.counts.off_hours_sign_ins == 1
    assert ("access.denied", "denied", 1) in summary.by_action
    assert summary.counts.first_seq is not None and summary.counts.last_seq is not None
    empty = log_reviews.period_summary(auditor, day - timedelta(days=1), day - timedelta(days=1))
    assert empty.counts.entries == 0 and empty.counts.first_seq is None


def test_alerts_raised_and_open_are_counted(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    with manager.db.transaction():
        for alert_id in ("1", "2"):
            record(manager, "alert.raised", target_type="alert", target_id=alert_id, details={"rule": "x"})
        record(manager, "alert.acknowledged", target_type="alert", target_id="1")
    clock.advance(DAY)
    auditor = signed_in(Role.AUDITOR)
    day = _yesterday(auditor)
    summary = log_reviews.period_summary(auditor, day, day)
    assert summary.counts.alerts_raised == 2
    assert summary.counts.alerts_open == 1
    assert summary.alerts_acknowledged == 1


def test_record_verifies_the_chain_and_audits_the_fingerprint(signed_in: SignIn, clock: Clock) -> None:
    clock.advance(3 * DAY)
    auditor = signed_in(Role.AUDITOR)
    assert current_version(auditor.db) == LATEST_VERSION
    end = _yesterday(auditor)
    start = end - timedelta(days=5)
    review = log_reviews.record_log_review(auditor, start, end, "", ReviewOutcome.NO_FINDINGS)
    assert review.counts.chain_verified and review.counts.chain_checked > 0
    actions = [r[0] for r in auditor.db.execute("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 2")]
    assert actions == ["audit.log_review", "audit.verify"]
    views = log_reviews.log_reviews(auditor)
    assert [v.review.id for v in views] == [review.id] and not views[0].altered
    with pytest.raises(InvalidInput, match="overlaps"):
        log_reviews.record_log_review(auditor, end, end, "", "no_findings")
    with pytest.raises(InvalidInput, match="yesterday"):
        log_reviews.record_log_review(auditor, end + timedelta(days=1), auditor.today(), "", "no_findings")
    with pytest.raises(InvalidInput, match="fill in the findings"):
        before = start - timedelta(days=1)
        log_reviews.record_log_review(auditor, before, before, " ", "findings")


def test_findings_refuse_long_digit_runs(signed_in: SignIn, clock: Clock) -> None:
    clock.advance(2 * DAY)
    auditor = signed_in(Role.AUDITOR)
    day = _yesterday(auditor)
    with pytest.raises(InvalidInput, match="phone, ID"):
        log_reviews.record_log_review(auditor, day, day, "客户 13912345678 的记录被多次查看", "findings")
    with pytest.raises(InvalidInput, match="phone, ID"):
        log_reviews.record_log_review(auditor, day, day, "见附件", "findings", follow_up="110105194912310021")
    done = log_reviews.record_log_review(
        auditor, day, day, "经纪人 agent 夜间登录 3 次，已询问本人", "findings", follow_up="提醒遵守工作时间"
    )
    assert done.outcome is ReviewOutcome.FINDINGS and done.follow_up == "提醒遵守工作时间"


def test_only_auditors_record_and_managers_read(signed_in: SignIn, clock: Clock) -> None:
    clock.advance(2 * DAY)
    manager, it, agent = signed_in(Role.MANAGER), signed_in(Role.IT_ADMIN), signed_in(Role.AGENT)
    day = _yesterday(manager)
    for member in (manager, it, agent):
        with pytest.raises(PermissionDenied):
            log_reviews.record_log_review(member, day, day, "", "no_findings")
    assert log_reviews.log_reviews(manager) == []
    assert not log_reviews.log_review_status(manager).overdue
    for member in (it, agent):
        with pytest.raises(PermissionDenied):
            log_reviews.log_review_status(member)
    denied = manager.db.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'access.denied' AND target_id = 'audit.log_review'"
    ).fetchone()[0]
    assert denied == 3


def test_overdue_after_the_interval_with_the_clock(signed_in: SignIn, clock: Clock) -> None:
    auditor = signed_in(Role.AUDITOR)
    set_up = auditor.today()
    status = log_reviews.log_review_status(auditor)
    assert status.last is None and status.next_due == set_up + timedelta(days=30) and not status.overdue
    clock.advance(31 * DAY)
    status = log_reviews.log_review_status(auditor)
    assert status.overdue and status.days_overdue == 1
    assert (status.default_start, status.default_end) == (set_up, auditor.today() - timedelta(days=1))
    review = log_reviews.record_log_review(
        auditor, status.default_start, status.default_end, "未发现异常", "no_findings"
    )
    status = log_reviews.log_review_status(auditor)
    assert status.last == review and not status.overdue
    assert status.next_due == review.period_end + timedelta(days=30)
    assert status.default_start == review.period_end + timedelta(days=1)
    clock.advance(29 * DAY)
    assert log_reviews.log_review_status(auditor).next_due == auditor.today()
    assert not log_reviews.log_review_status(auditor).overdue  # due today
    clock.advance(DAY)
    assert log_reviews.log_review_status(auditor).overdue
