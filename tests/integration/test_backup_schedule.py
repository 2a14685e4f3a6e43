"""The backup schedule on a real branch: who may set it, what folder it accepts, the audit entry,
``due`` with an injected clock (Beijing time), and the compliance items from the backup history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.compliance_review import Outcome
from desktop_app.domain.errors import BranchVaultError, PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services import backup_schedule as schedules
from desktop_app.services.compliance_evaluators import evaluate_all
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.backup_repository import BackupRepository
from tests.conftest import Branch

SignIn = Callable[[Role], SignedIn]
DAY = 86400.0


def set_beijing(branch: Branch, text: str) -> None:
    target = datetime.fromisoformat(text).replace(tzinfo=BRANCH_TIME).timestamp()
    clock = branch.ctx.clock
    clock.advance(target - clock())  # type: ignore[attr-defined]


def entries(me: SignedIn, action: str) -> list[dict[str, object]]:
    found = []
    for entry in AuditRepository(me.db).iter_all():
        if entry.action == action:
            found.append({"outcome": entry.outcome, "details": dict(entry.details or {})})
    return found


def test_it_and_manager_set_the_schedule_audited_with_old_and_new(signed_in: SignIn, tmp_path: Path) -> None:
    it = signed_in(Role.IT_ADMIN)
    folder = tmp_path / "usb"
    folder.mkdir()
    assert not schedules.schedule(it).enabled
    schedules.set_schedule(it, enabled=True, time="9:05", folder=folder, generations=5)
    now = schedules.schedule(it)
    assert (now.enabled, now.time, Path(now.folder), now.generations) == (True, "09:05", folder.resolve(), 5)
    manager = signed_in(Role.MANAGER)
    schedules.turn_off(manager)
    assert not schedules.schedule(manager).enabled and schedules.schedule(manager).folder == str(
        folder.resolve()
    )
    logged = entries(manager, "backup.schedule")
    assert len(logged) == 2
    assert logged[0]["details"] == {
        "old": {"enabled": False, "time": "21:30", "folder": "", "generations": 7},
        "new": {"enabled": True, "time": "09:05", "folder": str(folder.resolve()), "generations": 5},
    }
    assert logged[1]["details"]["new"]["enabled"] is False  # type: ignore[index]


@pytest.mark.parametrize("role", [Role.AGENT, Role.AUDITOR])
def test_agents_and_auditors_may_not(signed_in: SignIn, tmp_path: Path, role: Role) -> None:
    me = signed_in(role)
    with pytest.raises(PermissionDenied):
        schedules.set_schedule(me, enabled=True, time="21:30", folder=tmp_path, generations=7)
    assert not schedules.schedule(me).enabled


def test_folder_checks(signed_in: SignIn, tmp_path: Path) -> None:
    it = signed_in(Role.IT_ADMIN)
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    read_only = tmp_path / "read-only"
    read_only.mkdir(mode=0o500)
    bad: list[Path] = [
        tmp_path / "missing",  # a USB disk not plugged in
        a_file,
        it.paths.root,  # the data directory itself
        it.paths.root / "sub",
        Path("/dev/null"),
    ]
    (it.paths.root / "sub").mkdir()
    import os

    if os.geteuid() != 0:  # root writes anywhere
        bad.append(read_only)
    for folder in bad:
        with pytest.raises(BranchVaultError):
            schedules.set_schedule(it, enabled=True, time="21:30", folder=folder, generations=7)
    for time_text, generations in (("25:00", 7), ("21:30", 0)):
        with pytest.raises(BranchVaultError) as refused:
            schedules.set_schedule(it, enabled=True, time=time_text, folder=tmp_path, generations=generations)
        assert refused.value.exit_code == 2
    assert not schedules.schedule(it).enabled
    assert entries(it, "backup.schedule") == []


def test_due_in_beijing_time(signed_in: SignIn, branch: Branch, tmp_path: Path) -> None:
    it = signed_in(Role.IT_ADMIN)
    set_beijing(branch, "2027-02-01T08:00")
    assert not schedules.due(it)  # off
    schedules.set_schedule(it, enabled=True, time="12:30", folder=tmp_path, generations=7)
    assert not schedules.due(it)
    set_beijing(branch, "2027-02-01T12:31")
    assert schedules.due(it)
    with it.db.transaction():  # a backup taken (by anyone, scheduled or not) after 12:30
        BackupRepository(it.db).add_run(kind="create", at=it.now_utc(), by_staff=1, by_username="x", ok=True)
    assert not schedules.due(it)
    set_beijing(branch, "2027-02-02T00:01")  # past midnight in Beijing (16:01 UTC the day before)
    assert not schedules.due(it)
    set_beijing(branch, "2027-02-02T12:30")
    assert schedules.due(it)


def test_unplugged_usb_disk_is_recorded_audited_and_alerted(
    signed_in: SignIn, branch: Branch, tmp_path: Path
) -> None:
    it = signed_in(Role.IT_ADMIN)
    usb = tmp_path / "usb"
    usb.mkdir()
    schedules.set_schedule(it, enabled=True, time="12:30", folder=usb, generations=7)
    usb.rmdir()  # unplugged
    set_beijing(branch, "2027-02-01T12:31")
    agent = signed_in(Role.AGENT)  # any session runs the timer's backup
    assert schedules.due(agent)
    outcome = schedules.run_scheduled_backup(agent)
    assert not outcome.ok and outcome.error_code == "backup_folder_refused" and "U 盘" in outcome.error_zh
    failed = BackupRepository(agent.db).runs(kind="create")[0]
    assert not failed.ok and failed.scheduled and failed.findings[0] == "backup_folder_refused"
    assert entries(agent, "backup.create")[-1]["outcome"] == "failure"
    assert not schedules.due(agent)  # waits before retrying
    branch.ctx.clock.advance(31 * 60)  # type: ignore[attr-defined]
    assert schedules.due(agent)
    schedules.run_scheduled_backup(agent)  # fails again the same day: one alert only
    from desktop_app.store.security_alert_repository import SecurityAlertRepository

    alerts = [a for a in SecurityAlertRepository(agent.db).all() if a.rule == "backup_failed"]
    assert len(alerts) == 1
    state = schedules.overview(it)
    assert state.last_failure is not None and state.backup_overdue


def _run(me: SignedIn, kind: str, *, sha: str, ok: bool = True, name: str = "") -> None:
    """A history row with its audit entry, as services/backups.py writes them."""
    from desktop_app.services.audit_trail import record

    with me.db.transaction():
        run_id = BackupRepository(me.db).add_run(
            kind=kind,
            at=me.now_utc(),
            by_staff=me.session.staff_id,
            by_username=me.session.username,
            sha256=sha,
            file_name=name,
            ok=ok,
        )
        outcome = "success" if ok else "failure"
        record(me, f"backup.{kind}", target_type="backup", outcome=outcome, details={"run_id": run_id})


def test_compliance_items_from_the_backup_history(signed_in: SignIn, branch: Branch) -> None:
    manager = signed_in(Role.MANAGER)
    names = {"backup_recent", "restore_drill"}
    first = evaluate_all(manager, names)
    assert first["backup_recent"].outcome is Outcome.FAIL and "从未备份" in first["backup_recent"].evidence_zh
    assert first["restore_drill"].outcome is Outcome.FAIL
    _run(manager, "create", sha="aa", name="SZ001-1.bvbackup")
    unverified = evaluate_all(manager, names)["backup_recent"]
    assert unverified.outcome is Outcome.FAIL and "never verified" in unverified.evidence_en
    _run(manager, "drill", sha="bb", ok=True)  # a drill of another file does not verify this one
    assert evaluate_all(manager, names)["backup_recent"].outcome is Outcome.FAIL
    _run(manager, "verify", sha="aa", ok=False)
    assert evaluate_all(manager, names)["backup_recent"].outcome is Outcome.FAIL
    _run(manager, "drill", sha="aa", ok=True)
    passed = evaluate_all(manager, names)
    assert passed["backup_recent"].outcome is Outcome.PASS
    assert passed["restore_drill"].outcome is Outcome.PASS
    branch.ctx.clock.advance(manager.policy.backup_max_age_days * DAY + 60)  # type: ignore[attr-defined]
    later = evaluate_all(manager, names)
    assert later["backup_recent"].outcome is Outcome.FAIL  # the verified backup is too old
    assert later["restore_drill"].outcome is Outcome.PASS  # a drill within 180 days
    branch.ctx.clock.advance(manager.policy.restore_drill_days * DAY)  # type: ignore[attr-defined]
    assert evaluate_all(manager, names)["restore_drill"].outcome is Outcome.FAIL


def test_an_overdue_backup_is_alerted_once(signed_in: SignIn, tmp_path: Path) -> None:
    it = signed_in(Role.IT_ADMIN)
    assert schedules.flag_overdue_backup(it)  # overdue, but backups never set up: no alert yet
    from desktop_app.store.security_alert_repository import SecurityAlertRepository

    assert [a for a in SecurityAlertRepository(it.db).all() if a.rule == "backup_failed"] == []
    schedules.set_schedule(it, enabled=True, time="21:30", folder=tmp_path, generations=7)
    assert schedules.flag_overdue_backup(it) and schedules.flag_overdue_backup(it)
    alerts = [a for a in SecurityAlertRepository(it.db).all() if a.rule == "backup_failed"]
    assert len(alerts) == 1 and alerts[0].details["reason"] == "backup_overdue"
