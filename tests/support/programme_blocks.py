"""Programme blocks for HQ tests: a checked ``programme`` object of a summary, from counts with
changes (domain/hq_summary/programme_block.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop_app.domain.hq_summary.programme_block import policy_with_targets, programme_block
from desktop_app.domain.programme_targets import ProgrammeCounts

DEFAULT_TARGETS = {
    "training_coverage": 100,
    "quiz_pass": 90,
    "satisfaction": 85,
    "compliance_review": 95,
    "education": 50,
    "breach_reduction": 30,
}


def sample_counts(quarter: str = "2026Q4", **changes: Any) -> ProgrammeCounts:
    base = ProgrammeCounts(
        quarter=quarter,
        year=int(quarter[:4]),
        active_staff=10,
        trained_staff=9,
        quiz_takers=8,
        quiz_first_passed=7,
        survey_responses=40,
        survey_satisfied=36,
        review_period=f"{quarter[:4]}H2",
        review_applicable=20,
        review_passed=19,
        education_active_clients=120,
        education_participants=66,
        breaches_this_year=1,
        breaches_baseline=3,
        baseline_year=int(quarter[:4]) - 1,
        campaigns_this_year=4,
        open_incidents=1,
        overdue_rectifications=0,
    )
    return replace(base, **changes)


def sample_block(
    quarter: str = "2026Q4", targets: dict[str, int] | None = None, **changes: Any
) -> dict[str, Any]:
    return programme_block(
        sample_counts(quarter, **changes), policy_with_targets({**DEFAULT_TARGETS, **(targets or {})})
    )
