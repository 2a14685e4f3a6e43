"""The quarterly privacy-programme report (A4, Chinese with English): the six targets, their trend,
what is due, the counts behind each figure and how each is defined.

What it shows is exactly ``domain/programme_overview.ProgrammeStatus``, the same values as the
dashboard and ``programme status``: the figure, the target, met (green), not met (red) or no data
(grey, "无数据": an empty denominator is never a success); one bar chart per target over the last
five quarters drawn with reportlab's own chart module (``reportlab.graphics.charts``: no other chart
library in the bundle), with the target as a line. Counts only: no client is named anywhere
(the HQ privacy officer may read it). Fonts are the embedded CJK font (documents/fonts.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.documents.pdf_engine import MM, build_pdf, page_setup, para, spacer, styles, table
from desktop_app.domain.letterhead import Letterhead
from desktop_app.domain.programme_due import DueState
from desktop_app.domain.programme_overview import ProgrammeStatus
from desktop_app.domain.programme_targets import DEFINITION_BY_ID, TARGET_DEFINITIONS, TargetId

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import Flowable

GREEN = (0.16, 0.55, 0.27)
RED = (0.78, 0.16, 0.16)
GREY = (0.62, 0.62, 0.62)

PERIOD_LABELS = {
    "quarter": ("本季度", "this quarter"),
    "half_year": ("最近一次半年度自查", "latest six-monthly review"),
    "year": ("本年度", "this year"),
}

# The counts behind the figures (domain/programme_targets.ProgrammeCounts), in both languages.
COUNT_LABELS: dict[str, tuple[str, str]] = {
    "active_staff": ("在职员工", "active staff"),
    "trained_staff": ("已完成培训", "completed the training"),
    "quiz_takers": ("参加测验", "took the quiz"),
    "quiz_first_passed": ("首次即通过", "passed at the first attempt"),
    "survey_responses": ("满意度答卷", "satisfaction responses"),
    "survey_satisfied": ("满意或非常满意", "satisfied or very satisfied"),
    "review_period": ("最近一次自查", "latest review"),
    "review_applicable": ("适用检查项", "applicable items"),
    "review_passed": ("通过检查项", "items passed"),
    "education_active_clients": ("本年度活跃客户", "clients active this year"),
    "education_participants": ("参加隐私教育的客户", "clients who took part in education"),
    "breaches_this_year": ("本年度泄露事件", "breaches this year"),
    "breaches_baseline": ("基准年度泄露事件", "breaches in the baseline year"),
    "baseline_year": ("基准年度", "baseline year"),
    "campaigns_this_year": ("本年度教育活动", "education campaigns this year"),
    "open_incidents": ("未结案事件", "open incidents"),
    "overdue_rectifications": ("逾期整改", "overdue rectifications"),
}


def _when(timestamp: str) -> str:
    return timestamp.replace("T", " ").split(".")[0].rstrip("Z") + " UTC"


def _value(value: object) -> str:
    return "—" if value is None else f"{value}%"


def _status(met: bool | None) -> str:
    return {True: "达标 Met", False: "未达标 Not met", None: "无数据 No data"}[met]


def _colour(met: bool | None) -> tuple[float, float, float]:
    return {True: GREEN, False: RED, None: GREY}[met]


def _targets_table(status: ProgrammeStatus) -> Flowable:
    from reportlab.lib import colors

    rows: list[list[str]] = [["指标 Target", "数值 Value", "目标 Target", "状态 Status", "依据 Counts"]]
    for r in status.results:
        d = DEFINITION_BY_ID[r.target]
        if r.target is TargetId.BREACH_REDUCTION:
            behind = (
                f"本年 {r.numerator} 起 / 基准 {'—' if r.denominator is None else r.denominator} 起\n"
                f"this year {r.numerator}, baseline {'—' if r.denominator is None else r.denominator}"
            )
        else:
            behind = f"{r.numerator} / {'—' if r.denominator is None else r.denominator}"
        sign = "≥"
        rows.append(
            [
                f"{d.label_zh}\n{d.label_en}",
                _value(r.value_percent),
                f"{sign} {r.target_percent}%",
                _status(r.met),
                behind,
            ]
        )
    grid = table(rows, [52, 24, 22, 30, 42])
    for index, r in enumerate(status.results, start=1):
        grid.setStyle([("BACKGROUND", (3, index), (3, index), colors.Color(*_colour(r.met), alpha=0.25))])
    return grid


def _chart(status: ProgrammeStatus, index: int) -> Drawing:
    """Bars of one target over the trend's quarters (none drawn for no data), the target a line."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, Line, String
    from reportlab.lib import colors

    from desktop_app.documents.fonts import register_cjk_font

    font = register_cjk_font()
    target = status.results[index].target
    definition = DEFINITION_BY_ID[target]
    points = [point.results[index] for point in status.trend]
    values = [0.0 if r.value_percent is None else float(r.value_percent) for r in points]
    low = min(0.0, *values)
    width, height = 82 * MM, 46 * MM
    drawing = Drawing(width, height)
    drawing.initialFontName = font
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 10 * MM, 9 * MM, width - 14 * MM, height - 17 * MM
    chart.data = [values]
    chart.valueAxis.valueMin = low
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 25 if low >= 0 else 50
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 6
    chart.categoryAxis.categoryNames = [point.quarter for point in status.trend]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 5.5
    chart.barLabelFormat = lambda v: ""  # labels are drawn below: "—" for no data
    for bar, r in enumerate(points):
        chart.bars[(0, bar)].fillColor = colors.Color(*_colour(r.met))
        chart.bars[(0, bar)].strokeColor = None
    drawing.add(chart)
    span = 100 - low
    target_y = chart.y + chart.height * (status.results[index].target_percent - low) / span
    line = Line(chart.x, target_y, chart.x + chart.width, target_y)
    line.strokeColor = colors.Color(0.2, 0.2, 0.6)
    line.strokeDashArray = [2, 2]
    line.strokeWidth = 0.7
    drawing.add(line)
    slot = chart.width / len(points)
    for bar, r in enumerate(points):
        text = "无数据" if r.value_percent is None else f"{r.value_percent}"
        y = chart.y + chart.height * (max(values[bar], 0) - low) / span + 1.5
        drawing.add(
            String(chart.x + slot * (bar + 0.5), y, text, fontName=font, fontSize=5.5, textAnchor="middle")
        )
    title = (
        f"{definition.label_zh} {definition.label_en}（目标 target {status.results[index].target_percent}%）"
    )
    drawing.add(String(2 * MM, height - 4 * MM, title, fontName=font, fontSize=7.5))
    return drawing


