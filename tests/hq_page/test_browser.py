"""The HQ page in a real browser: Debian's headless Chromium (driven by Selenium through Debian's
chromedriver) against the real ``branchvault-hq serve`` over HTTPS on 127.0.0.1.

Chromium trusts exactly the test server's key (``--ignore-certificate-errors-spki-list`` with the
SHA-256 of its public key), not every certificate. Covered: sign-in, the branch and its figures after
a submission was stored through the API, CSRF refusal, sign-out, and sign-in throttling.
Set ``HQ_PAGE_SCREENSHOT_DIR`` to keep a PNG of the overview (never committed).
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop_app.domain.branch_time import BRANCH_TIME
from tests.support.hq_page import MASKED_ROWS, STAFF_PASSWORD, STAFF_USER, enrol, envelope, submit
from tests.support.hq_server import HqServer, start_hq_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="Debian's chromium and chromium-driver are needed (tests/debian-packages.txt)",
)


def spki_sha256(cert_pem: bytes) -> str:
    cert = x509.load_pem_x509_certificates(cert_pem)[0]
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[HqServer]:
    with start_hq_server(tmp_path / "hq") as hq:
        hq.cli(
            "staff",
            "add",
            *hq.db_args,
            "--username",
            STAFF_USER,
            "--password-stdin",
            input_text=STAFF_PASSWORD + "\n",
        )
        yield hq


@pytest.fixture
def browser(tmp_path: Path, server: HqServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never download a driver
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--lang=zh-CN",
        "--window-size=1280,1800",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        f"--ignore-certificate-errors-spki-list={spki_sha256(server.cert_file.read_bytes())}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    driver.implicitly_wait(10)
    try:
        yield driver
    finally:
        driver.quit()


def _store_a_submission(server: HqServer) -> None:
    today = datetime.now(UTC).astimezone(BRANCH_TIME).date()
    with server.client() as client:
        key = enrol(client, server.issue_token("BJ001"), "BJ001")
        body = envelope(
            key, "BJ001", today - timedelta(days=7), today - timedelta(days=1), client_rows=MASKED_ROWS
        )
        submit(client, key, "BJ001", body, int(time.time()))


GONE = "does not belong to the document"  # chromedriver's word for a node of a replaced page


def _click_and_wait(driver: object, by: str, value: str) -> None:
    """Click, then wait until the browser left the current page (a form post or a link)."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")  # type: ignore[attr-defined]

    def left(_driver: object) -> bool:
        try:
            old.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if GONE in str(exc):
                return True
            raise
        return False

    try:
        driver.find_element(by, value).click()  # type: ignore[attr-defined]
    except WebDriverException as exc:
        # the click's navigation may replace the document before chromedriver finishes the click
        if GONE not in str(exc):
            raise
    WebDriverWait(driver, 30).until(left)  # type: ignore[arg-type]


def _sign_in(driver: object, url: str, username: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{url}/sign-in")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "username").send_keys(username)  # type: ignore[attr-defined]
    driver.find_element(By.ID, "password").send_keys(password)  # type: ignore[attr-defined]
    _click_and_wait(driver, By.ID, "sign-in")


def _error_code(driver: object) -> str:
    from selenium.webdriver.common.by import By

    code: str = driver.find_element(By.ID, "error").get_attribute("data-code")  # type: ignore[attr-defined]
    return code


def test_sign_in_see_the_branch_and_its_figures_then_csrf_and_throttling(
    server: HqServer, browser: object, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    _store_a_submission(server)

    # A sign-in form posted without its CSRF cookie (as a cross-site form would be) is refused.
    driver.get(f"{server.url}/sign-in")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "username").send_keys(STAFF_USER)  # type: ignore[attr-defined]
    driver.find_element(By.ID, "password").send_keys(STAFF_PASSWORD)  # type: ignore[attr-defined]
    driver.delete_all_cookies()  # type: ignore[attr-defined]
    _click_and_wait(driver, By.ID, "sign-in")
    assert _error_code(driver) == "csrf_refused"

    # Sign in and see the branch, its figures and its page.
    _sign_in(driver, server.url, STAFF_USER, STAFF_PASSWORD)
    assert driver.current_url.rstrip("/") == server.url  # type: ignore[attr-defined]
    row = driver.find_element(By.CSS_SELECTOR, 'tr[data-branch="BJ001"]')  # type: ignore[attr-defined]
    assert "BJ001" in row.text and "#42" in row.text
    total = driver.find_element(By.CSS_SELECTOR, '[data-figure="new_clients"]')  # type: ignore[attr-defined]
    assert total.text == "23"
    assert driver.find_elements(By.CSS_SELECTOR, "svg.chart rect.chart-bar")  # type: ignore[attr-defined]
    assert driver.find_elements(By.CSS_SELECTOR, "svg.chart rect.chart-suppressed")  # type: ignore[attr-defined]
    cookie = driver.get_cookie("__Host-bv_hq_session")  # type: ignore[attr-defined]
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict"
    shots = os.environ.get("HQ_PAGE_SCREENSHOT_DIR")
    shot = tmp_path / "overview.png"
    driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(shots) / "overview.png")

    _click_and_wait(driver, By.CSS_SELECTOR, 'a[href="/branches/BJ001"]')
    assert driver.find_element(By.ID, "branch-code").text == "BJ001"  # type: ignore[attr-defined]
    assert len(driver.find_elements(By.CSS_SELECTOR, "tr.submission-row")) == 1  # type: ignore[attr-defined]
    assert len(driver.find_elements(By.CSS_SELECTOR, "tr.masked-row")) == 1  # type: ignore[attr-defined]
    if shots:
        driver.set_window_size(1280, 3600)  # type: ignore[attr-defined]
        driver.save_screenshot(str(Path(shots) / "branch.png"))  # type: ignore[attr-defined]

    # Sign out (a POST with the session's CSRF token), then the pages need sign-in again.
    _click_and_wait(driver, By.ID, "sign-out")
    assert driver.current_url.endswith("/sign-in")  # type: ignore[attr-defined]
    driver.get(f"{server.url}/")  # type: ignore[attr-defined]
    assert driver.current_url.endswith("/sign-in")  # type: ignore[attr-defined]

    # Five wrong passwords: the sixth attempt is refused even with the right one.
    for _ in range(5):
        _sign_in(driver, server.url, STAFF_USER, "Wrong!Password#1")
        assert _error_code(driver) == "wrong_credentials"
    _sign_in(driver, server.url, STAFF_USER, STAFF_PASSWORD)
    assert _error_code(driver) == "sign_in_throttled"
    assert "分钟后再试" in driver.find_element(By.ID, "error").text  # type: ignore[attr-defined]
    if shots:
        driver.save_screenshot(str(Path(shots) / "throttled.png"))  # type: ignore[attr-defined]
