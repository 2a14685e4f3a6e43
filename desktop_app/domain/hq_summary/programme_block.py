"""The summary's ``programme`` block: the privacy programme's counts for one quarter, and the targets.

Rule: the block is ``ProgrammeCounts`` (domain/programme_targets.py) as a flat object of integers,
strings and nulls, plus ``"targets": {target id: whole percent}`` from the branch's programme
policy. Counts only: no rate, no float (a rate is two counts, see canonical JSON), no name, no
staff or client id. Both sides use this module: the branch builds the block (``programme_block``)
and checks it before it is frozen, HQ checks it again on ingest (``check_block``; ``ValueError``
naming the field for anything else) and computes the figures from it (``results``) and the
company-wide figures from several branches' blocks (``company_counts``: the sum of the numerators
over the sum of the denominators, never an average of percentages).

Why staff counts are not suppressed like the client aggregates: they count the branch's own
employees' training and quiz results (a handful of people), not clients, so k-anonymity against
HQ has nothing to protect (the employer already holds each employee's training record, PIPL
art. 13(2) — human-resources management); the client-side counts in the block (education
participants and active clients, breaches) are yearly branch totals the programme's targets are
defined on, with no breakdown by any client attribute, so they single no client out.

Reason: issue 14 (the targets of the company's privacy programme measured at every branch and
sent to HQ); PIPL art. 51 (measures the handler takes) and art. 54 (compliance audits).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.programme_targets import (
    TARGET_POLICY_FIELD,
    ProgrammeCounts,
    TargetPolicy,
    TargetResult,
    evaluate,
)

KEY = "programme"  # the key of the block in the summary payload
TARGETS = "targets"

# The fields of ProgrammeCounts, in order, with what each may hold.
COUNT = "count"  # an integer >= 0
OPTIONAL_COUNT = "optional_count"  # an integer >= 0, or null ("not known")
QUARTER = "quarter"  # "2026Q4"
HALF_YEAR = "half_year"  # "2026H2" or null
YEAR = "year"  # an integer 0..9999
FIELDS: dict[str, str] = {
    "quarter": QUARTER,
    "year": YEAR,
    "active_staff": COUNT,
    "trained_staff": COUNT,
    "quiz_takers": COUNT,
    "quiz_first_passed": COUNT,
    "survey_responses": COUNT,
    "survey_satisfied": COUNT,
    "review_period": HALF_YEAR,
    "review_applicable": COUNT,
    "review_passed": COUNT,
    "education_active_clients": OPTIONAL_COUNT,
    "education_participants": OPTIONAL_COUNT,
    "breaches_this_year": COUNT,
    "breaches_baseline": OPTIONAL_COUNT,
    "baseline_year": YEAR,
    "campaigns_this_year": COUNT,
    "open_incidents": COUNT,
    "overdue_rectifications": COUNT,
}
# (numerator, denominator): the part can never exceed the whole.
PARTS_OF = (
    ("trained_staff", "active_staff"),
    ("quiz_first_passed", "quiz_takers"),
    ("survey_satisfied", "survey_responses"),
    ("review_passed", "review_applicable"),
    ("education_participants", "education_active_clients"),
)
# Each target id and the programme-policy field holding its percentage.
TARGET_POLICY_FIELDS: dict[str, str] = {target.value: attr for target, attr in TARGET_POLICY_FIELD.items()}
MAX_COUNT = 10_000_000
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_HALF_YEAR = re.compile(r"^\d{4}H[12]$")


@dataclass(frozen=True)
class Targets:
    """Target percentages as ``evaluate`` reads them (a ``TargetPolicy``)."""

    target_training_coverage: int
    target_quiz_pass: int
    target_satisfaction: int
    target_review: int
    target_education: int
    target_breach_reduction: int


def programme_block(counts: ProgrammeCounts, policy: TargetPolicy) -> dict[str, Any]:
    """The block for the payload (checked: ValueError when the counts break a rule above)."""
    block: dict[str, Any] = {name: getattr(counts, name) for name in FIELDS}
    block[TARGETS] = {target: int(getattr(policy, attr)) for target, attr in TARGET_POLICY_FIELDS.items()}
    return check_block(block)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_field(name: str, kind: str, value: object) -> None:
    where = f"{KEY}.{name}"
    if kind in (COUNT, OPTIONAL_COUNT):
        if value is None and kind == OPTIONAL_COUNT:
            return
        if not _is_int(value) or not 0 <= value <= MAX_COUNT:  # type: ignore[operator]
            raise ValueError(f"{where} must be a whole count from 0 (got {value!r})")
    elif kind == YEAR:
        if not _is_int(value) or not 0 <= value <= 9999:  # type: ignore[operator]
            raise ValueError(f"{where} must be a year (got {value!r})")
    elif kind == QUARTER:
        if not isinstance(value, str) or not _QUARTER.match(value):
            raise ValueError(f"{where} must be a quarter key like 2026Q4 (got {value!r})")
    elif kind == HALF_YEAR:
        if value is not None and (not isinstance(value, str) or not _HALF_YEAR.match(value)):
            raise ValueError(f"{where} must be a half-year key like 2026H2 or null (got {value!r})")


def check_block(block: object) -> dict[str, Any]:
    """The block itself when it follows the schema (docs/hq-summary-schema.md); ValueError naming
    the first field that does not (missing or unknown keys, floats, negatives, a part larger than
    its whole, a year that is not the quarter's, targets outside 0..100)."""
    if not isinstance(block, dict):
        raise ValueError(f"{KEY} must be an object")
    expected = {*FIELDS, TARGETS}
    missing, unknown = sorted(expected - set(block)), sorted(set(block) - expected)
    if missing:
        raise ValueError(f"{KEY} lacks {', '.join(missing)}")
    if unknown:
        raise ValueError(f"{KEY} has unknown fields {', '.join(map(str, unknown))}")
    for name, kind in FIELDS.items():
        _check_field(name, kind, block[name])
    match = _QUARTER.match(block["quarter"])
    assert match is not None
    if int(match.group(1)) != block["year"]:
        raise ValueError(f"{KEY}.year is not the year of {KEY}.quarter")
    if (block["education_active_clients"] is None) != (block["education_participants"] is None):
        raise ValueError(f"{KEY}.education_active_clients and education_participants are known together")
    for part, whole in PARTS_OF:
        if block[part] is not None and block[part] > block[whole]:
            raise ValueError(f"{KEY}.{part} exceeds {KEY}.{whole}")
    targets = block[TARGETS]
    if not isinstance(targets, dict) or set(targets) != set(TARGET_POLICY_FIELDS):
        raise ValueError(f"{KEY}.{TARGETS} must name exactly {', '.join(TARGET_POLICY_FIELDS)}")
    for target, percent in targets.items():
        if not _is_int(percent) or not 0 <= percent <= 100:
            raise ValueError(f"{KEY}.{TARGETS}.{target} must be a whole percent 0..100 (got {percent!r})")
    return block


def counts_of(block: Mapping[str, Any]) -> ProgrammeCounts:
    """The counts of a checked block."""
    return ProgrammeCounts(**{name: block[name] for name in FIELDS})


def targets_of(block: Mapping[str, Any]) -> dict[str, int]:
    return {target: int(block[TARGETS][target]) for target in TARGET_POLICY_FIELDS}


def policy_with_targets(targets: Mapping[str, int]) -> Targets:
    """These target percentages (target id -> percent) as ``evaluate`` reads them."""
    return Targets(**{attr: int(targets[target]) for target, attr in TARGET_POLICY_FIELDS.items()})


def default_targets() -> dict[str, int]:
    """The programme's own targets (the policy defaults: the company's published figures)."""
    from desktop_app.domain.programme_policy import ProgrammePolicy  # local: only HQ's company row

    policy = ProgrammePolicy()
    return {target: int(getattr(policy, attr)) for target, attr in TARGET_POLICY_FIELDS.items()}


def results(block: Mapping[str, Any]) -> list[TargetResult]:
    """The six targets of one branch's block, against the targets the branch sent."""
    return evaluate(counts_of(block), policy_with_targets(targets_of(block)))


def _sum(values: Iterable[int]) -> int:
    return sum(values, 0)


def company_counts(quarter: str, blocks: Iterable[Mapping[str, Any]]) -> ProgrammeCounts:
    """Several branches' blocks of one quarter as one set of counts: every count is added, so each
    ratio is the sum of the numerators over the sum of the denominators. Counts a branch does not
    know (``null``: education without the client key or a snapshot, a breach baseline without
    records) leave that branch out of that ratio, numerator and denominator alike; when no branch
    knows them the company figure is unknown too. The review period is the latest any branch
    reported; the baseline year is the branches' common one (0 when they differ)."""
    chosen = list(blocks)
    match = _QUARTER.match(quarter)
    if match is None:
        raise ValueError(f"not a quarter key: {quarter!r}")
    educated = [b for b in chosen if b["education_active_clients"] is not None]
    with_baseline = [b for b in chosen if b["breaches_baseline"] is not None]
    periods = sorted(b["review_period"] for b in chosen if b["review_period"] is not None)
    baseline_years = {b["baseline_year"] for b in chosen}
    return ProgrammeCounts(
        quarter=quarter,
        year=int(match.group(1)),
        active_staff=_sum(b["active_staff"] for b in chosen),
        trained_staff=_sum(b["trained_staff"] for b in chosen),
        quiz_takers=_sum(b["quiz_takers"] for b in chosen),
        quiz_first_passed=_sum(b["quiz_first_passed"] for b in chosen),
        survey_responses=_sum(b["survey_responses"] for b in chosen),
        survey_satisfied=_sum(b["survey_satisfied"] for b in chosen),
        review_period=periods[-1] if periods else None,
        review_applicable=_sum(b["review_applicable"] for b in chosen),
        review_passed=_sum(b["review_passed"] for b in chosen),
        education_active_clients=_sum(b["education_active_clients"] for b in educated) if educated else None,
        education_participants=_sum(b["education_participants"] for b in educated) if educated else None,
        breaches_this_year=_sum(b["breaches_this_year"] for b in (with_baseline or chosen)),
        breaches_baseline=_sum(b["breaches_baseline"] for b in with_baseline) if with_baseline else None,
        baseline_year=baseline_years.pop() if len(baseline_years) == 1 else 0,
        campaigns_this_year=_sum(b["campaigns_this_year"] for b in chosen),
        open_incidents=_sum(b["open_incidents"] for b in chosen),
        overdue_rectifications=_sum(b["overdue_rectifications"] for b in chosen),
    )


def company_results(quarter: str, blocks: Iterable[Mapping[str, Any]]) -> list[TargetResult]:
    """The company-wide figures against the programme's own targets (the policy defaults)."""
    return evaluate(company_counts(quarter, blocks), policy_with_targets(default_targets()))
