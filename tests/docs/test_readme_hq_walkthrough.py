"""The README's HQ walkthrough holds for a newcomer: its two marked blocks are run as written (only
the temporary folder, the port and the virtual environment's path differ): the real HQ service
started with its one command on 127.0.0.1 with the local certificate, the real demo branch enrolled,
a summary prepared by the agent, approved by the manager and sent. Then: HQ holds it exactly once
with the approved payload's hash, a second ``export sync`` sends nothing, the HQ page shows the
branch to the staff member the walkthrough added, and nothing HQ stored holds a demo client's name,
ID number, phone number, e-mail, address detail or note (read from the branch with the app's own
modules, signed in as the demo manager).

Also: the README's first command stays free of the HQ libraries (``branchvault demo`` loads none).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop_app.domain.hq_summary import canonical_json, sha256_hex
from desktop_app.hq.web.overview_routes import DEFAULT_PERIOD_DAYS
from tests.hq_page.page_client import form_token
from tests.hq_page.test_browser import CHROMEDRIVER, CHROMIUM, spki_sha256
from tests.hq_page.test_browser import _sign_in as browser_sign_in
from tests.support.hq_server import free_port, trusting, wait_until_ready

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent
HQ_LIBRARIES = ("fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "psycopg", "jinja2", "pydantic")
MANAGER = ("lina", "Demo#Branch2026")
AGENT = ("zhangwei", "Demo#Sales2026")


def walkthrough() -> tuple[list[str], list[str]]:
    """The lines of the start block and of the steps block between the README's markers."""

    def block(after: str, before: str) -> list[str]:
        text = README[README.index(after) + len(after) : README.index(before)]
        match = re.fullmatch(r"\s*```sh\n(.*?)```\s*", text, flags=re.S)
        assert match, f"one sh block between {after!r} and {before!r}"
        return [line for line in match.group(1).splitlines() if line.strip()]

    return (
        block("<!-- hq-walkthrough: start -->", "<!-- hq-walkthrough: steps -->"),
        block("<!-- hq-walkthrough: steps -->", "<!-- hq-walkthrough: end -->"),
    )


class Run:
    """The walkthrough's environment: its folder ``D``, the port, the venv's programs."""

    def __init__(self, folder: Path) -> None:
        self.d = folder
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.env = {**os.environ, "D": str(folder), "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"}

    def adapt(self, line: str) -> str:
        """The README's line for this run: the test's venv and port (the folder is ``$D``)."""
        return line.replace(".venv/bin/", f"{BIN}/").replace("https://127.0.0.1:8443", self.url)

    def run(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            list(args), input=stdin, capture_output=True, text=True, env=self.env, cwd=ROOT, timeout=120
        )
        assert proc.returncode == 0, f"{args} -> {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        return proc

    def branch(self, user: tuple[str, str], *args: str) -> object:
        proc = self.run(
            str(BIN / "branchvault"),
            *args,
            "--data-dir",
            str(self.d / "branch"),
            "--as",
            user[0],
            "--password-stdin",
            "--json",
            stdin=user[1] + "\n",
        )
        return json.loads(proc.stdout)

    def hq_submissions(self) -> list[dict[str, object]]:
        proc = self.run(
            str(BIN / "branchvault-hq"), "submissions", "--data-dir", str(self.d / "hq"), "--json"
        )
        items: list[dict[str, object]] = json.loads(proc.stdout)
        return items


@pytest.fixture
def hq_started(tmp_path: Path) -> Iterator[tuple[Run, str]]:
    """The start block: the install line is the newcomer's (this environment has it), ``D`` a
    temporary folder, and the serve line started as written on a free port; waits until it answers."""
    start, _ = walkthrough()
    assert start[0] == ".venv/bin/pip install -e '.[hq]'"
    assert start[1] == "D=$(mktemp -d)"
    assert len(start) == 3 and start[2].endswith(" &")
    serve = start[2][: -len(" &")]
    assert " --port " not in serve and " --tls-" not in serve  # the one command on its defaults
    run = Run(tmp_path / "d")
    run.d.mkdir()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", "-c", f"exec {run.adapt(serve)} --port {run.port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=run.env,
            cwd=ROOT,
        )
    try:
        deadline = time.monotonic() + 60
        while not (run.d / "hq" / "tls" / "server.pem").exists():
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.05)
        wait_until_ready(run.url, run.d / "hq" / "tls" / "local-ca.pem", process, log, 60)
        yield run, log.read_text(encoding="utf-8")
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def test_the_readme_hq_walkthrough_delivers_once_and_nothing_raw(hq_started: tuple[Run, str]) -> None:
    run, serve_output = hq_started
    ca_file = run.d / "hq" / "tls" / "local-ca.pem"
    assert f"(--ca-file): {ca_file}" in serve_output  # where the walkthrough's --ca-file points
    assert f"https://127.0.0.1:{run.port}/" in serve_output

    _, steps = walkthrough()
    prepare = next(line for line in steps if " export prepare " in line)  # the page's default window
    assert (
        f"date -d '-{DEFAULT_PERIOD_DAYS - 1} days' +%F" in prepare
        and '--to "$(TZ=Asia/Shanghai date +%F)"' in prepare
    )
    script = "set -euo pipefail\n" + "\n".join(run.adapt(line) for line in steps) + "\n"
    proc = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=run.env, cwd=ROOT, timeout=180
    )
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr}"
    assert "已确认送达 / acknowledged: 1" in proc.stdout
    assert "共 1 份 / 1 submission(s)" in proc.stdout

    # exactly once, with the approved payload's hash
    exports = run.branch(MANAGER, "export", "list")
    assert isinstance(exports, dict)
    [export] = exports["exports"]
    assert export["state"] == "acknowledged"
    shown = run.branch(MANAGER, "export", "show", export["id"])
    assert isinstance(shown, dict)
    payload = shown["payload"]
    assert payload["approval"]["content_sha256"] == export["sha256"]
    [received] = run.hq_submissions()
    assert received["submission_id"] == export["id"] == payload["submission_id"]
    assert received["branch_code"] == "DEMO01"
    assert received["payload_sha256"] == sha256_hex(canonical_json(payload))
    assert received["anomaly"] is False

    # a second sync sends nothing new; HQ still holds it once
    again = run.branch(AGENT, "export", "sync")
    assert again == {"sent": 0, "acknowledged": 0, "failing": 0, "next_retry_at": None, "errors": []}
    assert run.hq_submissions() == [received]

    # the HQ page shows the branch to the staff member the walkthrough added
    with httpx.Client(base_url=run.url, verify=trusting(ca_file), timeout=30) as page:
        form = page.get("/sign-in")
        signed_in = page.post(
            "/sign-in",
            data={"username": "hq.admin", "password": "Hq#Overview2026", "csrf_token": form_token(form.text)},
            follow_redirects=True,
        )
        assert signed_in.status_code == 200 and "DEMO01" in signed_in.text, signed_in.text[:2000]

    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        page_in_chromium(run, payload)

    # nothing raw reached HQ
    stored = hq_stored_text(run.d / "hq" / "hq.sqlite3")
    assert "DEMO01" in stored and export["id"] in stored
    assert any(district in stored for district in payload["aggregates"]["new_clients_by_district"]["counts"])
    raw = demo_client_values(run.d / "branch")
    assert len(raw) > 500  # names, phones and more of 500 clients
    leaked = sorted(value for value in raw if value in stored)
    assert not leaked, f"raw client values stored at HQ: {leaked[:10]}"


