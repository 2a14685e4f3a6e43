"""The privacy programme's settings in one documented table: schedule, quiz rules, deadlines, targets.

The company's programme (``../shared/reference/mission.md``) trains staff every quarter, reviews
compliance every six months, surveys clients every quarter, runs at least four education campaigns
a year and counts breaches against a baseline. The defaults below are that programme; a branch
manager may change them (``branchvault programme policy --set``, audited), within the bounds here.

The incident deadlines are the company's internal policy, not statutory hours: PIPL Art. 57 asks
for remedial measures and notice to the regulator and the individuals "立即" (immediately) without a
number of hours. The 72-hour regulator default follows GDPR Art. 33 practice. For an incident graded
较大 or above, the CAC's 《国家网络安全事件报告管理办法》 (11 September 2025, in force 1 November
2025) Art. 4 asks for a report to the provincial cyberspace administration within 4 hours (1 hour for
critical-information-infrastructure operators): a branch facing such an incident sets 4 or less. A
branch reports to headquarters first (24 hours by default), and headquarters reports onwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

from desktop_app.domain.errors import BranchVaultError


class ProgrammePolicyError(BranchVaultError):
    code = "programme_policy"
    exit_code = 2


@dataclass(frozen=True)
class ProgrammePolicy:
    """The programme settings in force. Field docs are the documentation table (README)."""

    training_period: str = field(
        default="quarter", metadata={"doc": "How often staff are trained and tested (quarter only)."}
    )
    quiz_questions: int = field(default=10, metadata={"doc": "Questions drawn for one quiz."})
    quiz_pass_percent: int = field(default=80, metadata={"doc": "Pass mark of the quiz, percent."})
    training_grace_days: int = field(
        default=14,
        metadata={
            "doc": "Days into the quarter (or after joining) before an undone quiz closes client data."
        },
    )
    training_gate_client_data: bool = field(
        default=True,
        metadata={"doc": "After the grace days, client-data areas stay closed until the quiz is passed."},
    )
    training_gate_it_admin: bool = field(
        default=False,
        metadata={"doc": "Apply the gate to IT administrators too (they never see client data)."},
    )
    review_interval_months: int = field(
        default=6, metadata={"doc": "Months between compliance self-reviews (the programme: six)."}
    )
    rectification_default_days: int = field(
        default=30, metadata={"doc": "Default days to fix an item a review failed."}
    )
    survey_target_question: str = field(
        default="",
        metadata={"doc": "The survey question that measures the satisfaction target (remembered at import)."},
    )
    education_campaigns_per_year: int = field(
        default=4, metadata={"doc": "Privacy education campaigns a year (the programme: at least four)."}
    )
    incident_internal_report_hours: int = field(
        default=24,
        metadata={
            "doc": "Hours from discovery to the report to headquarters (company policy; PIPL Art. 57: immediately)."
        },
    )
    incident_regulator_report_hours: int = field(
        default=72,
        metadata={
            "doc": "Hours from discovery to the report to the regulator (company policy after GDPR Art. 33;"
            " an incident graded 较大 or above: at most 4, CAC reporting measures 2025 Art. 4)."
        },
    )
    incident_client_notice_hours: int = field(
        default=72,
        metadata={
            "doc": "Hours from discovery to notifying affected clients (company policy; PIPL Art. 57)."
        },
    )
    breach_baseline_year: int = field(
        default=0, metadata={"doc": "Year the breach target compares against; 0 = the year before."}
    )
    breach_baseline_count: int = field(
        default=-1,
        metadata={"doc": "Breaches in the baseline year when set at setup; -1 = count from the records."},
    )
    target_training_coverage: int = field(
        default=100, metadata={"doc": "Target: percent of active staff trained this quarter."}
    )
    target_quiz_pass: int = field(
        default=90, metadata={"doc": "Target: percent of quiz takers passing at the first attempt."}
    )
    target_satisfaction: int = field(
        default=85, metadata={"doc": "Target: percent of responses satisfied or very satisfied."}
    )
    target_review: int = field(
        default=95, metadata={"doc": "Target: percent of applicable review items passed."}
    )
    target_education: int = field(
        default=50, metadata={"doc": "Target: percent of the year's active clients reached by education."}
    )
    target_breach_reduction: int = field(
        default=30, metadata={"doc": "Target: percent fewer breaches than the baseline year."}
    )


# Inclusive bounds of the integer settings.
_RANGES: dict[str, tuple[int, int]] = {
    "quiz_questions": (3, 50),
    "quiz_pass_percent": (50, 100),
    "training_grace_days": (0, 90),
    "review_interval_months": (1, 12),
    "rectification_default_days": (1, 365),
    "education_campaigns_per_year": (1, 52),
    "incident_internal_report_hours": (1, 720),
    "incident_regulator_report_hours": (1, 720),
    "incident_client_notice_hours": (1, 720),
    "breach_baseline_year": (0, 2999),
    "breach_baseline_count": (-1, 100000),
    "target_training_coverage": (1, 100),
    "target_quiz_pass": (1, 100),
    "target_satisfaction": (1, 100),
    "target_review": (1, 100),
    "target_education": (1, 100),
    "target_breach_reduction": (1, 100),
}
_TRUE = {"true", "yes", "on", "1", "是"}
_FALSE = {"false", "no", "off", "0", "否"}
_DEFAULTS = ProgrammePolicy()
_TYPES: dict[str, type] = {f.name: type(getattr(_DEFAULTS, f.name)) for f in fields(ProgrammePolicy)}


def _unknown(name: str) -> ProgrammePolicyError:
    return ProgrammePolicyError(f"没有这个培训与合规设置：{name}", f"no such programme setting: {name}")


def _coerce(name: str, value: object) -> object:
    if name not in _TYPES:
        raise _unknown(name)
    kind = _TYPES[name]
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise ProgrammePolicyError(f"{name} 应为 true 或 false", f"{name} must be true or false")
    if kind is int:
        if isinstance(value, bool):
            raise ProgrammePolicyError(f"{name} 应为整数", f"{name} must be a whole number")
        try:
            number = int(str(value).strip()) if not isinstance(value, int) else value
        except ValueError:
            raise ProgrammePolicyError(f"{name} 应为整数", f"{name} must be a whole number") from None
        low, high = _RANGES[name]
        if not low <= number <= high:
            raise ProgrammePolicyError(
                f"{name} 应在 {low} 到 {high} 之间", f"{name} must be between {low} and {high}"
            )
        return number
    text = str(value).strip()
    if name == "training_period" and text != "quarter":
        raise ProgrammePolicyError(
            "training_period 目前只能是 quarter（每季度）", "training_period can only be quarter"
        )
    if len(text) > 500:
        raise ProgrammePolicyError(
            f"{name} 太长（最多 500 字）", f"{name} is too long (500 characters at most)"
        )
    return text


def apply_programme_settings(policy: ProgrammePolicy, settings: Mapping[str, object]) -> ProgrammePolicy:
    """``policy`` with ``settings`` applied; an unknown name or a value out of bounds is refused."""
    values = {name: _coerce(name, value) for name, value in settings.items()}
    return replace(policy, **values)  # type: ignore[arg-type]


def programme_settings_table() -> list[tuple[str, object, str]]:
    """(name, default, description) rows: the documentation table for README and ``--help``."""
    return [(f.name, getattr(_DEFAULTS, f.name), f.metadata["doc"]) for f in fields(ProgrammePolicy)]


def as_settings(policy: ProgrammePolicy) -> dict[str, object]:
    """Every setting by name (the CLI's ``--json``)."""
    return {f.name: getattr(policy, f.name) for f in fields(ProgrammePolicy)}
