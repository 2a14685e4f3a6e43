"""Scheduled backups and restore drills with real backup files: a backup taken while another session
keeps registering clients (the copy is consistent, the writer loses nothing), pruning by generations
and by age (nothing else in the folder touched), the drill recorded and the compliance items turning
from fail to pass, and which password opens a backup after a password change."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.compliance_review import Outcome
from desktop_app.domain.errors import InvalidInput, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services.backup_drill import NoBackupToDrill, latest_backup, run_restore_drill
from desktop_app.services.backup_schedule import back_up_now, run_scheduled_backup, set_schedule
from desktop_app.services.backups import create_backup, verify_backup
from desktop_app.services.client_directory import count_clients
from desktop_app.services.client_intake import create_client
from desktop_app.services.compliance_evaluators import evaluate_all
from desktop_app.services.sign_in import change_password, sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.backup_repository import BackupRepository
from tests.conftest import Branch

SignIn = Callable[[Role], SignedIn]
DAY = 86400.0
WRITES = 30
_STEMS = "甲乙丙丁戊己庚辛壬癸"


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _name(index: int) -> str:
    return f"客户{_STEMS[index % 10]}{_STEMS[index // 10 % 10]}{_STEMS[index // 100 % 10]}"


def test_scheduled_backup_while_another_session_keeps_writing(
    branch: Branch, signed_in: SignIn, usb: Path
) -> None:
    it = signed_in(Role.IT_ADMIN)
    set_schedule(it, enabled=True, time="00:00", folder=usb, generations=3)
    written: list[int] = []
    errors: list[BaseException] = []
    first, stop = threading.Event(), threading.Event()

    def writer() -> None:  # the agent at the counter, in another connection
        try:
            agent = sign_in(branch.context(), *branch.users[Role.AGENT])
            try:
                index = 0
                while index < WRITES or not stop.is_set():  # before, during and after the backup
                    create_client(agent, ClientDraft(name=_name(index), phone=f"139{index:08d}"))
                    written.append(index)
                    first.set()
                    index += 1
            finally:
                sign_out(agent)
        except BaseException as exc:  # reported below
            errors.append(exc)
            first.set()

    thread = threading.Thread(target=writer)
    thread.start()
    assert first.wait(60)
    outcome = run_scheduled_backup(it)
    stop.set()
    thread.join(120)
    assert not errors and len(written) >= WRITES  # every intake landed, none refused or lost
    assert outcome.ok and outcome.verified  # IT's session opened the new file at once and checked it
    manager = signed_in(Role.MANAGER)
    assert count_clients(manager) == len(written)
    checked = verify_backup(manager, outcome.path, password=branch.users[Role.MANAGER][1])
    assert checked.ok and checked.clients_checked  # a consistent snapshot: integrity check on both files
    runs = BackupRepository(it.db).runs(kind="create")
    assert runs[0].ok and runs[0].scheduled


def test_pruning_by_generations_and_age_leaves_other_files(
    branch: Branch, signed_in: SignIn, usb: Path
) -> None:
    it = signed_in(Role.IT_ADMIN)
    (usb / "notes.txt").write_text("not a backup", encoding="utf-8")
    stranger = usb / "OTHER01-20270101-000000.bvbackup"  # not readable as ours: never deleted
    stranger.write_bytes(b"something else")
    set_schedule(it, enabled=True, time="00:00", folder=usb, generations=2)
    taken = []
    for _ in range(3):
        outcome = run_scheduled_backup(it)
        assert outcome.ok
        taken.append(outcome.path)
        branch.ctx.clock.advance(DAY)  # type: ignore[attr-defined]
    ours = sorted(p for p in usb.iterdir() if p.name.startswith("SZ001-"))
    assert ours == sorted(taken[1:])  # two generations kept
    assert (usb / "notes.txt").exists() and stranger.exists()
    branch.ctx.clock.advance((it.policy.backup_keep_days + 1) * DAY)  # type: ignore[attr-defined]
    newest = run_scheduled_backup(it).path
    ours = [p for p in usb.iterdir() if p.name.startswith("SZ001-")]
    assert ours == [newest]  # the older generation is past backup_keep_days: gone
    assert (usb / "notes.txt").exists() and stranger.exists()


def test_drill_recorded_and_compliance_turns_from_fail_to_pass(
    branch: Branch, signed_in: SignIn, usb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manager = signed_in(Role.MANAGER)
    password = branch.users[Role.MANAGER][1]
    names = {"backup_recent", "restore_drill"}
    with pytest.raises(NoBackupToDrill):
        run_restore_drill(manager, password=password)
    set_schedule(manager, enabled=True, time="21:30", folder=usb, generations=7)
    made = create_backup(manager, usb)  # taken, not opened
    assert latest_backup(manager) == made.path
    before = evaluate_all(manager, names)
    assert before["backup_recent"].outcome is Outcome.FAIL  # taken, never opened
    assert before["restore_drill"].outcome is Outcome.FAIL
    with pytest.raises(InvalidInput):
        run_restore_drill(manager)  # no password: a real restore has no session key
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    outcome = run_restore_drill(manager, password=password)
    assert outcome.ok and outcome.path == made.path and outcome.clients_checked and outcome.seconds >= 0
    assert list(scratch.iterdir()) == []  # the temporary copy is gone
    drill = BackupRepository(manager.db).runs(kind="drill")[0]
    assert drill.ok and drill.id == outcome.run_id and drill.sha256 == made_sha(manager)
    assert [e.action for e in AuditRepository(manager.db).iter_all()].count("backup.drill") == 1
    after = evaluate_all(manager, names)
    assert after["backup_recent"].outcome is Outcome.PASS
    assert after["restore_drill"].outcome is Outcome.PASS
    assert made.path.name in after["backup_recent"].evidence_en


def made_sha(me: SignedIn) -> str:
    return BackupRepository(me.db).runs(kind="create")[0].sha256


def test_after_a_password_change_the_old_password_or_the_recovery_code_opens_the_backup(
    branch: Branch, signed_in: SignIn, usb: Path
) -> None:
    it = signed_in(Role.IT_ADMIN)
    old = branch.users[Role.IT_ADMIN][1]
    backup = back_up_now(it, usb).path
    new = "N3w!Backup#Drill2027"
    change_password(it, old, new)
    with pytest.raises(WrongCredentials):
        run_restore_drill(it, backup, password=new)  # the slot in the backup is the old one
    assert BackupRepository(it.db).runs(kind="drill") == []  # a mistyped password records nothing
    assert run_restore_drill(it, backup, password=old).ok
    assert run_restore_drill(it, backup, recovery_code=branch.recovery_code).ok
    assert len(BackupRepository(it.db).runs(kind="drill")) == 2


def test_a_full_disk_is_recorded_and_alerted_once_a_day(
    branch: Branch, signed_in: SignIn, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from desktop_app.store import backup_archive
    from desktop_app.store.security_alert_repository import SecurityAlertRepository

    def full(folder: Path, *_args: object, **_kwargs: object) -> Path:
        backup_archive._raise_write_error(folder, OSError(errno.ENOSPC, "No space left on device"))
        raise AssertionError("unreachable")

    monkeypatch.setattr(backup_archive, "write_archive", full)
    it = signed_in(Role.IT_ADMIN)
    set_schedule(it, enabled=True, time="00:00", folder=usb, generations=7)
    first = run_scheduled_backup(it)
    second = run_scheduled_backup(it)
    assert not first.ok and not second.ok and first.error_code == second.error_code != ""
    assert [p for p in usb.iterdir()] == []  # nothing half-written left
    failed = BackupRepository(it.db).runs(kind="create")
    assert len(failed) == 2 and not any(run.ok for run in failed)  # each attempt recorded once
    alerts = [a for a in SecurityAlertRepository(it.db).all() if a.rule == "backup_failed"]
    assert len(alerts) == 1 and alerts[0].details["reason"] == first.error_code
    branch.ctx.clock.advance(DAY)  # type: ignore[attr-defined]
    run_scheduled_backup(it)
    assert len([a for a in SecurityAlertRepository(it.db).all() if a.rule == "backup_failed"]) == 2


def test_a_lock_or_sign_out_cancels_the_scheduled_backup_leaving_no_file(
    signed_in: SignIn, usb: Path
) -> None:
    from desktop_app.domain.cancellation import Cancelled, CancelToken

    it = signed_in(Role.IT_ADMIN)
    set_schedule(it, enabled=True, time="00:00", folder=usb, generations=7)
    token = CancelToken()
    token.cancel()  # what the SessionLocker and sign-out do to every running job
    with pytest.raises(Cancelled):
        run_scheduled_backup(it, cancel=token)
    assert list(usb.iterdir()) == []
    assert not any(run.ok for run in BackupRepository(it.db).runs(kind="create"))


def test_back_up_now_is_opened_and_checked_at_once(signed_in: SignIn, usb: Path) -> None:
    it = signed_in(Role.IT_ADMIN)
    outcome = back_up_now(it, usb)
    assert outcome.ok and outcome.verified
    verify = BackupRepository(it.db).runs(kind="verify")[0]
    assert verify.ok and verify.file_name == outcome.path.name
    assert evaluate_all(it, {"backup_recent"})["backup_recent"].outcome is Outcome.PASS


def test_a_damaged_backup_fails_the_drill_and_the_failure_is_recorded(
    branch: Branch, signed_in: SignIn, usb: Path
) -> None:
    manager = signed_in(Role.MANAGER)
    made = create_backup(manager, usb)
    data = bytearray(made.path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)  # a damaged sector on the USB disk
    made.path.write_bytes(bytes(data))
    outcome = run_restore_drill(manager, made.path, password=branch.users[Role.MANAGER][1])
    assert not outcome.ok and outcome.problems and outcome.problem_text("en")
    drill = BackupRepository(manager.db).runs(kind="drill")[0]
    assert not drill.ok and drill.id == outcome.run_id
    assert evaluate_all(manager, {"restore_drill"})["restore_drill"].outcome is Outcome.FAIL
