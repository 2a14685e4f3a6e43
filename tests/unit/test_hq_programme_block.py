"""The summary's programme block (domain/hq_summary/programme_block.py): counts in, the same counts
out; anything that is not a count (floats, negatives, missing or unknown keys, a part above its
whole) refused; company-wide figures are the sum of numerators over the sum of denominators."""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal
from typing import Any

import pytest

from desktop_app.domain.hq_summary import canonical_json
from desktop_app.domain.hq_summary.programme_block import (
    FIELDS,
    TARGET_POLICY_FIELDS,
    check_block,
    company_counts,
    company_results,
    counts_of,
    programme_block,
    results,
)
from desktop_app.domain.programme_policy import ProgrammePolicy
from desktop_app.domain.programme_targets import ProgrammeCounts, TargetId


def counts(**changes: Any) -> ProgrammeCounts:
    base = ProgrammeCounts(
        quarter="2026Q4",
        year=2026,
        active_staff=10,
        trained_staff=9,
        quiz_takers=8,
        quiz_first_passed=7,
        survey_responses=40,
        survey_satisfied=36,
        review_period="2026H2",
        review_applicable=20,
        review_passed=19,
        education_active_clients=120,
        education_participants=66,
        breaches_this_year=1,
        breaches_baseline=3,
        baseline_year=2025,
        campaigns_this_year=4,
        open_incidents=1,
        overdue_rectifications=0,
    )
    return replace(base, **changes)


def block(**changes: Any) -> dict[str, Any]:
    return programme_block(counts(**changes), ProgrammePolicy())


def test_the_block_lists_every_count_field_and_the_six_targets() -> None:
    assert set(FIELDS) == {f.name for f in fields(ProgrammeCounts)}
    assert set(TARGET_POLICY_FIELDS) == {t.value for t in TargetId}
    made = block()
    assert made["targets"] == {
        "training_coverage": 100,
        "quiz_pass": 90,
        "satisfaction": 85,
        "compliance_review": 95,
        "education": 50,
        "breach_reduction": 30,
    }


def test_round_trip_through_canonical_json() -> None:
    import json

    made = block(education_active_clients=None, education_participants=None, breaches_baseline=None)
    again = check_block(json.loads(canonical_json(made)))
    assert counts_of(again) == counts(
        education_active_clients=None, education_participants=None, breaches_baseline=None
    )


def test_targets_follow_the_branch_policy() -> None:
    policy = replace(ProgrammePolicy(), target_quiz_pass=80, target_review=90)
    made = programme_block(counts(), policy)
    assert made["targets"]["quiz_pass"] == 80 and made["targets"]["compliance_review"] == 90
    by_target = {r.target: r for r in results(made)}
    assert by_target[TargetId.QUIZ_PASS].value_percent == Decimal("87.5")
    assert by_target[TargetId.QUIZ_PASS].met is True  # 87.5 >= the branch's 80


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"active_staff": 10.0}, "active_staff"),
        ({"active_staff": -1}, "active_staff"),
        ({"active_staff": True}, "active_staff"),
        ({"active_staff": "10"}, "active_staff"),
        ({"trained_staff": 11}, "trained_staff exceeds"),
        ({"survey_satisfied": 41}, "survey_satisfied exceeds"),
        ({"education_participants": None}, "known together"),
        ({"quarter": "2026-Q4"}, "quarter"),
        ({"year": 2025}, "year"),
        ({"review_period": "2026Q4"}, "review_period"),
        ({"breaches_baseline": 0.5}, "breaches_baseline"),
    ],
)
def test_malformed_values_are_refused(change: dict[str, Any], reason: str) -> None:
    bad = {**block(), **change}
    with pytest.raises(ValueError, match=reason):
        check_block(bad)


def test_missing_unknown_and_bad_targets_are_refused() -> None:
    good = block()
    without = {k: v for k, v in good.items() if k != "open_incidents"}
    with pytest.raises(ValueError, match="lacks open_incidents"):
        check_block(without)
    with pytest.raises(ValueError, match="unknown fields staff_names"):
        check_block({**good, "staff_names": ["王伟"]})
    with pytest.raises(ValueError, match="targets"):
        check_block({**good, "targets": {**good["targets"], "quiz_pass": 90.0}})
    with pytest.raises(ValueError, match="targets"):
        check_block({**good, "targets": {**good["targets"], "quiz_pass": 101}})
    targets = dict(good["targets"])
    del targets["education"]
    with pytest.raises(ValueError, match="targets"):
        check_block({**good, "targets": targets})
    with pytest.raises(ValueError, match="must be an object"):
        check_block([good])


def test_programme_block_refuses_counts_that_break_the_rules() -> None:
    with pytest.raises(ValueError, match="quiz_first_passed exceeds"):
        block(quiz_first_passed=9)


def test_company_figures_sum_numerators_and_denominators() -> None:
    # 9/10 and 1/30 -> 10/40 = 25 % (the average of 90 % and 3.3 % would be 46.7 %)
    a = block(active_staff=10, trained_staff=9)
    b = block(active_staff=30, trained_staff=1, quiz_takers=2, quiz_first_passed=2)
    total = company_counts("2026Q4", [a, b])
    assert (total.trained_staff, total.active_staff) == (10, 40)
    assert (total.quiz_first_passed, total.quiz_takers) == (9, 10)
    by_target = {r.target: r for r in company_results("2026Q4", [a, b])}
    assert by_target[TargetId.TRAINING_COVERAGE].value_percent == Decimal("25.0")
    assert by_target[TargetId.TRAINING_COVERAGE].met is False
    assert by_target[TargetId.QUIZ_PASS].value_percent == Decimal("90.0")
    assert by_target[TargetId.QUIZ_PASS].met is True


def test_company_breaches_and_education_leave_out_branches_without_data() -> None:
    a = block(
        breaches_this_year=2, breaches_baseline=4, education_active_clients=100, education_participants=60
    )
    b = block(breaches_this_year=1, breaches_baseline=6)
    c = block(
        breaches_this_year=5,
        breaches_baseline=None,
        education_active_clients=None,
        education_participants=None,
    )
    total = company_counts("2026Q4", [a, b, c])
    assert (total.breaches_this_year, total.breaches_baseline) == (3, 10)  # c has no baseline: left out
    assert (total.education_participants, total.education_active_clients) == (126, 220)  # c unknown
    by_target = {r.target: r for r in company_results("2026Q4", [a, b, c])}
    assert by_target[TargetId.BREACH_REDUCTION].value_percent == Decimal("70.0")  # (10 - 3) / 10
    assert by_target[TargetId.BREACH_REDUCTION].met is True
    nothing = company_counts("2026Q4", [c])
    assert nothing.breaches_baseline is None and nothing.education_active_clients is None
    unknown = {r.target: r for r in company_results("2026Q4", [c])}
    assert unknown[TargetId.EDUCATION].value_percent is None and unknown[TargetId.EDUCATION].met is None


def test_no_responses_is_no_data_never_met() -> None:
    made = block(survey_responses=0, survey_satisfied=0)
    by_target = {r.target: r for r in results(made)}
    assert by_target[TargetId.SATISFACTION].value_percent is None
    assert by_target[TargetId.SATISFACTION].met is None
    empty = company_counts("2026Q4", [])
    assert empty.active_staff == 0 and empty.education_active_clients is None
