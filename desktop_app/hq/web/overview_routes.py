"""The overview page and one page per branch (GET only, signed-in HQ staff).

Reads are in overview_queries.py and figures in figures.py / figure_views.py. The period comes from
``from``/``to`` (Beijing dates; the last 30 days when absent or invalid, with a notice), the overdue
window from ``overdue_days`` (else the configured default), the privacy programme's quarter from
``quarter`` (``2026Q4``; else the newest quarter any branch sent figures for). Masked per-client rows appear only on
the branch page, as received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from desktop_app.domain.errors import BranchVaultError
from desktop_app.hq.web import overview_queries as queries
from desktop_app.hq.web import page_context as ctx
from desktop_app.hq.web.figure_labels import Label, code_label
from desktop_app.hq.web.figure_views import figure_views
from desktop_app.hq.web.programme_queries import branch_history, latest_blocks, quarters
from desktop_app.hq.web.programme_views import ProgrammeView, branch_history_view, programme_view

DEFAULT_PERIOD_DAYS = 30
MAX_PERIOD_DAYS = 3660

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    notice: Label | None


def _period(request: Request, now: datetime) -> Period:
    today = queries.beijing_today(now)
    default = Period(today - timedelta(days=DEFAULT_PERIOD_DAYS - 1), today, None)
    raw_from, raw_to = request.query_params.get("from"), request.query_params.get("to")
    if not raw_from and not raw_to:
        return default
    try:
        start = date.fromisoformat(raw_from or "")
        end = date.fromisoformat(raw_to or "")
    except ValueError:
        return Period(
            default.start,
            default.end,
            Label("日期格式无效，已显示最近 30 天。", "Invalid date; showing the last 30 days."),
        )
    if start > end or (end - start).days > MAX_PERIOD_DAYS:
        return Period(
            default.start,
            default.end,
            Label("日期范围无效，已显示最近 30 天。", "Invalid range; showing the last 30 days."),
        )
    return Period(start, end, None)


def _overdue_days(request: Request) -> int:
    raw = request.query_params.get("overdue_days", "")
    if raw.isdigit() and 1 <= int(raw) <= 365:
        return int(raw)
    return ctx.settings(request).overdue_days


def _programme(request: Request, db: Session, enrolled: list[str]) -> tuple[ProgrammeView, Label | None]:
    """The privacy programme's figures for ``?quarter=`` (else the newest quarter received)."""
    available = quarters(db)
    wanted = request.query_params.get("quarter", "")
    notice = None
    if wanted and wanted not in available:
        notice = Label(
            "该季度没有指标，已显示最近的季度。", "No figures for that quarter; showing the latest."
        )
    quarter = wanted if wanted in available else (available[0] if available else None)
    blocks = latest_blocks(db, quarter) if quarter is not None else []
    return programme_view(quarter, available, blocks, enrolled), notice


@router.get("/")
def overview(request: Request) -> Response:
    now = ctx.now(request)
    with ctx.db(request) as db:
        staff = ctx.signed_in(request, db)
        if staff is None:
            return ctx.to_sign_in()
        period = _period(request, now)
        overdue_days = _overdue_days(request)
        branches = queries.branch_rows(db, now, overdue_days)
        figures = queries.period_figures(db, period.start, period.end)
        anomalies = queries.anomalies(db)
        programme, programme_notice = _programme(request, db, [b.code for b in branches])
    return ctx.page(
        "overview.html",
        staff=staff,
        branches=branches,
        overdue=[b for b in branches if b.overdue],
        anomalies=anomalies,
        overdue_days=overdue_days,
        period_from=period.start.isoformat(),
        period_to=period.end.isoformat(),
        notice=period.notice or programme_notice,
        programme=programme,
        included=figures.included,
        skipped=figures.skipped,
        views=figure_views(figures.combined, figures.per_branch),
    )


MASKED_COLUMNS = (
    ("pseudonym", Label("假名", "Pseudonym")),
    ("masked_name", Label("姓名（脱敏）", "Name (masked)")),
    ("district", Label("区县", "District")),
    ("intention_level", Label("购买意向", "Intention")),
    ("property_type", Label("物业类型", "Property type")),
    ("budget_band", Label("预算区间", "Budget band")),
    ("stage", Label("客户阶段", "Stage")),
    ("agent_code", Label("经纪人代码", "Agent code")),
)
LEGAL_BASES = {
    "same_entity": Label("同一法人实体", "Same legal entity"),
    "entrustment": Label("委托处理协议", "Entrustment agreement"),
    "separate_consent": Label("单独同意", "Separate consent"),
}
_CODED = ("intention_level", "property_type", "budget_band", "stage")


@dataclass(frozen=True)
class MaskedColumn:
    key: str
    label: Label


def _masked_view(masked: queries.MaskedRows | None) -> dict[str, Any] | None:
    if masked is None:
        return None
    rows = [
        {key: code_label(key, value).zh if key in _CODED and value else value for key, value in row.items()}
        for row in masked.rows
    ]
    return {
        "submission_id": masked.submission_id,
        "basis_label": LEGAL_BASES.get(masked.legal_basis, Label(masked.legal_basis, masked.legal_basis)),
        "basis_reference": masked.basis_reference,
        "basis_expires": masked.basis_expires,
        "columns": [MaskedColumn(key, label) for key, label in MASKED_COLUMNS],
        "rows": rows,
    }


@router.get("/branches/{code}")
def branch_page(request: Request, code: str) -> Response:
    now = ctx.now(request)
    with ctx.db(request) as db:
        staff = ctx.signed_in(request, db)
        if staff is None:
            return ctx.to_sign_in()
        branch = queries.branch(db, code)
        if branch is None:
            error = BranchVaultError("没有此门店。", "No such branch.", code="not_found")
            return ctx.page("refused.html", 404, staff=staff, error=error, back="/")
        period = _period(request, now)
        figures = queries.period_figures(db, period.start, period.end, code)
        context: dict[str, Any] = {
            "code": branch.branch_code,
            "enrolled_at": branch.enrolled_at,
            "submissions": queries.submissions_of(db, code),
            "anchors": queries.anchors_of(db, code),
            "anomalies": queries.anomalies(db, code),
            "masked": _masked_view(queries.latest_masked_rows(db, code)),
            "views": figure_views(figures.combined, figures.per_branch),
            "programme_by_quarter": branch_history_view(branch_history(db, code)),
        }
    return ctx.page(
        "branch.html",
        staff=staff,
        period_from=period.start.isoformat(),
        period_to=period.end.isoformat(),
        notice=period.notice,
        **context,
    )
