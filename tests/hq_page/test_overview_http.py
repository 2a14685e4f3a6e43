"""The overview and branch pages over HTTP, after real submissions went through the HQ API:
branches, figures across branches with suppressed cells shown as suppressed (never estimated),
overdue branches, anomalies, masked rows only on the branch page, and escaping."""

from __future__ import annotations

import html
import re
from datetime import date

from desktop_app.hq import enrolment
from desktop_app.hq.web.page_context import WebSettings
from tests.hq_page.conftest import HqPage
from tests.hq_page.page_client import sign_in
from tests.support.hq_page import AGGREGATES, MASKED_ROWS, STAFF_PASSWORD, STAFF_USER, enrol, envelope, submit


def _enrol(hq_page: HqPage, code: str) -> bytes:
    with hq_page.sessions() as db:
        issued = enrolment.issue_token(db, code, enrolment.new_pseudonym_key(), hq_page.app.state.hq.now())
    return enrol(hq_page.client, issued.token, code)


def _submit(hq_page: HqPage, key: bytes, code: str, start: date, end: date, **kwargs: object) -> None:
    body = envelope(key, code, start, end, **kwargs)  # type: ignore[arg-type]
    submit(hq_page.client, key, code, body, int(hq_page.clock()))


def _total(page: str, key: str) -> str:
    match = re.search(rf'data-figure="{key}">([^<]*)<', page)
    assert match, key
    return html.unescape(match.group(1))


def test_overview_shows_branches_and_figures_with_suppressed_cells_marked(hq_page: HqPage) -> None:
    bj = _enrol(hq_page, "BJ001")
    sh = _enrol(hq_page, "SH002")
    _submit(hq_page, bj, "BJ001", date(2026, 12, 1), date(2026, 12, 5), client_rows=MASKED_ROWS)
    _submit(hq_page, sh, "SH002", date(2026, 12, 1), date(2026, 12, 5))
    sign_in(hq_page.client, STAFF_USER, STAFF_PASSWORD)
    page = hq_page.client.get("/?from=2026-12-01&to=2026-12-06").text

    assert 'data-branch="BJ001"' in page and 'data-branch="SH002"' in page
    assert _total(page, "new_clients") == "46"  # 23 + 23, both exact
    assert _total(page, "follow_ups") == "122"
    assert _total(page, "new_clients_by_stage") == "46"
    assert _total(page, "destructions") == "已隐藏×2"  # "<5" twice: never added up or guessed
    assert "≥" not in _total(page, "destructions")
    assert "#42" in page  # the audit anchor
    # suppressed cells keep a suppressed style and are never added into a number
    consent = page.split('id="figure-consent"', 1)[1].split("</article>", 1)[0]
    assert "28%" in consent  # hq_sharing: 22 granted of 80 clients held, all exact
    assert consent.count('class="num suppressed"') == 3  # marketing: granted, not granted, rate
    stage = page.split('id="figure-new_clients_by_stage"', 1)[1].split("</article>", 1)[0]
    assert stage.count("已隐藏×2") == 4 and "≥" not in stage  # two cells, in the chart and the table
    assert "张*" not in page  # masked rows appear only on the branch page
    assert "<script" not in page


def test_partly_suppressed_totals_show_only_the_known_part(hq_page: HqPage) -> None:
    bj = _enrol(hq_page, "BJ001")
    sh = _enrol(hq_page, "SH002")
    _submit(hq_page, bj, "BJ001", date(2026, 12, 1), date(2026, 12, 5), aggregates={"new_clients": 9})
    _submit(hq_page, sh, "SH002", date(2026, 12, 1), date(2026, 12, 5), aggregates={"new_clients": "<5"})
    sign_in(hq_page.client, STAFF_USER, STAFF_PASSWORD)
    page = hq_page.client.get("/?from=2026-12-01&to=2026-12-06").text
    assert _total(page, "new_clients") == "≥9"


def test_overdue_branches_and_a_configurable_window(hq_page: HqPage) -> None:
    fresh = _enrol(hq_page, "BJ001")
    late = _enrol(hq_page, "SH002")
    _submit(hq_page, fresh, "BJ001", date(2026, 12, 5), date(2026, 12, 5))
    _submit(hq_page, late, "SH002", date(2026, 11, 25), date(2026, 11, 30))
    sign_in(hq_page.client, STAFF_USER, STAFF_PASSWORD)

    def overdue(days: int | None) -> list[str]:
        page = hq_page.client.get("/" if days is None else f"/?overdue_days={days}").text
        section = page.split('id="overdue"', 1)[1].split("</section>", 1)[0]
        return re.findall(r'href="/branches/([A-Z0-9]+)"', section)

    assert overdue(2) == ["SH002"]
    assert overdue(7) == []
    assert overdue(None) == ["SH002"]  # the default: 2 days
    hq_page.app.state.hq_web = WebSettings(overdue_days=7)
    assert overdue(None) == []


