"""The programme settings table: defaults as documented, bounds enforced, bilingual refusals."""

from __future__ import annotations

import pytest

from desktop_app.domain.programme_policy import (
    ProgrammePolicy,
    ProgrammePolicyError,
    apply_programme_settings,
    as_settings,
    programme_settings_table,
)


def test_defaults_are_the_programme() -> None:
    policy = ProgrammePolicy()
    assert (policy.target_training_coverage, policy.target_quiz_pass, policy.target_satisfaction) == (
        100,
        90,
        85,
    )
    assert (policy.target_review, policy.target_education, policy.target_breach_reduction) == (95, 50, 30)
    assert policy.review_interval_months == 6 and policy.education_campaigns_per_year == 4
    assert policy.training_gate_client_data and not policy.training_gate_it_admin


def test_every_setting_is_documented() -> None:
    table = programme_settings_table()
    assert [name for name, _, _ in table] == list(as_settings(ProgrammePolicy()))
    assert all(doc.strip() for _, _, doc in table)


def test_text_values_from_the_cli_are_coerced() -> None:
    policy = apply_programme_settings(
        ProgrammePolicy(),
        {"quiz_questions": "12", "training_gate_it_admin": "yes", "survey_target_question": " Q3 "},
    )
    assert policy.quiz_questions == 12 and policy.training_gate_it_admin is True
    assert policy.survey_target_question == "Q3"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("quiz_pass_percent", 101),
        ("quiz_pass_percent", "eighty"),
        ("quiz_questions", True),
        ("training_gate_client_data", "maybe"),
        ("training_period", "month"),
        ("breach_baseline_count", -2),
        ("no_such_setting", 1),
    ],
)
def test_out_of_bounds_or_unknown_is_refused(name: str, value: object) -> None:
    with pytest.raises(ProgrammePolicyError) as caught:
        apply_programme_settings(ProgrammePolicy(), {name: value})
    assert name in caught.value.zh and name in caught.value.en
    assert caught.value.exit_code == 2
