"""The auditor's periodic review of the audit log: the recorded review, its rules and its fingerprint.

Rule: the branch's auditor reviews the audit log regularly — at the latest ``log_review_days``
(security policy, default 30) after the end of the last period reviewed, or after the branch was set
up — and signs off a period of whole Beijing days that has ended (yesterday at the latest) and does
not overlap a period already reviewed. The review keeps the figures the app computed for the period
(entries, refusals, failed and off-hours sign-ins, alerts raised and still open, whether the chain
verified), the auditor's findings, the outcome (``no_findings`` / ``findings``, which needs the
findings written down) and the follow-up. A recorded review never changes: the table is append-only
and the ``audit.log_review`` entry carries ``fingerprint`` of what was recorded, so a row edited
behind the app's back (triggers dropped with sqlcipher3) is shown as altered and no longer counts.
Free texts name no client: a run of 7 or more digits (a phone, ID or card number) is refused.
Reason: GB/T 22239-2019 (MLPS 2.0, level 3) 8.1.4.3 asks that audit records be reviewed and
analysed; PIPL Art. 51 asks for the security measures to be carried out, which a dated sign-off shows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.incident_record import clean_text

MAX_PERIOD_DAYS = 366  # one review covers at most a year


class ReviewOutcome(StrEnum):
    NO_FINDINGS = "no_findings"
    FINDINGS = "findings"

    @property
    def label_zh(self) -> str:
        return {"no_findings": "未发现问题", "findings": "发现问题"}[self.value]

    @property
    def label_en(self) -> str:
        return {"no_findings": "no findings", "findings": "findings"}[self.value]


@dataclass(frozen=True)
class PeriodCounts:
    """What the app computed over the period's audit entries, kept with the review."""

    first_seq: int | None
    last_seq: int | None
    entries: int
    refusals: int  # access.denied entries
    failed_sign_ins: int
    off_hours_sign_ins: int
    alerts_raised: int
    alerts_open: int  # raised in the period and not acknowledged when the review was recorded
    chain_verified: bool
    chain_checked: int


@dataclass(frozen=True)
class LogReview:
    id: int
    period_start: date
    period_end: date
    counts: PeriodCounts
    findings: str
    outcome: ReviewOutcome
    follow_up: str
    reviewer: int
    signed_off_at: str


def parse_outcome(value: str) -> ReviewOutcome:
    try:
        return ReviewOutcome(value)
    except ValueError:
        raise InvalidInput(
            f"审查结论只能是 no_findings 或 findings：{value}",
            f"The outcome must be no_findings or findings: {value}",
        ) from None


def check_period(start: date, end: date, today: date) -> None:
    """A period of whole days that has ended: start ≤ end < today, at most a year."""
    if end < start:
        raise InvalidInput("审查期间的结束日期不能早于开始日期。", "The period cannot end before it starts.")
    if end >= today:
        raise InvalidInput(
            "只能审查已结束的期间（结束日期最晚为昨天）。",
            "Only a period that has ended can be reviewed (it ends yesterday at the latest).",
        )
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise InvalidInput(
            f"一次审查最多覆盖 {MAX_PERIOD_DAYS} 天。", f"One review covers at most {MAX_PERIOD_DAYS} days."
        )


def check_no_overlap(start: date, end: date, reviewed: list[tuple[date, date]]) -> None:
    for other_start, other_end in reviewed:
        if start <= other_end and other_start <= end:
            raise InvalidInput(
                f"该期间与已记录的审查（{other_start} 至 {other_end}）重叠。",
                f"The period overlaps a review already recorded ({other_start} to {other_end}).",
            )


def clean_review_texts(findings: str, outcome: ReviewOutcome, follow_up: str) -> tuple[str, str]:
    """The trimmed findings and follow-up; findings are required when the outcome is ``findings``."""
    text = clean_text(findings, "审查发现", "findings", required=outcome is ReviewOutcome.FINDINGS)
    return text, clean_text(follow_up, "后续措施", "follow-up")


def next_due(last_period_end: date | None, set_up_on: date, interval_days: int) -> date:
    """The day by which the next review is due: ``interval_days`` after the last period's end, or
    after the branch's set-up when nothing has been reviewed yet."""
    return (last_period_end or set_up_on) + timedelta(days=interval_days)


def default_period(last_period_end: date | None, set_up_on: date, today: date) -> tuple[date, date]:
    """What the form proposes: the day after the last review (or the set-up day) to yesterday (to
    the start day itself when no whole day is left to review: recording then says so)."""
    start = last_period_end + timedelta(days=1) if last_period_end else set_up_on
    return start, max(start, today - timedelta(days=1))


def fingerprint(review: LogReview) -> str:
    """SHA-256 over everything a recorded review states, recorded in its ``audit.log_review`` entry."""
    c = review.counts
    body = [
        review.id,
        review.period_start.isoformat(),
        review.period_end.isoformat(),
        [
            c.first_seq,
            c.last_seq,
            c.entries,
            c.refusals,
            c.failed_sign_ins,
            c.off_hours_sign_ins,
            c.alerts_raised,
            c.alerts_open,
            c.chain_verified,
            c.chain_checked,
        ],
        review.findings,
        review.outcome.value,
        review.follow_up,
        review.reviewer,
        review.signed_off_at,
    ]
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
