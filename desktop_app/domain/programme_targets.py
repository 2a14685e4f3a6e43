"""The six targets of the privacy programme, and how the branch's counts are judged against them.

Rule: every figure is a ratio of two counts the app keeps itself (see ``TARGET_DEFINITIONS``), as a
percentage computed with ``Decimal`` and rounded half-up to one decimal place; whether a target is
met is decided on the exact ratio (``99.96 %`` is shown as ``100.0`` but does not meet a 100 %
target). A ratio with no denominator (no staff, no survey responses in the quarter, no finished
review, a review whose items were all not applicable, no client figures) is **no data**: neither
met nor failed (``met is None``), so an empty quarter never looks like a success.

Breach reduction is the one figure that is not "numerator / denominator": its value is
``(baseline - this_year) / baseline * 100`` with ``numerator = breaches this year`` and
``denominator = breaches in the baseline year``. A baseline of 0 gives no percentage; the target is
then met only while the year has no breach either. An unknown baseline (``None``) is no data.

Reason: the company programme (shared/reference/mission.md) sets five measurable targets plus the
training coverage the programme requires; the branch manager and the HQ privacy officer must read
the same figure from the same records. ``ProgrammeCounts`` holds counts only (no names, no ids):
it is also exactly what goes to headquarters (PIPL Art. 51 asks the handler to organise training
and review its measures; the counts show it did without moving personal information).
No floats anywhere in here: HQ sums numerators and denominators across branches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Protocol

ONE_PLACE = Decimal("0.1")


class TargetId(StrEnum):
    TRAINING_COVERAGE = "training_coverage"
    QUIZ_PASS = "quiz_pass"
    SATISFACTION = "satisfaction"
    COMPLIANCE_REVIEW = "compliance_review"
    EDUCATION = "education"
    BREACH_REDUCTION = "breach_reduction"


class TargetPolicy(Protocol):
    """The part of ``programme_policy.ProgrammePolicy`` the targets read (the target percentages)."""

    @property
    def target_training_coverage(self) -> int: ...
    @property
    def target_quiz_pass(self) -> int: ...
    @property
    def target_satisfaction(self) -> int: ...
    @property
    def target_review(self) -> int: ...
    @property
    def target_education(self) -> int: ...
    @property
    def target_breach_reduction(self) -> int: ...


# Which policy field holds each target's percentage.
TARGET_POLICY_FIELD: Mapping[TargetId, str] = MappingProxyType(
    {
        TargetId.TRAINING_COVERAGE: "target_training_coverage",
        TargetId.QUIZ_PASS: "target_quiz_pass",
        TargetId.SATISFACTION: "target_satisfaction",
        TargetId.COMPLIANCE_REVIEW: "target_review",
        TargetId.EDUCATION: "target_education",
        TargetId.BREACH_REDUCTION: "target_breach_reduction",
    }
)


@dataclass(frozen=True)
class TargetDefinition:
    """How one target is measured, in both languages (for the report, the CLI and the docs)."""

    target: TargetId
    label_zh: str
    label_en: str
    numerator_zh: str
    numerator_en: str
    denominator_zh: str
    denominator_en: str
    period: str  # "quarter" | "half_year" | "year"


TARGET_DEFINITIONS: tuple[TargetDefinition, ...] = (
    TargetDefinition(
        TargetId.TRAINING_COVERAGE,
        "培训覆盖率",
        "Training coverage",
        "本季度完成培训的在职员工",
        "active staff who completed this quarter's training",
        "季度末在职员工（全部角色）",
        "staff active at the quarter's end (all roles)",
        "quarter",
    ),
    TargetDefinition(
        TargetId.QUIZ_PASS,
        "测验一次通过率",
        "Quiz first-attempt pass rate",
        "首次测验即通过的员工",
        "staff who passed at their first attempt",
        "本季度参加测验的员工",
        "staff who took the quiz this quarter",
        "quarter",
    ),
    TargetDefinition(
        TargetId.SATISFACTION,
        "客户满意度",
        "Client satisfaction",
        "对信息处理表示满意或非常满意的答卷",
        "responses rating the handling of their information satisfied or very satisfied",
        "本季度答卷",
        "responses this quarter",
        "quarter",
    ),
    TargetDefinition(
        TargetId.COMPLIANCE_REVIEW,
        "合规自查通过率",
        "Compliance review",
        "通过的检查项",
        "items passed",
        "最近一次半年度自查的适用检查项",
        "applicable items in the latest six-monthly review",
        "half_year",
    ),
    TargetDefinition(
        TargetId.EDUCATION,
        "隐私教育覆盖率",
        "Privacy education",
        "本年度参加过隐私教育活动的活跃客户",
        "clients active in the year who took part in an education activity",
        "本年度活跃客户",
        "clients active in the year",
        "year",
    ),
    TargetDefinition(
        TargetId.BREACH_REDUCTION,
        "个人信息泄露事件降幅",
        "Breach reduction",
        "本年度个人信息泄露事件数",
        "personal-information breaches this year",
        "基准年度泄露事件数（降幅 = (基准 − 本年) / 基准）",
        "breaches in the baseline year (reduction = (baseline − this year) / baseline)",
        "year",
    ),
)

DEFINITION_BY_ID: Mapping[TargetId, TargetDefinition] = MappingProxyType(
    {definition.target: definition for definition in TARGET_DEFINITIONS}
)


@dataclass(frozen=True)
class ProgrammeCounts:
    """The counts behind the six figures, for one quarter (and its year). Counts only: this is
    also the ``"programme"`` object of the HQ summary."""

    quarter: str  # "2026Q4"
    year: int
    active_staff: int
    trained_staff: int
    quiz_takers: int
    quiz_first_passed: int
    survey_responses: int
    survey_satisfied: int
    review_period: str | None  # "2026H2"; None = no finished review yet
    review_applicable: int
    review_passed: int
    education_active_clients: int | None  # None = not known (no client key, no snapshot)
    education_participants: int | None
    breaches_this_year: int
    breaches_baseline: int | None  # None = baseline unknown
    baseline_year: int
    campaigns_this_year: int
    open_incidents: int
    overdue_rectifications: int


@dataclass(frozen=True)
class TargetResult:
    target: TargetId
    numerator: int
    denominator: int | None
    value_percent: Decimal | None  # None = no data (never "met")
    target_percent: int
    met: bool | None  # None = no data


def percent(numerator: int, denominator: int) -> Decimal:
    """``numerator / denominator * 100`` rounded half-up to one place (denominator > 0)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(ONE_PLACE, ROUND_HALF_UP)


