"""The privacy programme's figures on the HQ pages (SQLite and PostgreSQL), after real submissions
went through the HQ API: each branch's six targets for the quarter (its latest summary of the
quarter), the company-wide row as the sum of numerators over the sum of denominators, "no data"
where there is no denominator, a quarter selector, and a branch page by quarter."""

from __future__ import annotations

import html
import re
from datetime import date

from desktop_app.hq import enrolment
from tests.hq_page.conftest import HqPage
from tests.hq_page.page_client import sign_in
from tests.support.hq_page import STAFF_PASSWORD, STAFF_USER, enrol, envelope, submit
from tests.support.programme_blocks import sample_block


def _enrol(hq_page: HqPage, code: str) -> bytes:
    with hq_page.sessions() as db:
        issued = enrolment.issue_token(db, code, enrolment.new_pseudonym_key(), hq_page.app.state.hq.now())
    return enrol(hq_page.client, issued.token, code)


def _submit(hq_page: HqPage, key: bytes, code: str, day: date, programme: dict[str, object] | None) -> None:
    body = envelope(key, code, day, day, programme=programme, audit_sequence=day.toordinal() % 1000)
    submit(hq_page.client, key, code, body, int(hq_page.clock()))


def _cells(page: str, branch: str) -> dict[str, tuple[str, str]]:
    """target -> (status, text) of one row of the programme table ('' for the company row)."""
    section = page.split('<section id="programme">', 1)[1].split("</section>", 1)[0]
    row = section.split(f'class="programme-row{" company" if not branch else ""}" data-branch="{branch}"', 1)[
        1
    ]
    row = row.split("</tr>", 1)[0]
    found = re.findall(r'data-target="([a-z_]+)" data-status="([a-z]+)">(.*?)</td>', row, re.S)
    return {t: (s, html.unescape(re.sub(r"<[^>]+>", "", text)).strip()) for t, s, text in found}


def test_two_branches_and_the_company_row(hq_page: HqPage) -> None:
    bj = _enrol(hq_page, "BJ001")
    sh = _enrol(hq_page, "SH002")
    _enrol(hq_page, "GZ003")  # sends nothing
    # BJ001: an earlier summary of the quarter, then the latest (which alone counts)
    _submit(hq_page, bj, "BJ001", date(2026, 12, 1), sample_block("2026Q4", trained_staff=2))
    _submit(
        hq_page, bj, "BJ001", date(2026, 12, 4), sample_block("2026Q4", active_staff=10, trained_staff=10)
    )
    _submit(
        hq_page,
        sh,
        "SH002",
        date(2026, 12, 4),
        sample_block(
            "2026Q4",
            active_staff=30,
            trained_staff=20,
            survey_responses=0,
            survey_satisfied=0,
            education_active_clients=None,
            education_participants=None,
            breaches_this_year=3,
            breaches_baseline=2,
            targets={"training_coverage": 60},
        ),
    )
    _submit(hq_page, sh, "SH002", date(2026, 9, 30), sample_block("2026Q3", active_staff=5, trained_staff=1))
    _submit(hq_page, bj, "BJ001", date(2026, 12, 5), None)  # an agent's summary: no block, changes nothing
    sign_in(hq_page.client, STAFF_USER, STAFF_PASSWORD)

    page = hq_page.client.get("/").text
    assert "隐私保护指标" in page and "2026年第四季度" in page
    bj_cells, sh_cells, company = _cells(page, "BJ001"), _cells(page, "SH002"), _cells(page, "")
    assert bj_cells["training_coverage"] == ("met", "100.0% (10/10)")
    assert sh_cells["training_coverage"][0] == "met"  # 66.7 % against the branch's own 60 %
    assert "66.7% (20/30)" in sh_cells["training_coverage"][1] and "60%" in sh_cells["training_coverage"][1]
    assert sh_cells["satisfaction"] == ("nodata", "无数据 no data")
    assert sh_cells["education"][0] == "nodata"
    # company-wide: sums of numerators over sums of denominators, against the programme's targets
    assert company["training_coverage"] == ("missed", "75.0% (30/40)")
    assert company["satisfaction"] == ("met", "90.0% (36/40)")  # SH002 had no responses
    assert company["education"] == ("met", "55.0% (66/120)")  # SH002 unknown: left out
    assert company["quiz_pass"] == ("missed", "87.5% (14/16)")
    assert company["breach_reduction"] == ("missed", "20.0% (4 / 5)")  # (5 - 4) / 5
    assert "GZ003" in page.split('id="programme-without"', 1)[1].split("</p>", 1)[0]

    # another quarter, chosen in the selector
    q3 = hq_page.client.get("/?quarter=2026Q3").text
    assert _cells(q3, "SH002")["training_coverage"] == ("missed", "20.0% (1/5)")
    assert 'data-branch="BJ001"' not in q3.split('<section id="programme">', 1)[1].split("</section>", 1)[0]
    assert '<option value="2026Q3" selected>' in q3 and '<option value="2026Q4">' in q3
    unknown = hq_page.client.get("/?quarter=2030Q1").text
    assert "已显示最近的季度" in unknown and _cells(unknown, "BJ001")["training_coverage"][0] == "met"

    # the branch page: one row per quarter
    branch = hq_page.client.get("/branches/SH002").text
    section = branch.split('<section id="programme">', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'data-quarter="(\d{4}Q\d)"', section) == ["2026Q4", "2026Q3"]
    assert "<script" not in page


def test_no_programme_figures_yet(hq_page: HqPage) -> None:
    bj = _enrol(hq_page, "BJ001")
    _submit(hq_page, bj, "BJ001", date(2026, 12, 4), None)
    sign_in(hq_page.client, STAFF_USER, STAFF_PASSWORD)
    page = hq_page.client.get("/").text
    section = page.split('<section id="programme">', 1)[1].split("</section>", 1)[0]
    assert "该季度没有收到隐私保护指标" in section and "programme-row" not in section
    branch = hq_page.client.get("/branches/BJ001").text
    assert "该门店尚未报送隐私保护指标" in branch