def page_in_chromium(run: Run, payload: dict[str, Any]) -> None:
    """Debian's headless Chromium (trusting exactly the local server key) signs in as the staff member
    the walkthrough added and sees the demo branch and its new-client count."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never download a driver
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    server_key = spki_sha256((run.d / "hq" / "tls" / "server.pem").read_bytes())
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={run.d / 'chromium-profile'}",
        f"--ignore-certificate-errors-spki-list={server_key}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    driver.implicitly_wait(10)
    try:
        browser_sign_in(driver, run.url, "hq.admin", "Hq#Overview2026")
        row = driver.find_element(By.CSS_SELECTOR, 'tr[data-branch="DEMO01"]')
        assert "DEMO01" in row.text
        figure = driver.find_element(By.CSS_SELECTOR, '[data-figure="new_clients"]')
        assert figure.text == str(payload["aggregates"]["new_clients"])
    finally:
        driver.quit()


def hq_stored_text(database: Path) -> str:
    """Everything HQ's database holds, as SQL text, plus each stored JSON document decoded (so a
    value escaped as ``\\uXXXX`` is found too)."""
    with sqlite3.connect(database) as conn:
        dump = "\n".join(conn.iterdump())
        documents = [
            json.dumps(json.loads(text), ensure_ascii=False)
            for row in conn.execute("SELECT envelope, receipt FROM submissions")
            for text in row
            if text
        ]
    return dump + "\n" + "\n".join(documents)


def demo_client_values(branch_dir: Path) -> set[str]:
    """Every demo client's name, ID number, phone (E.164 and national), e-mail, address detail,
    notes and follow-up notes, read by the demo manager through the app's own modules."""
    from desktop_app.services.client_directory import count_clients, list_clients
    from desktop_app.services.context import build_context
    from desktop_app.services.sign_in import sign_in, sign_out
    from desktop_app.store.client_repository import ClientRepository, FollowupRepository

    me = sign_in(build_context(branch_dir), *MANAGER)
    values: set[str] = set()
    try:
        clients, followups = ClientRepository(me.db), FollowupRepository(me.db)
        total = count_clients(me)
        assert total == 500
        for offset in range(0, total, 200):
            for row in list_clients(me, offset=offset, limit=200):
                client = clients.get(row.id)
                assert client is not None
                v = client.values
                values |= {v.full_name, v.phone_e164, v.phone_e164.removeprefix("+86")}
                values |= {x for x in (v.id_number, v.email, v.address_detail, v.notes) if x}
                values |= {f.note for f in followups.for_client(row.id) if f.note}
    finally:
        sign_out(me)
    return {value for value in values if len(value.strip()) >= 2}


def test_the_first_command_needs_no_hq_library(tmp_path: Path) -> None:
    """``branchvault demo`` (the README's first command, installed without extras) loads none of
    the ``[hq]`` libraries."""
    first = re.findall(r"```sh\n(.*?)```", README, flags=re.S)[0].strip()
    assert "pip install -e . " in first and "[hq]" not in first and first.endswith("branchvault demo")
    code = (
        "import sys\n"
        "from desktop_app.cli.main import main\n"
        f"code = main(['demo', '--no-gui', '--clients', '3', '--data-dir', {str(tmp_path / 'demo')!r}])\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {HQ_LIBRARIES!r})\n"
        "print('LOADED', loaded)\n"
        "sys.exit(code)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "LOADED []" in proc.stdout, proc.stdout
