"""Every definition of the six programme targets, with the edge cases that must read "no data"."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import pytest

from desktop_app.domain.programme_targets import (
    DEFINITION_BY_ID,
    TARGET_POLICY_FIELD,
    ProgrammeCounts,
    TargetId,
    counts_from_dict,
    counts_to_dict,
    evaluate,
    percent,
    result_to_dict,
)


@dataclass(frozen=True)
class Targets:
    target_training_coverage: int = 100
    target_quiz_pass: int = 90
    target_satisfaction: int = 85
    target_review: int = 95
    target_education: int = 50
    target_breach_reduction: int = 30


POLICY = Targets()

BASE = ProgrammeCounts(
    quarter="2026Q4",
    year=2026,
    active_staff=10,
    trained_staff=10,
    quiz_takers=10,
    quiz_first_passed=9,
    survey_responses=20,
    survey_satisfied=18,
    review_period="2026H2",
    review_applicable=20,
    review_passed=19,
    education_active_clients=100,
    education_participants=50,
    breaches_this_year=7,
    breaches_baseline=10,
    baseline_year=2025,
    campaigns_this_year=4,
    open_incidents=0,
    overdue_rectifications=0,
)


def result(counts: ProgrammeCounts, target: TargetId, policy: object = POLICY):  # type: ignore[no-untyped-def]
    by_id = {r.target: r for r in evaluate(counts, policy)}  # type: ignore[arg-type]
    return by_id[target]


def test_all_six_in_order_and_all_met_at_the_boundary() -> None:
    results = evaluate(BASE, POLICY)
    assert [r.target for r in results] == list(TargetId)
    assert all(r.met is True for r in results)
    values = {r.target: r.value_percent for r in results}
    assert values == {
        TargetId.TRAINING_COVERAGE: Decimal("100.0"),
        TargetId.QUIZ_PASS: Decimal("90.0"),
        TargetId.SATISFACTION: Decimal("90.0"),
        TargetId.COMPLIANCE_REVIEW: Decimal("95.0"),
        TargetId.EDUCATION: Decimal("50.0"),
        TargetId.BREACH_REDUCTION: Decimal("30.0"),
    }


def test_training_coverage_is_trained_over_active() -> None:
    r = result(replace(BASE, trained_staff=9), TargetId.TRAINING_COVERAGE)
    assert (r.numerator, r.denominator, r.value_percent, r.met) == (9, 10, Decimal("90.0"), False)
    assert r.target_percent == 100


def test_no_staff_is_no_data_not_met() -> None:
    r = result(replace(BASE, active_staff=0, trained_staff=0), TargetId.TRAINING_COVERAGE)
    assert r.value_percent is None and r.met is None and r.denominator == 0


def test_met_is_decided_on_the_exact_ratio_not_the_rounded_one() -> None:
    # 9999 / 10000 = 99.99 % shows as 100.0 but is not 100 %
    r = result(replace(BASE, active_staff=10000, trained_staff=9999), TargetId.TRAINING_COVERAGE)
    assert r.value_percent == Decimal("100.0")
    assert r.met is False


def test_quiz_pass_is_first_attempt_passed_over_takers() -> None:
    r = result(replace(BASE, quiz_takers=8, quiz_first_passed=7), TargetId.QUIZ_PASS)
    assert (r.numerator, r.denominator, r.value_percent, r.met) == (7, 8, Decimal("87.5"), False)


def test_nobody_took_the_quiz_is_no_data() -> None:
    r = result(replace(BASE, quiz_takers=0, quiz_first_passed=0), TargetId.QUIZ_PASS)
    assert r.value_percent is None and r.met is None


def test_satisfaction_is_satisfied_over_responses() -> None:
    r = result(replace(BASE, survey_responses=3, survey_satisfied=2), TargetId.SATISFACTION)
    assert (r.value_percent, r.met) == (Decimal("66.7"), False)


def test_quarter_with_no_responses_is_no_data_neither_met_nor_failed() -> None:
    r = result(replace(BASE, survey_responses=0, survey_satisfied=0), TargetId.SATISFACTION)
    assert r.value_percent is None
    assert r.met is None
    assert r.met is not False


def test_review_is_passed_over_applicable() -> None:
    r = result(replace(BASE, review_applicable=20, review_passed=18), TargetId.COMPLIANCE_REVIEW)
    assert (r.value_percent, r.met) == (Decimal("90.0"), False)


def test_review_with_all_items_not_applicable_is_no_data() -> None:
    r = result(replace(BASE, review_applicable=0, review_passed=0), TargetId.COMPLIANCE_REVIEW)
    assert r.value_percent is None and r.met is None


def test_no_finished_review_is_no_data() -> None:
    counts = replace(BASE, review_period=None, review_applicable=0, review_passed=0)
    r = result(counts, TargetId.COMPLIANCE_REVIEW)
    assert r.value_percent is None and r.met is None and r.denominator is None


def test_education_is_participants_over_active_clients() -> None:
    counts = replace(BASE, education_active_clients=30, education_participants=14)
    r = result(counts, TargetId.EDUCATION)
    assert (r.value_percent, r.met) == (Decimal("46.7"), False)


def test_education_unknown_without_client_figures() -> None:
    counts = replace(BASE, education_active_clients=None, education_participants=None)
    r = result(counts, TargetId.EDUCATION)
    assert r.value_percent is None and r.met is None and r.denominator is None


def test_education_no_active_clients_is_no_data() -> None:
    counts = replace(BASE, education_active_clients=0, education_participants=0)
    assert result(counts, TargetId.EDUCATION).met is None


def test_breach_reduction_value_and_numerator_denominator() -> None:
    r = result(replace(BASE, breaches_this_year=8, breaches_baseline=10), TargetId.BREACH_REDUCTION)
    assert (r.numerator, r.denominator, r.value_percent, r.met) == (8, 10, Decimal("20.0"), False)


def test_more_breaches_than_the_baseline_is_a_negative_reduction() -> None:
    r = result(replace(BASE, breaches_this_year=3, breaches_baseline=2), TargetId.BREACH_REDUCTION)
    assert r.value_percent == Decimal("-50.0") and r.met is False


def test_breach_baseline_zero_is_met_only_without_breaches() -> None:
    none = result(replace(BASE, breaches_this_year=0, breaches_baseline=0), TargetId.BREACH_REDUCTION)
    assert none.value_percent is None and none.met is True
    one = result(replace(BASE, breaches_this_year=1, breaches_baseline=0), TargetId.BREACH_REDUCTION)
    assert one.value_percent is None and one.met is False


def test_breach_baseline_unknown_is_no_data() -> None:
    r = result(replace(BASE, breaches_this_year=0, breaches_baseline=None), TargetId.BREACH_REDUCTION)
    assert r.value_percent is None and r.met is None and r.denominator is None


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (1, 16, "6.3"),  # 6.25 -> half-up (banker's rounding would give 6.2)
        (1, 8, "12.5"),
        (2, 3, "66.7"),
        (1, 3, "33.3"),
        (3, 80, "3.8"),  # 3.75
        (0, 5, "0.0"),
        (5, 5, "100.0"),
        (-1, 16, "-6.3"),  # half away from zero for the negative reduction
    ],
)
def test_percent_rounds_half_up_to_one_place(numerator: int, denominator: int, expected: str) -> None:
    value = percent(numerator, denominator)
    assert isinstance(value, Decimal)
    assert str(value) == expected


def test_policy_targets_are_used() -> None:
    strict = Targets(target_satisfaction=95)
    r = result(BASE, TargetId.SATISFACTION, strict)
    assert r.target_percent == 95 and r.met is False


def test_every_target_has_a_definition_and_a_policy_field() -> None:
    for target in TargetId:
        assert DEFINITION_BY_ID[target].label_zh
        assert DEFINITION_BY_ID[target].label_en
        assert hasattr(POLICY, TARGET_POLICY_FIELD[target])


def test_counts_round_trip_as_plain_json_values() -> None:
    data = counts_to_dict(BASE)
    assert all(v is None or isinstance(v, int | str) for v in data.values())
    assert counts_from_dict(data) == BASE
    unknown = replace(BASE, education_active_clients=None, education_participants=None)
    assert counts_from_dict(counts_to_dict(unknown)) == unknown


@pytest.mark.parametrize(
    "change",
    [
        {"extra": 1},
        {"active_staff": -1},
        {"active_staff": 1.5},
        {"active_staff": True},
        {"active_staff": None},
        {"quarter": 2026},
    ],
)
def test_counts_from_dict_refuses_bad_values(change: dict[str, object]) -> None:
    data = counts_to_dict(BASE) | change
    with pytest.raises(ValueError):
        counts_from_dict(data)


def test_counts_from_dict_refuses_missing_fields() -> None:
    data = counts_to_dict(BASE)
    del data["year"]
    with pytest.raises(ValueError):
        counts_from_dict(data)


def test_result_to_dict_has_no_floats() -> None:
    for r in evaluate(BASE, POLICY):
        d = result_to_dict(r)
        assert not any(isinstance(v, float) for v in d.values())
    d = result_to_dict(result(BASE, TargetId.SATISFACTION))
    assert d["value"] == "90.0" and d["met"] is True and d["target"] == 85
    assert d["id"] == "satisfaction" and (d["numerator"], d["denominator"]) == (18, 20)
