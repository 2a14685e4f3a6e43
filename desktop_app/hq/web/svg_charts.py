"""Simple horizontal bar charts as inline SVG, built in Python and escaped.

Rule: every text that goes into the SVG (labels, values) is escaped (markupsafe), so a branch code
or district sent by a branch cannot inject markup into HQ's page (OWASP ASVS 5.3.1). No script, no
inline style (the page's Content-Security-Policy forbids both): presentation attributes and CSS
classes only. A suppressed cell gets no bar at all (a dashed empty box and its marker), so the
chart never draws a guessed height; a partly suppressed one draws only its known part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from desktop_app.hq.web.figures import Cell

WIDTH = 560
LABEL_WIDTH = 180
VALUE_WIDTH = 90
ROW_HEIGHT = 24
BAR_HEIGHT = 16
PAD = 6


@dataclass(frozen=True)
class Bar:
    label: str
    cell: Cell


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def bar_chart(title: str, bars: Sequence[Bar]) -> Markup:
    """An SVG bar chart with one row per bar; ``title`` is its accessible name."""
    height = PAD * 2 + ROW_HEIGHT * max(1, len(bars))
    top = max((bar.cell.known for bar in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = [
        Markup(
            '<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
            'width="{w}" height="{h}" viewBox="0 0 {w} {h}"><title>{t}</title>'
        ).format(w=WIDTH, h=height, t=title)
    ]
    if not bars:
        parts.append(
            Markup('<text class="chart-empty" x="{x}" y="{y}">无数据 No data</text>').format(
                x=PAD, y=PAD + ROW_HEIGHT - 8
            )
        )
    for index, bar in enumerate(bars):
        y = PAD + index * ROW_HEIGHT
        text_y = y + ROW_HEIGHT - 8
        parts.append(
            Markup('<text class="chart-label" x="{x}" y="{y}" text-anchor="end">{label}</text>').format(
                x=LABEL_WIDTH - PAD, y=text_y, label=bar.label
            )
        )
        bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2
        known_width = span * bar.cell.known / top
        if bar.cell.known:
            parts.append(
                Markup(
                    '<rect class="chart-bar" x="{x}" y="{y}" width="{w}" height="{h}" fill="#2f6f9f"/>'
                ).format(x=LABEL_WIDTH, y=_fmt(bar_y), w=_fmt(max(known_width, 1)), h=BAR_HEIGHT)
            )
        if not bar.cell.exact:
            parts.append(
                Markup(
                    '<rect class="chart-suppressed" x="{x}" y="{y}" width="{w}" height="{h}" '
                    'fill="none" stroke="#8a8a8a" stroke-dasharray="3 2"/>'
                ).format(x=_fmt(LABEL_WIDTH + known_width), y=_fmt(bar_y), w=18, h=BAR_HEIGHT)
            )
        value_x = LABEL_WIDTH + known_width + (24 if not bar.cell.exact else 0) + PAD
        css = "chart-value" if bar.cell.exact else "chart-value suppressed"
        parts.append(
            Markup('<text class="{css}" x="{x}" y="{y}">{value}</text>').format(
                css=css, x=_fmt(value_x), y=text_y, value=bar.cell.text()
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
