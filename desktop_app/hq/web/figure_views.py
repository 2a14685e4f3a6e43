"""Figures made ready for the page: labels, cell texts, consent rates and inline SVG charts.

Rule: a rate is shown only when both its counts are exact (a suppressed numerator or denominator
gives "—", never an estimate); a chart draws only known counts (svg_charts.py). Codes become labels
here (figure_labels.py), Chinese first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from desktop_app.hq.web.figure_labels import Label, code_label, row_rank, section_label, section_rank
from desktop_app.hq.web.figures import Cell, Section, scalar_by_branch
from desktop_app.hq.web.svg_charts import Bar, bar_chart


@dataclass(frozen=True)
class CellView:
    text: str
    suppressed: bool


@dataclass(frozen=True)
class FigureView:
    key: str
    label: Label
    headers: list[Label]
    rows: list[tuple[Label, list[CellView]]]
    chart: Markup
    total: CellView | None = None


def _view(cell: Cell) -> CellView:
    return CellView(cell.text(), not cell.exact)


def rate(granted: Cell | None, clients: Cell | None) -> CellView:
    """granted / clients as a whole percentage, only from exact counts."""
    if granted is None or clients is None or not granted.exact or not clients.exact:
        return CellView("—", True)
    if clients.known == 0:
        return CellView("—", False)
    return CellView(f"{round(100 * granted.known / clients.known)}%", False)


def figure_view(section: Section, per_branch: Mapping[str, Mapping[str, Section]]) -> FigureView:
    label = section_label(section.key)
    title = f"{label.zh} {label.en}"
    if section.is_scalar:
        total = section.rows[""][""]
        by_branch = scalar_by_branch(per_branch, section.key)
        branch_bars = [Bar(code, cell) for code, cell in by_branch.items()]
        branch_rows = [(Label(code, code), [_view(cell)]) for code, cell in by_branch.items()]
        return FigureView(
            section.key,
            label,
            [Label("门店", "Branch"), label],
            branch_rows,
            bar_chart(title, branch_bars),
            _view(total),
        )
    parts = sorted(section.parts, key=lambda part: row_rank(section.key, part))
    headers = [Label("项目", "Item")] + [
        code_label(section.key, p) if p else Label("数量", "Count") for p in parts
    ]
    with_rate = "granted" in parts and "clients" in parts
    if with_rate:
        headers.append(Label("同意率", "Rate"))
    rows: list[tuple[Label, list[CellView]]] = []
    bars: list[Bar] = []
    chart_part = "granted" if with_rate else parts[0]
    for row in sorted(section.rows, key=lambda code: row_rank(section.key, code)):
        cells = section.rows[row]
        row_label = code_label(section.key, row)
        views = [_view(cells[p]) if p in cells else CellView("", False) for p in parts]
        if with_rate:
            views.append(rate(cells.get("granted"), cells.get("clients")))
        rows.append((row_label, views))
        if chart_part in cells:
            bars.append(Bar(row_label.zh, cells[chart_part]))
    shown_total = _view(section.total) if section.total is not None else None
    return FigureView(section.key, label, headers, rows, bar_chart(title, bars), shown_total)


def figure_views(
    combined: Mapping[str, Section], per_branch: Mapping[str, Mapping[str, Section]]
) -> list[FigureView]:
    ordered = sorted(combined.values(), key=lambda section: section_rank(section.key))
    return [figure_view(section, per_branch) for section in ordered]
