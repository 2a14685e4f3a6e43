"""The programme's figures on a real branch: who may see them, the client-facts snapshot (managers
refresh it, auditors read it), the breach baseline, future quarters refused, and the counts the
dashboard gathers from every part of the programme."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.programme_targets import TargetId
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_requests import register_request
from desktop_app.services.programme_client_facts import (
    latest_client_facts,
    refresh_client_facts,
)
from desktop_app.services.programme_settings import set_programme_settings
from desktop_app.services.programme_status import (
    programme_counts,
    programme_status,
    trend_quarters,
)
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Clock

SignIn = Callable[[Role], SignedIn]
DAY = 86_400.0


@pytest.mark.parametrize("role", [Role.AGENT, Role.IT_ADMIN])
def test_only_managers_and_auditors_see_the_figures(signed_in: SignIn, role: Role) -> None:
    me = signed_in(role)
    with pytest.raises(PermissionDenied):
        programme_status(me)
    with pytest.raises(PermissionDenied):
        programme_counts(me, Quarter.of(me.today()))


def test_status_has_six_targets_a_five_quarter_trend_and_six_due_items(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    status = programme_status(manager)
    quarter = Quarter.of(manager.today())
    assert status.quarter == quarter and status.counts.quarter == quarter.key()
    assert [r.target for r in status.results] == list(TargetId)
    assert [p.quarter for p in status.trend] == [q.key() for q in trend_quarters(quarter)]
    assert status.trend[-1].results == status.results
    assert len(status.due) == 6
    assert programme_counts(manager, quarter) == status.counts


def test_a_future_quarter_is_refused(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    with pytest.raises(InvalidInput):
        programme_status(manager, Quarter.of(manager.today()).next())


def test_a_past_quarter_is_judged_as_of_its_last_day(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    past = Quarter.of(manager.today()).previous()
    assert programme_status(manager, past).as_of == past.end


def _client_with_overdue_request(manager: SignedIn) -> None:
    client = create_client(manager, ClientDraft(name="欧阳春花", phone="13987654321"))
    received = manager.today() - timedelta(days=40)
    register_request(manager, client.id, "copy", received, identity_verified=True)


def test_manager_refreshes_the_snapshot_and_the_auditor_reads_it(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    auditor = signed_in(Role.AUDITOR)
    assert latest_client_facts(auditor) is None
    _client_with_overdue_request(manager)
    with manager.db.transaction():  # an ID number held without the consent (as an old import left it)
        manager.db.execute(
            "UPDATE client_data.clients SET id_type = 'resident_id', id_number = '110101199003074514'"
        )
    facts = refresh_client_facts(manager)
    assert facts.requests_overdue == 1
    assert facts.clients_without_consent == 1
    assert facts.retention_due_unprocessed == 0
    assert facts.computed_by == manager.session.staff_id
    assert facts.year == manager.today().year
    seen = latest_client_facts(auditor)
    assert seen == facts
    # counts only: nothing in the row names a client
    row = auditor.db.execute("SELECT * FROM programme_client_facts").fetchone()
    assert all(isinstance(v, int | str) or v is None for v in row)
    assert not any("春花" in str(v) or "1398765" in str(v) for v in row)


def test_refreshing_needs_the_client_key(signed_in: SignIn) -> None:
    auditor = signed_in(Role.AUDITOR)
    with pytest.raises(Exception) as info:
        refresh_client_facts(auditor)
    assert not isinstance(info.value, AssertionError)
    assert latest_client_facts(auditor) is None


def test_the_auditor_sees_how_old_the_client_figures_are(signed_in: SignIn, branch) -> None:  # type: ignore[no-untyped-def]
    auditor = signed_in(Role.AUDITOR)
    before = programme_status(auditor)
    assert before.client_facts.computed_at is None
    assert before.counts.education_active_clients is None
    manager = signed_in(Role.MANAGER)
    programme_status(manager)  # a manager's view refreshes the snapshot
    after = programme_status(signed_in(Role.AUDITOR))
    assert after.client_facts.live is False
    assert after.client_facts.computed_at is not None
    assert after.client_facts.computed_by == "lina"


def test_breach_baseline_set_by_the_manager(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    quarter = Quarter.of(manager.today())
    unset = programme_counts(manager, quarter)
    assert unset.baseline_year == quarter.year - 1
    # the test branch was set up this year and recorded nothing last year: unknown, no data
    assert unset.breaches_baseline is None
    by_id = {r.target: r for r in programme_status(manager).results}
    assert by_id[TargetId.BREACH_REDUCTION].met is None
    set_programme_settings(manager, {"breach_baseline_count": 0, "breach_baseline_year": 2025})
    counts = programme_counts(manager, quarter)
    assert (counts.breaches_baseline, counts.baseline_year) == (0, 2025)
    by_id = {r.target: r for r in programme_status(manager).results}
    assert by_id[TargetId.BREACH_REDUCTION].met is (counts.breaches_this_year == 0)


def test_review_due_now_without_a_finished_review(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    due = {item.kind.value: item for item in programme_status(manager).due}
    if due["review"].due_on is None:
        assert due["review"].state.value == "due"


# ------------------------------------------------------------------ the counts of every part


def _right(quiz):  # type: ignore[no-untyped-def]
    return {q.id: q.correct for q in quiz.questions}


def _wrong(quiz):  # type: ignore[no-untyped-def]
    return {q.id: frozenset() for q in quiz.questions}


def _finish_a_review(manager: SignedIn) -> None:
    from desktop_app.domain.compliance_review import ItemResult, Outcome
    from desktop_app.services import compliance_reviews as reviews

    reviews.start_review(manager)
    detail = reviews.get_review(manager)
    for item in detail.checklist.items:
        answer = detail.answer(item.id)
        unknown = answer.evaluation is not None and answer.evaluation.outcome is Outcome.UNKNOWN
        if answer.result is not None and not unknown:
            continue
        if unknown:
            reviews.answer_item(manager, item.id, "na", "门店未提供该数据")
        elif item.id == "PE-01":
            reviews.answer_item(
                manager,
                item.id,
                "fail",
                "文件柜锁坏了",
                owner="lina",
                due_on=manager.today() + timedelta(days=14),
            )
        else:
            reviews.answer_item(manager, item.id, "pass")
    detail = reviews.get_review(manager)
    for item in detail.checklist.items:
        failed = detail.answer(item.id).result is ItemResult.FAIL
        if item.app_evaluated and failed and not detail.rectifications_of(item.id):
            reviews.add_rectification(
                manager, item.id, "按要求整改", "lina", manager.today() + timedelta(days=30)
            )
    reviews.finish_review(manager)


def test_the_counts_are_each_parts_own_records(signed_in: SignIn, clock: Clock) -> None:
    from datetime import UTC, datetime

    from desktop_app.services import compliance_reviews, education, incidents, satisfaction, training_records
    from desktop_app.services.audit_review import verify

    manager = signed_in(Role.MANAGER)
    agent = signed_in(Role.AGENT)
    auditor = signed_in(Role.AUDITOR)
    quarter = Quarter.of(manager.today())
    year = quarter.year
    # training: the agent fails then passes, the auditor passes at once; the manager attends a session
    quiz = training_records.start_quiz(agent)
    training_records.submit_quiz(agent, quiz, _wrong(quiz))
    training_records.submit_quiz(agent, quiz, _right(quiz))
    quiz = training_records.start_quiz(auditor)
    training_records.submit_quiz(auditor, quiz, _right(quiz))
    training_records.record_session(
        manager, manager.today(), "PIPL 基础", "总部合规部", [manager.session.staff_id]
    )
    # survey: three paper forms, two satisfied
    for rating in (5, 4, 2):
        satisfaction.add_response(agent, rating)
    # review: finished with one failure and its rectification
    verify(manager)
    _finish_a_review(manager)
    # education: one campaign, one of two clients took part
    first = create_client(manager, ClientDraft(name="欧阳春花", phone="13987654321")).id
    create_client(manager, ClientDraft(name="王芳", phone="13912345678"))
    campaign = education.add_campaign(manager, manager.today(), "门店讲座", "识别诈骗电话")
    education.record_participation(manager, first, campaign.id, "attended", manager.today())
    # incidents: one breach reported and assessed this year, one incident still open
    now = datetime.fromtimestamp(manager.clock(), UTC)
    breach = incidents.report_incident(
        agent,
        kind="lost_device",
        occurred_at=now - timedelta(hours=3),
        discovered_at=now - timedelta(hours=2),
        description="门店笔记本电脑遗失",
    )
    incidents.assess(
        manager,
        breach.id,
        is_breach=True,
        categories=["name", "phone"],
        cause="遗失",
        measures="远程锁定",
        harm="可能接到诈骗电话",
        advice="警惕陌生来电",
    )
    incidents.report_incident(
        agent,
        kind="lost_device",
        occurred_at=now - timedelta(hours=1),
        discovered_at=now,
        description="手机遗失",
    )
    set_programme_settings(manager, {"breach_baseline_count": 4})

    counts = programme_counts(manager, quarter)
    review = compliance_reviews.review_counts(manager, manager.today())
    assert (counts.active_staff, counts.trained_staff) == (4, 3)
    assert (counts.quiz_takers, counts.quiz_first_passed) == (2, 1)
    assert (counts.survey_responses, counts.survey_satisfied) == (3, 2)
    assert counts.review_period == review.period_key and counts.review_period is not None
    assert (counts.review_applicable, counts.review_passed) == (review.applicable, review.passed)
    assert review.failed >= 1
    assert (counts.education_active_clients, counts.education_participants) == (2, 1)
    assert counts.campaigns_this_year == 1 == education.campaign_count(manager, year)
    assert (counts.breaches_this_year, counts.breaches_baseline, counts.open_incidents) == (1, 4, 2)
    assert counts.overdue_rectifications == 0

    by_id = {r.target: r for r in programme_status(manager, quarter).results}
    assert str(by_id[TargetId.TRAINING_COVERAGE].value_percent) == "75.0"
    assert str(by_id[TargetId.QUIZ_PASS].value_percent) == "50.0"
    assert str(by_id[TargetId.SATISFACTION].value_percent) == "66.7"
    assert str(by_id[TargetId.EDUCATION].value_percent) == "50.0" and by_id[TargetId.EDUCATION].met is True
    assert str(by_id[TargetId.BREACH_REDUCTION].value_percent) == "75.0"
    assert by_id[TargetId.COMPLIANCE_REVIEW].met is False  # one failure in ~30 items is below 95 %

    # the auditor (no client key) sees the same figures, education from the manager's snapshot
    seen = programme_status(signed_in(Role.AUDITOR), quarter)
    assert seen.counts == counts
    assert seen.client_facts.live is False

    # rectification overdue once its due date has passed
    clock.advance(40 * DAY)
    later = signed_in(Role.MANAGER)
    assert programme_counts(later, Quarter.of(later.today())).overdue_rectifications >= 1


def test_yearly_counts_stand_as_they_were_at_a_past_quarters_end(signed_in: SignIn) -> None:
    """Regression: a past quarter's breaches and campaigns counted the whole year up to today, so
    the breach-reduction trend was flat and a reprinted Q1 report changed after a breach in Q4."""
    from datetime import UTC, datetime

    from desktop_app.services import education, incidents

    manager = signed_in(Role.MANAGER)
    today = manager.today()
    now = datetime.fromtimestamp(manager.clock(), UTC)
    breach = incidents.report_incident(
        manager,
        kind="misdirected_message",
        occurred_at=now - timedelta(hours=2),
        discovered_at=now - timedelta(hours=1),
        description="短信误发",
    )
    incidents.assess(
        manager,
        breach.id,
        is_breach=True,
        categories=["name"],
        cause="误发",
        measures="撤回",
        harm="姓名外泄",
        advice="留意来电",
    )
    education.add_campaign(manager, today, "门店讲座", "识别诈骗电话")
    yesterday = today - timedelta(days=1)
    assert incidents.incident_counts(manager, today.year).breaches == 1
    assert incidents.incident_counts(manager, today.year, until=today).breaches == 1
    assert incidents.incident_counts(manager, today.year, until=yesterday).breaches == 0
    assert education.campaign_count(manager, today.year, until=today) == 1
    assert education.campaign_count(manager, today.year, until=yesterday) == 0
