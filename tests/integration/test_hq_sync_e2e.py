"""Sending summaries to the real HQ service (``branchvault-hq serve`` on 127.0.0.1 with trustme
TLS) through injected faults: each summary ends up acknowledged on the branch, with HQ's signed
receipt, and stored exactly once at HQ.

Faults: HQ down then up; HQ stores but its answer never arrives (client timeout); HQ answers 500;
the connection is reset after HQ stored; a certificate from another CA; a payload changed on the
way; the branch process killed (SIGKILL) after its request left, then run again; a replayed
request. Network faults come from a TCP proxy in front of HQ (tests/support/tcp_fault_proxy.py)
that never sees inside TLS; the 500 from a table HQ cannot write for a moment.
"""

# ruff: noqa: F811 (the fixtures imported from tests/support are parameters here)
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from desktop_app.domain.export_states import ExportState
from desktop_app.domain.roles import Role
from desktop_app.services.hq_sync import SyncReport
from desktop_app.sync.transport import HqResponse, HqTransport, HttpsTransport
from tests.cli.support import cli_env, lines
from tests.support.hq_server import HqServer, hq_server  # noqa: F401 (fixture)
from tests.support.hq_sync_fixtures import (  # noqa: F401 (fixtures)
    LiveBranch,
    _live_template,
    approved_export,
    enrol_live,
    enrolled_branch,
    export_state,
    hq_rows,
    live_branch,
    summary_builder,
    sync_as,
    wait_until,
)
from tests.support.tcp_fault_proxy import FaultProxy

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@dataclass
class Recording:
    """A transport that passes requests on and keeps each (path, body, headers, response)."""

    inner: HqTransport
    sent: list[tuple[str, bytes, dict[str, str], HqResponse]] = field(default_factory=list)

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> HqResponse:
        response = self.inner.post(path, body, headers)
        self.sent.append((path, body, dict(headers), response))
        return response

    def get(self, path: str, headers: dict[str, str]) -> HqResponse:
        return self.inner.get(path, headers)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def proxy(hq_server: HqServer) -> Iterator[FaultProxy]:
    fault = FaultProxy(hq_server.port)
    yield fault
    fault.close()


def through(proxy: FaultProxy, hq: HqServer, timeout: float = 30.0) -> Any:
    """A transport factory sending through ``proxy`` (HQ's own certificate, HQ's CA)."""
    return lambda _link: HttpsTransport(proxy.url, hq.ca_file, timeout=timeout)


def hq_receipt(hq: HqServer, submission_id: str) -> dict[str, Any]:
    database = hq.data_dir / "hq.sqlite3"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        row = connection.execute("SELECT receipt FROM submissions WHERE submission_id = ?", (submission_id,))
        return dict(json.loads(row.fetchone()[0]))


def assert_delivered_once(branch: LiveBranch, hq: HqServer, export_id: str) -> None:
    summary = export_state(branch, export_id)
    assert summary.state is ExportState.ACKNOWLEDGED, summary
    assert hq_rows(hq, export_id) == 1
    from desktop_app.services import hq_exports

    agent = branch.sign_in(Role.AGENT)
    try:
        assert hq_exports.show(agent, export_id).receipt == hq_receipt(hq, export_id)
    finally:
        agent.close()


def assert_failing(report: SyncReport, branch: LiveBranch, export_id: str, error: str) -> None:
    assert report.acknowledged == 0 and report.failing == 1 and report.next_retry_at is not None, report
    summary = export_state(branch, export_id)
    assert summary.state is ExportState.FAILING and summary.last_error is not None
    assert error in summary.last_error, summary.last_error


def test_success_then_nothing_left(enrolled_branch: LiveBranch, hq_server: HqServer) -> None:
    export_id = approved_export(enrolled_branch)
    report = sync_as(enrolled_branch)
    assert (report.sent, report.acknowledged, report.failing, report.next_retry_at) == (1, 1, 0, None)
    assert_delivered_once(enrolled_branch, hq_server, export_id)
    again = sync_as(enrolled_branch, role=Role.MANAGER)
    assert (again.sent, again.acknowledged, again.failing) == (0, 0, 0)


def test_hq_down_then_up(enrolled_branch: LiveBranch, hq_server: HqServer) -> None:
    export_id = approved_export(enrolled_branch)
    hq_server.stop()
    assert_failing(sync_as(enrolled_branch), enrolled_branch, export_id, "connect")
    assert_failing(sync_as(enrolled_branch), enrolled_branch, export_id, "connect")  # still down
    assert export_state(enrolled_branch, export_id).attempts == 2
    hq_server.start()
    report = sync_as(enrolled_branch)
    assert report.acknowledged == 1 and report.clean
    assert_delivered_once(enrolled_branch, hq_server, export_id)


def test_hq_stores_but_the_answer_never_comes(
    enrolled_branch: LiveBranch,
    hq_server: HqServer,
    proxy: FaultProxy,
) -> None:
    export_id = approved_export(enrolled_branch)
    proxy.mode = "withhold"
    report = sync_as(enrolled_branch, factory=through(proxy, hq_server, timeout=2.0))
    assert_failing(report, enrolled_branch, export_id, "timeout")
    assert hq_rows(hq_server, export_id) == 1  # HQ had stored it
    proxy.mode = "forward"
    recording = Recording(HttpsTransport(proxy.url, hq_server.ca_file))
    report = sync_as(enrolled_branch, transport=recording)
    assert report.acknowledged == 1 and report.clean
    assert recording.sent[-1][3].status == 200  # the identical re-send: HQ's original receipt
    assert_delivered_once(enrolled_branch, hq_server, export_id)


