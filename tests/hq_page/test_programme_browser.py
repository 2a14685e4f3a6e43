"""The privacy programme section in a real browser (headless Chromium against the real
``branchvault-hq serve``, fixtures of test_browser.py): two branches' figures sent through the API,
each branch's six targets with their status colours and the company-wide row."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.programme_periods import Quarter
from tests.hq_page.test_browser import _sign_in, browser, pytestmark, server  # noqa: F401  (fixtures)
from tests.support.hq_page import STAFF_PASSWORD, STAFF_USER, enrol, envelope, submit
from tests.support.hq_server import HqServer
from tests.support.programme_blocks import sample_block


def _store_two_branches(hq: HqServer) -> str:
    yesterday = datetime.now(UTC).astimezone(BRANCH_TIME).date() - timedelta(days=1)
    quarter = Quarter.of(yesterday).key()
    blocks = {
        "BJ001": sample_block(quarter, active_staff=10, trained_staff=10),
        "SH002": sample_block(
            quarter, active_staff=30, trained_staff=20, survey_responses=0, survey_satisfied=0
        ),
    }
    with hq.client() as client:
        for code, block in blocks.items():
            key = enrol(client, hq.issue_token(code), code)
            body = envelope(key, code, yesterday, yesterday, programme=block)
            submit(client, key, code, body, int(time.time()))
    return quarter


def test_the_overview_shows_each_branch_against_the_targets_and_the_company_row(
    server: HqServer,  # noqa: F811
    browser: object,  # noqa: F811
) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.set_window_size(1400, 2400)  # type: ignore[attr-defined]
    quarter = _store_two_branches(server)
    _sign_in(driver, server.url, STAFF_USER, STAFF_PASSWORD)
    section = driver.find_element(By.ID, "programme")  # type: ignore[attr-defined]
    assert "隐私保护指标" in section.text and "Privacy programme" in section.text
    assert driver.find_element(By.ID, "quarter").get_attribute("value") == quarter  # type: ignore[attr-defined]
    rows = section.find_elements(By.CSS_SELECTOR, "tr.programme-row")
    assert [row.get_attribute("data-branch") for row in rows] == ["BJ001", "SH002", ""]

    def cell(branch: str, target: str) -> object:
        return section.find_element(
            By.CSS_SELECTOR, f'tr.programme-row[data-branch="{branch}"] td[data-target="{target}"]'
        )

    bj = cell("BJ001", "training_coverage")
    assert bj.get_attribute("data-status") == "met" and "100.0%" in bj.text  # type: ignore[attr-defined]
    nodata = cell("SH002", "satisfaction")
    assert nodata.get_attribute("data-status") == "nodata" and "无数据" in nodata.text  # type: ignore[attr-defined]
    company = cell("", "training_coverage")
    assert "75.0%" in company.text and "30/40" in company.text  # type: ignore[attr-defined]
    assert company.get_attribute("data-status") == "missed"  # type: ignore[attr-defined]
    # the status colours come from the page's stylesheet (green met, red missed, grey no data)
    met_bg = bj.value_of_css_property("background-color")  # type: ignore[attr-defined]
    missed_bg = company.value_of_css_property("background-color")  # type: ignore[attr-defined]
    nodata_bg = nodata.value_of_css_property("background-color")  # type: ignore[attr-defined]
    assert len({met_bg, missed_bg, nodata_bg}) == 3
    assert "全公司" in section.text
    shots = os.environ.get("HQ_PAGE_SCREENSHOT_DIR")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(shots) / "programme.png"))  # type: ignore[attr-defined]