def test_a_backwards_audit_head_is_listed_as_an_anomaly(hq_page: HqPage) -> None:
    bj = _enrol(hq_page, "BJ001")
    _submit(hq_page, bj, "BJ001", date(2026, 12, 1), date(2026, 12, 2), audit_sequence=50)
    _submit(hq_page, bj, "BJ001", date(2026, 12, 3), date(2026, 12, 4), audit_sequence=40)
    sign_in(hq_page.client, STAFF_USER, STAFF_PASSWORD)
    page = hq_page.client.get("/").text
    anomalies = page.split('id="anomalies"', 1)[1].split("</section>", 1)[0]
    assert anomalies.count('class="anomaly-row"') == 1 and "BJ001" in anomalies
    assert "审计链头回退" in anomalies
    branch = hq_page.client.get("/branches/BJ001").text
    assert branch.count('class="anchor-row"') == 2


def test_branch_page_lists_submissions_anchors_and_masked_rows(hq_page: HqPage) -> None:
    bj = _enrol(hq_page, "BJ001")
    _submit(hq_page, bj, "BJ001", date(2026, 12, 1), date(2026, 12, 5), client_rows=MASKED_ROWS)
    sign_in(hq_page.client, STAFF_USER, STAFF_PASSWORD)
    page = hq_page.client.get("/branches/BJ001?from=2026-12-01&to=2026-12-06")
    assert page.status_code == 200
    text = page.text
    assert text.count('class="submission-row"') == 1
    assert text.count('class="anchor-row"') == 1
    assert text.count('class="masked-row"') == 1
    assert "张*" in text and "WT-2026-017" in text and "委托处理协议" in text
    assert _total(text, "new_clients") == str(AGGREGATES["new_clients"])
    assert hq_page.client.get("/branches/NOPE").status_code == 404


def test_text_sent_by_a_branch_is_escaped_in_tables_and_charts(hq_page: HqPage) -> None:
    bj = _enrol(hq_page, "BJ001")
    hostile = "<script>alert(1)</script>"
    rows = {**MASKED_ROWS, "rows": [{**MASKED_ROWS["rows"][0], "district": hostile, "masked_name": hostile}]}
    aggregates = {"district": {hostile: 7, '"><svg onload=x>': 6}}
    _submit(
        hq_page, bj, "BJ001", date(2026, 12, 1), date(2026, 12, 5), client_rows=rows, aggregates=aggregates
    )
    sign_in(hq_page.client, STAFF_USER, STAFF_PASSWORD)
    for path in ("/?from=2026-12-01&to=2026-12-06", "/branches/BJ001?from=2026-12-01&to=2026-12-06"):
        text = hq_page.client.get(path).text
        assert "<script" not in text and "<svg onload" not in text
        assert "&lt;script&gt;" in text


def test_stocks_come_from_the_newest_period_and_flows_are_added(hq_page: HqPage) -> None:
    bj = _enrol(hq_page, "BJ001")
    older = {**AGGREGATES, "clients_held": 30, "client_requests": {"opened": 5, "closed": 6, "overdue": 7}}
    _submit(hq_page, bj, "BJ001", date(2026, 12, 1), date(2026, 12, 2), aggregates=older)
    _submit(hq_page, bj, "BJ001", date(2026, 12, 3), date(2026, 12, 4))  # clients held 40, overdue 0
    sign_in(hq_page.client, STAFF_USER, STAFF_PASSWORD)
    page = hq_page.client.get("/?from=2026-12-01&to=2026-12-06").text
    assert _total(page, "new_clients") == "46"  # flows: both periods
    assert _total(page, "clients_held") == "40"  # a stock: the newest period only, never 70
    requests = page.split('id="figure-client_requests"', 1)[1].split("</article>", 1)[0]
    opened, overdue = (
        re.search(rf"{label}</span></th><td[^>]*>([^<]*)<", requests) for label in ("opened", "overdue")
    )
    assert opened and opened.group(1) == "10" and overdue and overdue.group(1) == "0"