def test_hq_answers_500_then_recovers(enrolled_branch: LiveBranch, hq_server: HqServer) -> None:
    export_id = approved_export(enrolled_branch)
    database = hq_server.data_dir / "hq.sqlite3"
    with sqlite3.connect(database) as connection:  # HQ cannot store a submission for a moment
        connection.execute("ALTER TABLE submissions RENAME TO submissions_away")
    report = sync_as(enrolled_branch)
    assert_failing(report, enrolled_branch, export_id, "HTTP 500")
    with sqlite3.connect(database) as connection:
        connection.execute("ALTER TABLE submissions_away RENAME TO submissions")
    assert sync_as(enrolled_branch).clean
    assert_delivered_once(enrolled_branch, hq_server, export_id)


def test_connection_reset_after_hq_stored(
    enrolled_branch: LiveBranch,
    hq_server: HqServer,
    proxy: FaultProxy,
) -> None:
    export_id = approved_export(enrolled_branch)
    proxy.mode = "withhold"
    reports: list[SyncReport] = []
    worker = threading.Thread(
        target=lambda: reports.append(sync_as(enrolled_branch, factory=through(proxy, hq_server)))
    )
    worker.start()
    wait_until(lambda: hq_rows(hq_server, export_id) == 1)
    proxy.reset_clients()
    worker.join(timeout=60)
    assert reports, "the pass did not end after the reset"
    assert_failing(reports[0], enrolled_branch, export_id, "reset")
    proxy.mode = "forward"
    assert sync_as(enrolled_branch, factory=through(proxy, hq_server)).clean
    assert_delivered_once(enrolled_branch, hq_server, export_id)


def test_a_certificate_from_another_ca_is_refused(enrolled_branch: LiveBranch, hq_server: HqServer) -> None:
    export_id = approved_export(enrolled_branch)
    wrong = sync_as(enrolled_branch, factory=lambda link: HttpsTransport(link.url, hq_server.wrong_ca_file))
    assert_failing(wrong, enrolled_branch, export_id, "tls")
    system_store = sync_as(enrolled_branch, factory=lambda link: HttpsTransport(link.url, None))
    assert_failing(system_store, enrolled_branch, export_id, "tls")
    assert hq_rows(hq_server, export_id) == 0  # nothing reached HQ
    assert sync_as(enrolled_branch).clean  # the enrolled CA file
    assert_delivered_once(enrolled_branch, hq_server, export_id)


@dataclass
class Tampering:
    """Changes a count in the body on the way (the headers stay the branch's)."""

    inner: HqTransport

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> HqResponse:
        return self.inner.post(path, _tamper(body), headers)

    def get(self, path: str, headers: dict[str, str]) -> HqResponse:
        return self.inner.get(path, headers)

    def close(self) -> None:
        self.inner.close()


def _tamper(body: bytes) -> bytes:
    envelope = json.loads(body)
    envelope["payload"]["software_version"] = "9.9.9"
    return json.dumps(envelope, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def test_a_payload_changed_on_the_way_is_refused(enrolled_branch: LiveBranch, hq_server: HqServer) -> None:
    export_id = approved_export(enrolled_branch)
    tampered = sync_as(
        enrolled_branch, factory=lambda link: Tampering(HttpsTransport(link.url, hq_server.ca_file))
    )
    assert_failing(tampered, enrolled_branch, export_id, "HTTP 401")
    assert hq_rows(hq_server, export_id) == 0
    assert sync_as(enrolled_branch).clean
    assert_delivered_once(enrolled_branch, hq_server, export_id)


def _sync_process(branch: LiveBranch) -> subprocess.Popen[str]:
    """``branchvault export sync`` as the agent, in its own process."""
    username, password = branch.users[Role.AGENT]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "export",
            "sync",
            "--data-dir",
            str(branch.root),
            "--as",
            username,
            "--password-stdin",
            "--json",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        cwd=ROOT,
    )
    assert proc.stdin is not None
    proc.stdin.write(lines(password))
    proc.stdin.close()
    return proc


def test_branch_killed_after_the_request_left_then_restarted(
    live_branch: LiveBranch,
    hq_server: HqServer,
    proxy: FaultProxy,
) -> None:
    enrol_live(live_branch, hq_server, url=proxy.url)  # the enrolled address is the proxy
    export_id = approved_export(live_branch)
    proxy.mode = "withhold"
    first = _sync_process(live_branch)
    wait_until(lambda: hq_rows(hq_server, export_id) == 1 or first.poll() is not None, timeout=60)
    assert first.poll() is None, first.stderr.read() if first.stderr else ""
    os.kill(first.pid, signal.SIGKILL)  # the branch dies with HQ's answer still on the way
    first.wait(timeout=30)
    assert export_state(live_branch, export_id).state is not ExportState.ACKNOWLEDGED
    proxy.mode = "forward"
    second = _sync_process(live_branch)
    assert second.wait(timeout=120) == 0, second.stderr.read() if second.stderr else ""
    out = second.stdout.read() if second.stdout else ""
    assert json.loads(out)["acknowledged"] == 1
    assert_delivered_once(live_branch, hq_server, export_id)


def test_a_replayed_request_is_refused(enrolled_branch: LiveBranch, hq_server: HqServer) -> None:
    export_id = approved_export(enrolled_branch)
    recording = Recording(HttpsTransport(hq_server.url, hq_server.ca_file))
    assert sync_as(enrolled_branch, transport=recording).clean
    path, body, headers, response = recording.sent[-1]
    assert response.status == 201
    with HttpsTransport(hq_server.url, hq_server.ca_file) as attacker:
        replayed = attacker.post(path, body, headers)
    assert replayed.status == 401 and "replay" in replayed.body.decode()
    assert_delivered_once(enrolled_branch, hq_server, export_id)