def _ratio(target: TargetId, numerator: int, denominator: int | None, target_percent: int) -> TargetResult:
    if denominator is None or denominator <= 0:
        return TargetResult(target, numerator, denominator, None, target_percent, None)
    met = numerator * 100 >= target_percent * denominator  # exact, not on the rounded value
    return TargetResult(target, numerator, denominator, percent(numerator, denominator), target_percent, met)


def _breach_reduction(this_year: int, baseline: int | None, target_percent: int) -> TargetResult:
    target = TargetId.BREACH_REDUCTION
    if baseline is None:
        return TargetResult(target, this_year, None, None, target_percent, None)
    if baseline == 0:
        return TargetResult(target, this_year, 0, None, target_percent, this_year == 0)
    met = (baseline - this_year) * 100 >= target_percent * baseline
    return TargetResult(
        target, this_year, baseline, percent(baseline - this_year, baseline), target_percent, met
    )


def target_percent_of(policy: TargetPolicy, target: TargetId) -> int:
    value = getattr(policy, TARGET_POLICY_FIELD[target])
    return int(value)


def evaluate(counts: ProgrammeCounts, policy: TargetPolicy) -> list[TargetResult]:
    """The six targets in ``TargetId`` order, judged on ``counts`` against ``policy``'s targets."""
    review_denominator = counts.review_applicable if counts.review_period is not None else None
    return [
        _ratio(
            TargetId.TRAINING_COVERAGE,
            counts.trained_staff,
            counts.active_staff,
            policy.target_training_coverage,
        ),
        _ratio(TargetId.QUIZ_PASS, counts.quiz_first_passed, counts.quiz_takers, policy.target_quiz_pass),
        _ratio(
            TargetId.SATISFACTION,
            counts.survey_satisfied,
            counts.survey_responses,
            policy.target_satisfaction,
        ),
        _ratio(
            TargetId.COMPLIANCE_REVIEW,
            counts.review_passed,
            review_denominator,
            policy.target_review,
        ),
        _ratio(
            TargetId.EDUCATION,
            counts.education_participants or 0,
            counts.education_active_clients if counts.education_participants is not None else None,
            policy.target_education,
        ),
        _breach_reduction(
            counts.breaches_this_year, counts.breaches_baseline, policy.target_breach_reduction
        ),
    ]


def counts_to_dict(counts: ProgrammeCounts) -> dict[str, object]:
    """JSON-ready dict (ints, strings, None only)."""
    return asdict(counts)


_OPTIONAL_INT = {"education_active_clients", "education_participants", "breaches_baseline"}


def counts_from_dict(data: Mapping[str, object]) -> ProgrammeCounts:
    """Rebuild counts from ``counts_to_dict`` output; refuses missing, unknown or mistyped fields
    (raises ``ValueError``). Negative counts are refused too."""
    names = [f.name for f in fields(ProgrammeCounts)]
    unknown = set(data) - set(names)
    missing = set(names) - set(data)
    if unknown or missing:
        raise ValueError(f"programme counts: unknown {sorted(unknown)}, missing {sorted(missing)}")
    values: dict[str, object] = {}
    for name in names:
        value = data[name]
        if name == "quarter":
            if not isinstance(value, str):
                raise ValueError("programme counts: quarter must be a string")
        elif name == "review_period":
            if value is not None and not isinstance(value, str):
                raise ValueError("programme counts: review_period must be a string or null")
        elif value is None and name in _OPTIONAL_INT:
            pass
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"programme counts: {name} must be a non-negative integer")
        values[name] = value
    return ProgrammeCounts(**values)  # type: ignore[arg-type]


def result_to_dict(result: TargetResult) -> dict[str, object]:
    """JSON-ready: ``value`` as a string with one decimal ("93.3") or None, ``target`` the target
    percentage, ``met`` true/false/None (no data); no floats."""
    definition = DEFINITION_BY_ID[result.target]
    return {
        "id": result.target.value,
        "label_zh": definition.label_zh,
        "label_en": definition.label_en,
        "value": None if result.value_percent is None else str(result.value_percent),
        "target": result.target_percent,
        "met": result.met,
        "numerator": result.numerator,
        "denominator": result.denominator,
    }