def _charts(status: ProgrammeStatus) -> list[Flowable]:
    from reportlab.platypus import PageBreak, Table, TableStyle

    from desktop_app.documents.fonts import register_cjk_font

    drawings = [_chart(status, index) for index in range(len(status.results))]
    rows = [drawings[i : i + 2] for i in range(0, len(drawings), 2)]
    grid = Table(rows, colWidths=[85 * MM, 85 * MM])
    grid.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), register_cjk_font())])
    )
    s = styles()
    return [
        PageBreak(),
        para("趋势（最近五个季度） Trend over the last five quarters", s.heading),
        para(
            "柱形颜色：绿色达标、红色未达标、灰色无数据；虚线为目标值。"
            " Bars: green met, red not met, grey no data; the dashed line is the target.",
            s.small,
        ),
        grid,
    ]


def _due(status: ProgrammeStatus) -> list[Flowable]:
    s = styles()
    labels = {DueState.OK: "✓ 正常 OK", DueState.DUE: "待办 Due", DueState.OVERDUE: "逾期 Overdue"}
    rows: list[list[str]] = [["状态 State", "事项 Item"]]
    rows += [[labels[item.state], f"{item.text_zh}\n{item.text_en}"] for item in status.due]
    return [para("待办事项 What is due", s.heading), table(rows, [28, 142])]


