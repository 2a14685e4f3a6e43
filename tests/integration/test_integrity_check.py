"""The integrity check as a service: who may run it, what it records and audits, the alert on
failure, the app's schedule with an injected clock, and the unclean-shutdown marker."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services.integrity_check import recent_checks, run_integrity_check
from desktop_app.services.integrity_schedule import check_due, run_if_due, start_gui_session
from desktop_app.services.security_alerts import list_alerts
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.run_marker import marker_dir, take_stale_markers
from tests.conftest import Branch, Clock


def last_entry(me: SignedIn, action: str) -> dict[str, object]:
    for entry in reversed(list(AuditRepository(me.db).iter_all())):
        if entry.action == action:
            return {"outcome": entry.outcome, **entry.details}
    raise AssertionError(f"no {action} entry")


def test_a_check_is_recorded_and_audited(signed_in: Callable[[Role], SignedIn]) -> None:
    it = signed_in(Role.IT_ADMIN)
    report = run_integrity_check(it)
    assert report.ok
    runs = recent_checks(it)
    assert len(runs) == 1 and runs[0].ok and not runs[0].scheduled
    assert {f.name for f in runs[0].findings} >= {
        "branch.db:cipher_integrity_check",
        "branch.db:integrity_check",
        "branch.db:foreign_key_check",
        "branch.db:audit_chain",
        "keyslots.json:slots",
        "clients.db:file",
        "clients.db:contents",
    }
    entry = last_entry(it, "integrity.check")
    assert entry["outcome"] == "success" and entry["failed"] == [] and entry["client_data_checked"] is False
    with pytest.raises(Exception, match="append-only"):  # the history is kept as it was written
        it.db.execute("DELETE FROM integrity_checks")


def test_an_agent_may_not_ask_for_it_but_the_apps_own_run_goes_ahead(
    signed_in: Callable[[Role], SignedIn],
) -> None:
    agent = signed_in(Role.AGENT)
    with pytest.raises(PermissionDenied):
        run_integrity_check(agent)
    report = run_integrity_check(agent, scheduled=True)
    assert report.ok
    entry = last_entry(agent, "integrity.check")
    assert entry["scheduled"] is True


def test_a_failed_check_raises_an_alert_for_the_manager(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    path = branch.ctx.paths.key_slots
    data = json.loads(path.read_text(encoding="utf-8"))
    data["slots"] = [s for s in data["slots"] if s["name"] != branch.users[Role.AGENT][0]]
    path.write_text(json.dumps(data), encoding="utf-8")
    it = signed_in(Role.IT_ADMIN)
    report = run_integrity_check(it)
    assert [p.name for p in report.problems] == ["keyslots.json:slots"]
    assert last_entry(it, "integrity.check")["outcome"] == "failure"
    alerts = [a for a in list_alerts(signed_in(Role.MANAGER)) if a.rule == "integrity_failure"]
    assert len(alerts) == 1
    assert alerts[0].details["failed"] == ["keyslots.json:slots"]
    assert alerts[0].evidence  # the integrity.check entry's sequence number


def test_the_schedule_follows_the_policy_hours(branch: Branch, signed_in: Callable[[Role], SignedIn]) -> None:
    clock = branch.ctx.clock
    assert isinstance(clock, Clock)
    agent = signed_in(Role.AGENT)
    assert check_due(agent)  # never checked
    assert run_if_due(agent) is not None
    assert run_if_due(agent) is None  # just ran
    clock.advance(agent.policy.integrity_check_hours * 3600 - 60)
    assert run_if_due(agent) is None
    clock.advance(120)
    assert run_if_due(agent) is not None
    after_crash = run_if_due(agent, after_unclean_shutdown=True)  # not due, but after a crash: runs
    assert after_crash is not None
    runs = recent_checks(signed_in(Role.AUDITOR))
    assert [r.after_unclean_shutdown for r in runs] == [True, False, False]
    assert all(r.scheduled for r in runs)


MARKER_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from desktop_app.store.run_marker import RunMarker
    marker = RunMarker(Path(sys.argv[1]))
    print("ready", flush=True)
    if sys.argv[2] == "clean":
        marker.remove()
    else:
        time.sleep(60)
    """
)


def _marker_process(root: Path, mode: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", MARKER_SCRIPT, str(root), mode],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_run_markers_tell_a_killed_session_from_a_clean_one_and_a_running_one(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    clean = _marker_process(root, "clean")
    clean.wait(30)
    assert take_stale_markers(root) == []
    running = _marker_process(root, "sleep")  # another GUI instance, still running
    try:
        assert take_stale_markers(root) == []  # its marker is live: left alone
        assert len(list(marker_dir(root).glob("*.marker"))) == 1
        running.kill()  # kill -9
        running.wait(30)
        stale = take_stale_markers(root)
        assert len(stale) == 1
        assert take_stale_markers(root) == []  # taken once
    finally:
        if running.poll() is None:
            running.kill()


def test_a_gui_session_killed_makes_the_next_one_check_first(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    killed = _marker_process(branch.ctx.paths.root, "sleep")
    killed.kill()
    killed.wait(30)
    agent = signed_in(Role.AGENT)
    marker, unclean = start_gui_session(agent)
    try:
        assert unclean
        report = run_if_due(agent, after_unclean_shutdown=unclean)
        assert report is not None and report.ok
    finally:
        marker()
    assert last_entry(agent, "integrity.check")["after_unclean_shutdown"] is True
    again, unclean_again = start_gui_session(agent)  # the last one ended cleanly
    again()
    assert not unclean_again


def test_a_branch_without_client_data_yet_passes(tmp_path: Path, clock: Clock) -> None:
    from desktop_app.services.branch_setup import BranchDetails, init_branch
    from desktop_app.services.context import build_context
    from tests.conftest import ADMIN, FAST_KDF

    result = init_branch(
        build_context(tmp_path / "fresh", clock=clock),
        BranchDetails("SZ002", "深圳福田店", "示例地产经纪有限公司", "400-000-0000"),
        admin_username=ADMIN[0],
        admin_display_name="IT 王工",
        admin_password=ADMIN[1],
        kdf=FAST_KDF,
    )
    me = result.signed_in
    try:
        report = run_integrity_check(me)
    finally:
        me.close()
    assert report.ok, [p.en for p in report.problems]


def test_the_snapshot_is_private_and_gone_afterwards(
    branch: Branch, signed_in: Callable[[Role], SignedIn]
) -> None:
    from desktop_app.store.integrity_reader import SNAPSHOT_DIR

    left_over = branch.ctx.paths.root / SNAPSHOT_DIR  # a check killed half-way
    left_over.mkdir(mode=0o700)
    (left_over / "branch.db").write_bytes(b"x" * 4096)
    assert run_integrity_check(signed_in(Role.MANAGER)).ok
    assert not left_over.exists()


def test_a_long_pragma_answer_is_cut_to_its_first_distinct_lines() -> None:
    """Regression: a damaged page made the finding's detail ~50 copies of one SQLite line."""
    from desktop_app.services.integrity_check import DETAIL_LINES, _first_lines

    lines = ["Tree 12 page 40: btreeInitPage() returns error code 11"] * 45 + [
        f"row {n} missing from index i" for n in range(8)
    ]
    detail = _first_lines(lines)
    assert detail.count("btreeInitPage") == 1
    assert detail.count("missing from index") == DETAIL_LINES - 1
    assert detail.endswith(f"(+{len(lines) - DETAIL_LINES})")
    assert _first_lines(["a", "b"]) == "a; b"
