"""The privacy programme's six targets made ready for the page: per branch and company-wide.

Rule: a value is a percentage with one decimal (``Decimal``, rounded half-up: the branch's own
rounding, domain/programme_targets.evaluate) shown with the counts behind it; a target without a
denominator (no staff, no responses, no review, education not known, no breach baseline) is
"无数据 / no data", never "met". Each branch is judged against the targets it sent; the
company-wide row adds every branch's numerators and denominators (programme_block.company_counts)
and is judged against the programme's own targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.domain.hq_summary.programme_block import (
    company_counts,
    company_results,
    default_targets,
    results,
)
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.programme_targets import TargetId, TargetResult
from desktop_app.hq.web.figure_labels import Label
from desktop_app.hq.web.programme_queries import BranchProgramme

TARGET_LABELS: dict[str, Label] = {
    TargetId.TRAINING_COVERAGE.value: Label("培训覆盖率", "Training coverage"),
    TargetId.QUIZ_PASS.value: Label("测验首次通过率", "Quiz first-attempt pass"),
    TargetId.SATISFACTION.value: Label("客户满意度", "Client satisfaction"),
    TargetId.COMPLIANCE_REVIEW.value: Label("合规自查通过率", "Compliance review"),
    TargetId.EDUCATION.value: Label("隐私教育参与率", "Privacy education"),
    TargetId.BREACH_REDUCTION.value: Label("泄露事件减少", "Breach reduction"),
}
NO_DATA = Label("无数据", "no data")


@dataclass(frozen=True)
class TargetHeader:
    target: str
    label: Label
    target_percent: int


@dataclass(frozen=True)
class TargetCell:
    target: str
    status: str  # "met", "missed", "nodata"
    value: str  # "87.5%" or "" (no data)
    detail: str  # the counts behind it: "7/8"; breaches "1 / 3"
    target_percent: int
    own_target: bool  # the branch's target differs from the programme's


@dataclass(frozen=True)
class ProgrammeRow:
    code: str | None  # None: the company-wide row
    quarter: str
    cells: list[TargetCell]
    period_to: str
    extra: dict[str, int]


@dataclass(frozen=True)
class ProgrammeView:
    quarter: str | None
    quarter_label: Label
    quarters: list[tuple[str, Label]]
    headers: list[TargetHeader]
    rows: list[ProgrammeRow]
    company: ProgrammeRow | None
    without: list[str]  # enrolled branches with no figures for the quarter


def quarter_label(key: str) -> Label:
    try:
        quarter = Quarter.parse(key)
    except ValueError:
        return Label(key, key)
    return Label(quarter.label_zh(), quarter.label_en())


def _cell(result: TargetResult, company_target: int) -> TargetCell:
    target = result.target.value
    if result.target is TargetId.BREACH_REDUCTION:
        detail = f"{result.numerator} / {result.denominator}" if result.denominator is not None else ""
    else:
        detail = f"{result.numerator}/{result.denominator}" if result.denominator else ""
    if result.met is None:
        status = "nodata"
    else:
        status = "met" if result.met else "missed"
    value = f"{result.value_percent}%" if result.value_percent is not None else ""
    if result.target is TargetId.BREACH_REDUCTION and result.denominator == 0:
        value = "0 / 0"  # a baseline of none: met only while there are none this year
    return TargetCell(
        target, status, value, detail, result.target_percent, result.target_percent != company_target
    )


def _extra(block: dict[str, int | str | None]) -> dict[str, int]:
    keys = ("breaches_this_year", "campaigns_this_year", "open_incidents", "overdue_rectifications")
    return {key: int(value) for key in keys if isinstance((value := block.get(key)), int)}


def programme_view(
    quarter: str | None, available: Sequence[str], blocks: Sequence[BranchProgramme], enrolled: Sequence[str]
) -> ProgrammeView:
    targets = default_targets()
    headers = [TargetHeader(t, TARGET_LABELS[t], targets[t]) for t in TARGET_LABELS]
    rows = [
        ProgrammeRow(
            b.code,
            str(b.block["quarter"]),
            [_cell(r, targets[r.target.value]) for r in results(b.block)],
            b.period_to,
            _extra(b.block),
        )
        for b in blocks
    ]
    company: ProgrammeRow | None = None
    if quarter is not None and blocks:
        counts = company_counts(quarter, [b.block for b in blocks])
        company = ProgrammeRow(
            None,
            quarter,
            [_cell(r, targets[r.target.value]) for r in company_results(quarter, [b.block for b in blocks])],
            max(b.period_to for b in blocks),
            {
                "breaches_this_year": sum(int(b.block["breaches_this_year"]) for b in blocks),
                "campaigns_this_year": counts.campaigns_this_year,
                "open_incidents": counts.open_incidents,
                "overdue_rectifications": counts.overdue_rectifications,
            },
        )
    sent = {b.code for b in blocks}
    return ProgrammeView(
        quarter,
        quarter_label(quarter) if quarter else NO_DATA,
        [(key, quarter_label(key)) for key in available],
        headers,
        rows,
        company,
        [code for code in enrolled if code not in sent],
    )


def branch_history_view(history: Sequence[BranchProgramme]) -> ProgrammeView:
    """One branch's figures, a row per quarter (newest first)."""
    return programme_view(None, [], history, [])