def _counts(status: ProgrammeStatus) -> list[Flowable]:
    from dataclasses import asdict

    s = styles()
    rows: list[list[str]] = [["计数 Count", "数值 Value"]]
    for name, value in asdict(status.counts).items():
        if name in COUNT_LABELS:
            zh, en = COUNT_LABELS[name]
            rows.append([f"{zh} {en}", "—（未知 unknown）" if value is None else str(value)])
    lines: list[Flowable] = [
        para("各项数字的计数 The counts behind each figure", s.heading),
        table(rows, [110, 60]),
    ]
    source = status.client_facts
    if source.mismatch:
        lines.append(spacer(2))
        lines.append(
            para(
                "已保存的客户相关数字与审计日志不符（已被改动），未予采用。"
                " The stored client figures do not match the audit log (they were edited) and are not used.",
                s.small,
            )
        )
    elif not source.live:
        when = _when(source.computed_at) if source.computed_at else "—"
        lines.append(spacer(2))
        lines.append(
            para(
                f"客户相关数字（隐私教育）来自 {when} 的快照{('，由 ' + source.computed_by + ' 计算') if source.computed_by else ''}。"
                f" Client figures (privacy education) are the snapshot of {when}"
                f"{(' computed by ' + source.computed_by) if source.computed_by else ''}.",
                s.small,
            )
        )
    return lines


def _definitions() -> list[Flowable]:
    s = styles()
    lines: list[Flowable] = [para("定义 Definitions", s.heading)]
    for d in TARGET_DEFINITIONS:
        zh_period, en_period = PERIOD_LABELS[d.period]
        lines.append(
            para(
                f"{d.label_zh}（{zh_period}）= {d.numerator_zh} ÷ {d.denominator_zh}\n"
                f"{d.label_en} ({en_period}) = {d.numerator_en} ÷ {d.denominator_en}",
                s.small,
            )
        )
        lines.append(spacer(1))
    lines.append(
        para(
            "百分比四舍五入保留一位小数；是否达标按精确比值判断。分母为 0（如本季度无答卷、自查各项均不适用）时为"
            "“无数据”，既不算达标也不算未达标。基准年度泄露事件为 0 时，仅当本年度也为 0 才算达标。"
            " Percentages are rounded half-up to one decimal; whether a target is met is decided on the exact "
            "ratio. A zero denominator (no responses this quarter, every review item not applicable) is "
            '"no data": neither met nor failed. With no breach in the baseline year the breach target is met '
            "only while this year has none either.",
            s.small,
        )
    )
    return lines


def programme_report_pdf(letterhead: Letterhead, status: ProgrammeStatus, *, generated_at: str) -> bytes:
    """The report of ``status`` (one quarter), as PDF bytes."""
    s = styles()
    q = status.quarter
    story: list[Flowable] = [
        para("隐私保护计划季度报告", s.title),
        para("Privacy programme quarterly report", s.subtitle),
        para(f"{q.label_zh()} / {q.label_en()}", s.heading),
        para(f"个人信息处理者 Company: {letterhead.company_name}"),
        para(f"门店 Branch: {letterhead.branch_name} ({letterhead.branch_code})"),
        para(f"统计截至 Figures as of: {status.as_of.isoformat()}"),
        spacer(3),
        _targets_table(status),
        spacer(2),
        *_due(status),
        *_charts(status),
        *_counts(status),
        *_definitions(),
    ]
    setup = page_setup(
        letterhead,
        title=f"隐私保护计划季度报告 / Privacy programme report {q.key()}",
        footer_left=f"BranchVault — 生成于 Generated {_when(generated_at)}",
        subject="privacy programme quarterly report",
    )
    return build_pdf(setup, story)
