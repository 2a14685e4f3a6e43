"""What the privacy programme has due, from the counts: training, the review, the survey, campaigns,
incidents and rectifications.

Rules (each item is ``ok``, ``due`` or ``overdue``, judged on ``as_of`` = today for the current
quarter, the quarter's last day for a past one):
- training: staff who have not completed the quarter's training; overdue once the grace period
  (``training_grace_days`` into the quarter) is over, and for a past quarter;
- review: the next six-monthly review is due ``review_interval_months`` after the latest finished
  one (none finished yet: due now); overdue the day after;
- survey: a quarter without a single satisfaction response is due (overdue once it has ended);
- campaigns: fewer education campaigns this year than ``education_campaigns_per_year`` is due
  (overdue once the year has ended);
- incidents: open incidents are due, any missed reporting or notification deadline is overdue;
- rectifications: open ones are due, any past its due date is overdue.

Reason: the branch manager preparing for an HQ compliance visit needs the list of what is still to
do, not only the percentages; PIPL Art. 54 asks for regular compliance audits, GB/T 35273-2020
§11.2 for training and §10 for incident handling. Plain Python on dates and counts; the texts in
both languages are for the CLI and the report (the GUI words its own through tr()).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.domain.programme_periods import add_months


class DueKind(StrEnum):
    TRAINING = "training"
    REVIEW = "review"
    SURVEY = "survey"
    CAMPAIGNS = "campaigns"
    INCIDENTS = "incidents"
    RECTIFICATIONS = "rectifications"


class DueState(StrEnum):
    OK = "ok"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class DueItem:
    kind: DueKind
    state: DueState
    count: int  # how many (staff, campaigns missing, incidents, rectifications); 0 for the review
    due_on: date | None  # None: nothing dated (e.g. no review finished yet: due now)
    text_zh: str
    text_en: str


@dataclass(frozen=True)
class DueFacts:
    """Everything the due list is judged on (from the parts' counts and the policy)."""

    as_of: date
    quarter_start: date
    quarter_end: date
    year_end: date
    active_staff: int
    trained_staff: int
    training_grace_days: int
    last_review_finished_on: date | None
    review_interval_months: int
    survey_responses: int
    campaigns_this_year: int
    campaigns_per_year: int
    open_incidents: int
    overdue_incident_deadlines: int
    open_rectifications: int
    overdue_rectifications: int
    # the current quarter's members not done yet: each one's own last day of grace (it runs from the
    # quarter's start, their joining or the branch's start of the programme, whichever is latest);
    # None for a past quarter (every member's grace ended with it)
    training_deadlines: tuple[date, ...] | None = None


def _training(f: DueFacts) -> DueItem:
    missing = max(0, f.active_staff - f.trained_staff)
    due_on = f.quarter_start + timedelta(days=f.training_grace_days)
    if f.training_deadlines:
        overdue = [d for d in f.training_deadlines if d < f.as_of]
        due_on = min(overdue) if overdue else min(f.training_deadlines)
    if missing == 0:
        return DueItem(
            DueKind.TRAINING,
            DueState.OK,
            0,
            due_on,
            "本季度培训：全员已完成",
            "Training: everyone done this quarter",
        )
    state = DueState.OVERDUE if f.as_of > due_on or f.as_of >= f.quarter_end else DueState.DUE
    return DueItem(
        DueKind.TRAINING,
        state,
        missing,
        due_on,
        f"本季度培训：{missing} 名员工未完成（宽限期至 {due_on.isoformat()}）",
        f"Training: {missing} staff not done this quarter (grace period until {due_on.isoformat()})",
    )


def next_review_due(last_finished: date | None, interval_months: int, as_of: date) -> date:
    """When the next review is due: ``interval_months`` after the latest finished one, else now."""
    if last_finished is None:
        return as_of
    return add_months(last_finished, interval_months)


def _review(f: DueFacts) -> DueItem:
    due_on = next_review_due(f.last_review_finished_on, f.review_interval_months, f.as_of)
    if f.last_review_finished_on is None:
        return DueItem(
            DueKind.REVIEW,
            DueState.DUE,
            0,
            None,
            "合规自查：尚未完成任何自查，现在应进行",
            "Compliance review: none finished yet; one is due now",
        )
    if f.as_of > due_on:
        state = DueState.OVERDUE
    elif f.as_of + timedelta(days=30) >= due_on:
        state = DueState.DUE
    else:
        state = DueState.OK
    zh = {
        DueState.OVERDUE: f"合规自查：已逾期（应于 {due_on.isoformat()} 前完成）",
        DueState.DUE: f"合规自查：应于 {due_on.isoformat()} 前完成",
        DueState.OK: f"合规自查：下次应于 {due_on.isoformat()} 前完成",
    }[state]
    en = {
        DueState.OVERDUE: f"Compliance review: overdue (was due by {due_on.isoformat()})",
        DueState.DUE: f"Compliance review: due by {due_on.isoformat()}",
        DueState.OK: f"Compliance review: next due by {due_on.isoformat()}",
    }[state]
    return DueItem(DueKind.REVIEW, state, 0, due_on, zh, en)


def _survey(f: DueFacts) -> DueItem:
    if f.survey_responses > 0:
        return DueItem(
            DueKind.SURVEY,
            DueState.OK,
            f.survey_responses,
            f.quarter_end,
            f"满意度调查：本季度已有 {f.survey_responses} 份答卷",
            f"Satisfaction survey: {f.survey_responses} responses this quarter",
        )
    state = DueState.OVERDUE if f.as_of >= f.quarter_end else DueState.DUE
    return DueItem(
        DueKind.SURVEY,
        state,
        0,
        f.quarter_end,
        f"满意度调查：本季度尚无答卷（季度截至 {f.quarter_end.isoformat()}）",
        f"Satisfaction survey: no responses yet this quarter (quarter ends {f.quarter_end.isoformat()})",
    )


def _campaigns(f: DueFacts) -> DueItem:
    missing = max(0, f.campaigns_per_year - f.campaigns_this_year)
    done = f"{f.campaigns_this_year}/{f.campaigns_per_year}"
    if missing == 0:
        return DueItem(
            DueKind.CAMPAIGNS,
            DueState.OK,
            0,
            f.year_end,
            f"隐私教育活动：本年度已开展 {done}",
            f"Education campaigns: {done} this year",
        )
    state = DueState.OVERDUE if f.as_of >= f.year_end else DueState.DUE
    return DueItem(
        DueKind.CAMPAIGNS,
        state,
        missing,
        f.year_end,
        f"隐私教育活动：本年度已开展 {done}，还需 {missing} 次",
        f"Education campaigns: {done} this year, {missing} more needed",
    )


def _incidents(f: DueFacts) -> DueItem:
    if f.overdue_incident_deadlines > 0:
        state = DueState.OVERDUE
    elif f.open_incidents > 0:
        state = DueState.DUE
    else:
        state = DueState.OK
    return DueItem(
        DueKind.INCIDENTS,
        state,
        f.open_incidents,
        None,
        f"安全事件：{f.open_incidents} 件未结案，{f.overdue_incident_deadlines} 项时限已过",
        f"Incidents: {f.open_incidents} open, {f.overdue_incident_deadlines} deadlines missed",
    )


def _rectifications(f: DueFacts) -> DueItem:
    if f.overdue_rectifications > 0:
        state = DueState.OVERDUE
    elif f.open_rectifications > 0:
        state = DueState.DUE
    else:
        state = DueState.OK
    return DueItem(
        DueKind.RECTIFICATIONS,
        state,
        f.overdue_rectifications,
        None,
        f"整改事项：{f.open_rectifications} 项未关闭，其中 {f.overdue_rectifications} 项逾期",
        f"Rectifications: {f.open_rectifications} open, {f.overdue_rectifications} overdue",
    )


def due_items(facts: DueFacts) -> list[DueItem]:
    """The six items in ``DueKind`` order."""
    return [
        _training(facts),
        _review(facts),
        _survey(facts),
        _campaigns(facts),
        _incidents(facts),
        _rectifications(facts),
    ]
