"""The quarterly programme report read back with pdftotext, pdffonts and pdfinfo: every target with
its value, target and status, no data shown as such, the trend charts, what is due, the counts and
the definitions; every font embedded; no floats' noise (values as the dashboard shows them)."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

from PIL import Image

from desktop_app.documents.programme_report import programme_report_pdf
from desktop_app.domain.letterhead import Letterhead
from desktop_app.domain.programme_due import DueFacts, due_items
from desktop_app.domain.programme_overview import FactsSource, ProgrammeStatus, TrendPoint
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.programme_policy import ProgrammePolicy
from desktop_app.domain.programme_targets import ProgrammeCounts, evaluate
from desktop_app.services.programme_status import trend_quarters
from tests.documents.pdf_tools import (
    assert_fonts_embedded_and_subset,
    flat_text,
    pdf_info,
    requires_poppler,
)

LETTERHEAD = Letterhead("b-1", "SZ001", "深圳南山店", "示例地产经纪有限公司", "400-000-0000")
QUARTER = Quarter(2026, 4)
COUNTS = ProgrammeCounts(
    quarter="2026Q4",
    year=2026,
    active_staff=12,
    trained_staff=11,
    quiz_takers=12,
    quiz_first_passed=10,
    survey_responses=0,
    survey_satisfied=0,
    review_period="2026H2",
    review_applicable=30,
    review_passed=29,
    education_active_clients=400,
    education_participants=180,
    breaches_this_year=2,
    breaches_baseline=4,
    baseline_year=2025,
    campaigns_this_year=3,
    open_incidents=1,
    overdue_rectifications=0,
)


def _status(source: FactsSource) -> ProgrammeStatus:
    policy = ProgrammePolicy()
    trend = [
        TrendPoint(q.key(), evaluate(replace(COUNTS, quarter=q.key(), trained_staff=6 + i), policy))
        for i, q in enumerate(trend_quarters(QUARTER))
    ]
    results = evaluate(COUNTS, policy)
    trend[-1] = TrendPoint(QUARTER.key(), results)
    due = due_items(
        DueFacts(
            as_of=date(2026, 12, 6),
            quarter_start=QUARTER.start,
            quarter_end=QUARTER.end,
            year_end=date(2026, 12, 31),
            active_staff=12,
            trained_staff=11,
            training_grace_days=14,
            last_review_finished_on=date(2026, 7, 1),
            review_interval_months=6,
            survey_responses=0,
            campaigns_this_year=3,
            campaigns_per_year=4,
            open_incidents=1,
            overdue_incident_deadlines=0,
            open_rectifications=2,
            overdue_rectifications=0,
        )
    )
    return ProgrammeStatus(QUARTER, date(2026, 12, 6), COUNTS, results, trend, due, source)


@requires_poppler
def test_report_shows_every_target_the_trend_the_due_list_and_definitions(tmp_path: Path) -> None:
    source = FactsSource(False, "2026-12-05T08:00:00.000000Z", "李娜")
    pdf = programme_report_pdf(LETTERHEAD, _status(source), generated_at="2026-12-06T10:00:00.000000Z")
    assert_fonts_embedded_and_subset(pdf, tmp_path)
    text = flat_text(pdf, tmp_path)
    for expected in (
        "隐私保护计划季度报告",
        "Privacy programme quarterly report",
        "2026年第四季度",
        "Q4 2026",
        "示例地产经纪有限公司",
        "培训覆盖率",
        "Training coverage",
        "91.7%",  # 11/12
        "83.3%",  # quiz 10/12
        "96.7%",  # review 29/30
        "45.0%",  # education 180/400
        "50.0%",  # breaches (4-2)/4
        "无数据 No data",  # no survey responses this quarter
        "未达标 Not met",
        "达标 Met",
        "Trend over the last five quarters",
        "2025Q4",
        "What is due",
        "1 staff not done this quarter",
        "The counts behind each figure",
        "snapshot of 2026-12-05 08:00:00 UTC",
        "Definitions",
        "rounded half-up",
    ):
        assert expected in text, expected
    info = pdf_info(pdf, tmp_path)
    assert "2026Q4" in info["Title"]
    assert int(info["Pages"]) <= 4


@requires_poppler
def test_charts_are_drawn_in_colour(tmp_path: Path) -> None:
    pdf = programme_report_pdf(
        LETTERHEAD, _status(FactsSource(True, None, "")), generated_at="2026-12-06T10:00:00.000000Z"
    )
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            "2",
            "-l",
            "2",
            "-singlefile",
            str(tmp_path / "r.pdf"),
            str(tmp_path / "p"),
        ],
        check=True,
        timeout=30,
    )
    with Image.open(tmp_path / "p.png") as image:
        rgb = image.convert("RGB")
    colours = {rgb.getpixel((x, y)) for x in range(rgb.width) for y in range(rgb.height)}
    colours = {c for c in colours if max(c) - min(c) > 80}  # type: ignore[arg-type]
    assert any(r > 150 and g < 90 for r, g, _ in colours)  # red bars
    assert any(g > 110 and r < 90 for r, g, _ in colours)  # green bars
    assert "snapshot" not in flat_text(pdf, tmp_path)  # computed now: no snapshot note
