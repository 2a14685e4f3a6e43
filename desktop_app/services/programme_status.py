"""The programme's figures for a quarter: the counts from every part, the six targets, the trend over
the last five quarters and what is due. Managers and auditors (``programme.view``).

Rule: the counts come from each part's own counts function (the issue 14 contract), never
from a second query here, so the dashboard, ``programme status``, the report and the HQ summary
show the same figure. A past quarter is judged as of its last day, the current one as of today; a
future quarter is refused. The education ratio needs clients.db: a session holding the client-data
key computes it (and refreshes the client-facts snapshot for the year), any other session reads
the year's snapshot and says how old it is (domain/programme_client_facts.py).

The breach baseline: ``breach_baseline_count`` when set (>= 0), else the breaches recorded in the
baseline year (``breach_baseline_year``, 0 = the year before the one counted). Records can only
give a baseline for a year the app saw: if the branch was set up after that year began and no
incident is recorded in it, the baseline is unknown ("no data") until a manager sets the count.

Reason: issue 14 (the company's programme, shared/reference/mission.md) and PIPL Art. 54 (regular
compliance audits). Reading the figures is not audited (counts only); printing the report is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.branch_time import branch_day_of
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.permissions import Action
from desktop_app.domain.programme_due import DueFacts, DueItem, due_items
from desktop_app.domain.programme_overview import FactsSource, ProgrammeStatus, TrendPoint
from desktop_app.domain.programme_periods import Quarter, recent_quarters, year_bounds
from desktop_app.domain.programme_policy import ProgrammePolicy
from desktop_app.domain.programme_targets import ProgrammeCounts, evaluate
from desktop_app.services.audit_trail import check_permission
from desktop_app.services.compliance_reviews import review_counts
from desktop_app.services.education import campaign_count, education_counts
from desktop_app.services.incidents import incident_counts
from desktop_app.services.programme_client_facts import (
    client_facts_for_year,
    refresh_client_facts,
    snapshot_mismatch,
)
from desktop_app.services.satisfaction import satisfaction_counts
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.training_records import staff_training_overview, training_counts
from desktop_app.store.staff_repository import StaffRepository

TREND_QUARTERS = 5  # the last four quarters and this one


@dataclass(frozen=True)
class _Extras:
    last_review_finished_on: date | None
    open_rectifications: int
    overdue_incident_deadlines: int


class FutureQuarter(InvalidInput):
    def __init__(self, key: str) -> None:
        super().__init__(
            f"{key} 尚未开始，没有可统计的记录。", f"{key} has not started; there is nothing to count yet."
        )


def _as_of(me: SignedIn, quarter: Quarter) -> date:
    today = me.today()
    if quarter.start > today:
        raise FutureQuarter(quarter.key())
    return today if quarter.contains(today) else quarter.end


def _branch_set_up_on(me: SignedIn) -> date | None:
    members = StaffRepository(me.db).list()
    if not members:
        return None
    return min(branch_day_of(member.created_at) for member in members)


def _baseline(me: SignedIn, policy: ProgrammePolicy, year: int) -> tuple[int, int | None]:
    baseline_year = policy.breach_baseline_year or year - 1
    if policy.breach_baseline_count >= 0:
        return baseline_year, policy.breach_baseline_count
    found = incident_counts(me, baseline_year)
    set_up_on = _branch_set_up_on(me)
    saw_the_year = set_up_on is not None and set_up_on <= year_bounds(baseline_year)[0]
    if not saw_the_year and found.incidents == 0:
        return baseline_year, None
    return baseline_year, found.breaches


EducationMemo = dict[int, tuple[int, int]]  # year -> (active, participants), within one status


def _education(
    me: SignedIn, year: int, memo: EducationMemo | None = None
) -> tuple[int | None, int | None, FactsSource]:
    if me.session.holds_client_key:
        if memo is None or year not in memo:  # one pass over the clients per year, not per quarter
            found = education_counts(me, year)
            counted = (found.active_clients, found.participants)
            if memo is None:
                return (*counted, FactsSource(True, me.now_utc(), ""))
            memo[year] = counted
        return (*memo[year], FactsSource(True, me.now_utc(), ""))
    snapshot = client_facts_for_year(me, year)
    if snapshot is None:
        return None, None, FactsSource(False, None, "", mismatch=snapshot_mismatch(me, year))
    return (
        snapshot.education_active_clients,
        snapshot.education_participants,
        FactsSource(False, snapshot.computed_at, _staff_name(me, snapshot.computed_by)),
    )


def _staff_name(me: SignedIn, staff_id: int) -> str:
    member = StaffRepository(me.db).get_by_id(staff_id)
    return "" if member is None else member.display_name


def _gather(
    me: SignedIn, quarter: Quarter, policy: ProgrammePolicy, memo: EducationMemo | None = None
) -> tuple[ProgrammeCounts, _Extras, FactsSource]:
    as_of = _as_of(me, quarter)
    year = quarter.year
    training = training_counts(me, quarter)
    survey = satisfaction_counts(me, quarter)
    review = review_counts(me, as_of)
    incidents = incident_counts(me, year, until=as_of)
    baseline_year, baseline = _baseline(me, policy, year)
    active_clients, participants, source = _education(me, year, memo)
    reviewed = review.period_key is not None
    counts = ProgrammeCounts(
        quarter=quarter.key(),
        year=year,
        active_staff=training.active_staff,
        trained_staff=training.completed,
        quiz_takers=training.quiz_takers,
        quiz_first_passed=training.first_attempt_passed,
        survey_responses=survey.responses,
        survey_satisfied=survey.satisfied,
        review_period=review.period_key,
        review_applicable=review.applicable if reviewed else 0,
        review_passed=review.passed if reviewed else 0,
        education_active_clients=active_clients,
        education_participants=participants,
        breaches_this_year=incidents.breaches,
        breaches_baseline=baseline,
        baseline_year=baseline_year,
        campaigns_this_year=campaign_count(me, year, until=as_of),
        open_incidents=incidents.open_incidents,
        overdue_rectifications=review.overdue_rectifications,
    )
    extras = _Extras(
        last_review_finished_on=review.finished_on if reviewed else None,
        open_rectifications=review.open_rectifications,
        overdue_incident_deadlines=incidents.overdue_deadlines,
    )
    return counts, extras, source


def _policy(me: SignedIn) -> ProgrammePolicy:
    from desktop_app.services.programme_settings import programme_policy

    return programme_policy(me)


def programme_counts(me: SignedIn, quarter: Quarter) -> ProgrammeCounts:
    """The counts behind the six figures for ``quarter`` (``programme.view``)."""
    check_permission(me, Action.PROGRAMME_VIEW)
    return _gather(me, quarter, _policy(me))[0]


def _due(
    me: SignedIn, quarter: Quarter, counts: ProgrammeCounts, extras: _Extras, policy: ProgrammePolicy
) -> list[DueItem]:
    as_of = _as_of(me, quarter)
    deadlines = None
    if quarter.contains(me.today()):  # each member's own grace, as their training tab shows it
        deadlines = tuple(
            row.due.deadline
            for row in staff_training_overview(me, quarter)
            if not row.completed and row.due is not None
        )
    return due_items(
        DueFacts(
            as_of=as_of,
            quarter_start=quarter.start,
            quarter_end=quarter.end,
            year_end=year_bounds(quarter.year)[1],
            active_staff=counts.active_staff,
            trained_staff=counts.trained_staff,
            training_grace_days=policy.training_grace_days,
            last_review_finished_on=extras.last_review_finished_on,
            review_interval_months=policy.review_interval_months,
            survey_responses=counts.survey_responses,
            campaigns_this_year=counts.campaigns_this_year,
            campaigns_per_year=policy.education_campaigns_per_year,
            open_incidents=counts.open_incidents,
            overdue_incident_deadlines=extras.overdue_incident_deadlines,
            open_rectifications=extras.open_rectifications,
            overdue_rectifications=counts.overdue_rectifications,
            training_deadlines=deadlines,
        )
    )


def trend_quarters(quarter: Quarter, count: int = TREND_QUARTERS) -> list[Quarter]:
    """``count`` quarters ending with ``quarter``, oldest first."""
    return recent_quarters(quarter, count)


def programme_status(me: SignedIn, quarter: Quarter | None = None) -> ProgrammeStatus:
    """Everything the dashboard, ``programme status`` and the report show (``programme.view``).
    A manager session holding the client-data key refreshes the year's client-facts snapshot."""
    check_permission(me, Action.PROGRAMME_VIEW)
    quarter = Quarter.of(me.today()) if quarter is None else quarter
    policy = _policy(me)
    memo: EducationMemo = {}
    counts, extras, source = _gather(me, quarter, policy, memo)
    if me.session.holds_client_key and quarter.year == me.today().year:
        refresh_client_facts(me, quarter.year, education=memo.get(quarter.year))
    trend = []
    for earlier in trend_quarters(quarter)[:-1]:
        earlier_counts = _gather(me, earlier, policy, memo)[0]
        trend.append(TrendPoint(earlier.key(), evaluate(earlier_counts, policy)))
    results = evaluate(counts, policy)
    trend.append(TrendPoint(quarter.key(), results))
    return ProgrammeStatus(
        quarter=quarter,
        as_of=_as_of(me, quarter),
        counts=counts,
        results=results,
        trend=trend,
        due=_due(me, quarter, counts, extras, policy),
        client_facts=source,
    )
