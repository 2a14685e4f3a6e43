"""``branchvault hq enroll`` / ``hq status`` / ``export sync`` end to end against the real HQ
service: IT enrols with the token HQ issued (the CA file given), status shows the link and never a
key, and ``export sync`` exits 1 while a summary is left failing (HQ down) and 0 once delivered."""

from __future__ import annotations

import json
import time
from datetime import timedelta

from desktop_app.services import hq_exports
from desktop_app.services.context import build_context
from desktop_app.services.hq_sync import sync_once
from desktop_app.services.sign_in import sign_in, sign_out
from tests.cli.support import STAFF, CliBranch, assert_exit, audit_entries, open_branch_db
from tests.support.hq_server import HqServer, hq_server  # noqa: F401 (fixture)
from tests.support.hq_sync_fixtures import summary_builder  # noqa: F401 (fixture)


def _approved_export(branch: CliBranch) -> str:
    agent = sign_in(build_context(branch.data_dir, clock=time.time), *STAFF["agent"])
    try:
        yesterday = agent.today() - timedelta(days=1)
        export_id = hq_exports.prepare(agent, yesterday, yesterday).id
    finally:
        sign_out(agent)
    manager = sign_in(build_context(branch.data_dir, clock=time.time), *STAFF["manager"])
    try:
        hq_exports.approve(manager, export_id, STAFF["manager"][1])
    finally:
        sign_out(manager)
    return export_id


def test_enroll_status_and_sync_exit_codes(cli_branch: CliBranch, hq_server: HqServer) -> None:  # noqa: F811
    token = hq_server.issue_token("SZ001")
    enrolled = cli_branch.as_role(
        "it_admin",
        "hq",
        "enroll",
        "--url",
        hq_server.url,
        "--token",
        token,
        "--ca-file",
        str(hq_server.ca_file),
        "--json",
    )
    assert_exit(enrolled, 0)
    assert enrolled.json()["enrolled"] is True and enrolled.json()["branch_code"] == "SZ001"

    status = cli_branch.as_role("it_admin", "hq", "status", "--json")
    assert_exit(status, 0)
    data = status.json()
    assert data["url"] == hq_server.url and data["pseudonym_key_present"] is True
    assert set(data) == {
        "enrolled",
        "url",
        "ca_file",
        "branch_code",
        "hq_public_key",
        "enrolled_at",
        "enrolled_by",
        "pseudonym_key_present",
    }
    db = open_branch_db(cli_branch.data_dir, *STAFF["it_admin"])
    try:
        private, pseudonym = db.execute("SELECT branch_private_key, pseudonym_key FROM hq_link").fetchone()
    finally:
        db.close()
    for output in (enrolled.stdout + enrolled.stderr, status.stdout + status.stderr):
        assert (
            private.hex() not in output
            and pseudonym.hex() not in output
            and token not in output
            and token.rpartition(".")[2] not in output
        )
    assert [e.outcome for e in audit_entries(cli_branch) if e.action == "hq.enrol"] == ["success"]

    nothing = cli_branch.as_role("agent", "export", "sync", "--json")
    assert_exit(nothing, 0)
    assert nothing.json()["sent"] == 0

    export_id = _approved_export(cli_branch)
    hq_server.stop()
    down = cli_branch.as_role("agent", "export", "sync", "--json")
    assert_exit(down, 1)
    assert down.json()["failing"] == 1 and down.json()["next_retry_at"]
    hq_server.start()
    # the retry is due within the first backoff ceiling (30 s): a pass 31 s ahead (well inside
    # HQ's 5-minute skew) delivers it, then the CLI finds nothing left failing
    ahead = sign_in(build_context(cli_branch.data_dir, clock=lambda: time.time() + 31), *STAFF["agent"])
    try:
        assert sync_once(ahead).acknowledged == 1
        assert hq_exports.show(ahead, export_id).summary.state.value == "acknowledged"
    finally:
        sign_out(ahead)
    delivered = cli_branch.as_role("agent", "export", "sync", "--json")
    assert_exit(delivered, 0)
    assert json.loads(delivered.stdout) == {
        "sent": 0,
        "acknowledged": 0,
        "failing": 0,
        "next_retry_at": None,
        "errors": [],
    }


def test_export_sync_before_enrolment_is_refused(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("agent", "export", "sync")
    assert_exit(result, 1)
    assert "hq enroll" in result.stderr and "登记" in result.stderr


def test_it_cannot_sync(cli_branch: CliBranch) -> None:
    assert_exit(cli_branch.as_role("it_admin", "export", "sync"), 1)
