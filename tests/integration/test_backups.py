"""Backups (issue 15 §3): one encrypted file per backup, verified with the backup's own slots, the
history and audit entries, retention; the live data is never touched by a verify."""

from __future__ import annotations

import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import PermissionDenied, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services.backups import (
    BackupFolderRefused,
    backup_status,
    create_backup,
    prune_backups,
    record_drill,
    verify_backup,
)
from desktop_app.services.client_intake import create_client
from desktop_app.services.key_rotation import RecoveryFailed
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.backup_repository import BackupRepository
from tests.conftest import Branch

SignIn = Callable[[Role], SignedIn]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _actions(me: SignedIn) -> list[str]:
    return [entry.action for entry in AuditRepository(me.db).iter_all()]


def test_it_backs_up_into_one_private_file_that_verifies(
    branch: Branch, signed_in: SignIn, out: Path
) -> None:
    manager = signed_in(Role.MANAGER)
    create_client(manager, ClientDraft(name="欧阳春花", phone="13987654321"))
    it = signed_in(Role.IT_ADMIN)
    result = create_backup(it, out)
    assert result.path.parent == out
    assert result.path.name.startswith("SZ001-") and result.path.name.endswith(".bvbackup")
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert [p.name for p in out.iterdir()] == [result.path.name]
    with zipfile.ZipFile(result.path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())
        assert b"\xe6\xac\xa7\xe9\x98\xb3" not in archive.read(
            "clients.db"
        )  # 欧阳: encrypted, never plaintext
    assert {
        "manifest.json",
        "manifest.mac",
        "branch.db",
        "clients.db",
        "keyslots.json",
        "branch.toml",
    } <= names
    assert manifest["branch_code"] == "SZ001" and manifest["audit_head"]["seq"] == result.audit_seq
    assert "backup.create" in _actions(it)
    run = BackupRepository(it.db).get_run(result.run_id)
    assert run is not None and run.ok and run.sha256 == result.sha256

    username, password = branch.users[Role.IT_ADMIN]
    checked = verify_backup(branch.context(), result.path, username=username, password=password)
    assert checked.ok, [p.en for p in checked.problems]
    assert not checked.clients_checked  # IT holds no client-data key: hash only
    assert any(f.name == "clients.db:contents" and f.skipped for f in checked.findings.findings)
    by_code = verify_backup(branch.context(), result.path, recovery_code=branch.recovery_code)
    assert by_code.ok
    m_user, m_password = branch.users[Role.MANAGER]
    as_manager = verify_backup(branch.context(), result.path, username=m_user, password=m_password)
    assert as_manager.ok and as_manager.clients_checked
    assert any(f.name == "clients.db:cipher_integrity_check" and f.ok for f in as_manager.findings.findings)


def test_wrong_password_and_wrong_recovery_code_say_what_sign_in_says(
    branch: Branch, signed_in: SignIn, out: Path
) -> None:
    result = create_backup(signed_in(Role.IT_ADMIN), out)
    username, _ = branch.users[Role.IT_ADMIN]
    with pytest.raises(WrongCredentials):
        verify_backup(branch.context(), result.path, username=username, password="not-the-password")
    with pytest.raises(WrongCredentials):
        verify_backup(branch.context(), result.path, username="nobody", password="x")
    with pytest.raises(RecoveryFailed):
        verify_backup(branch.context(), result.path, recovery_code="AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")


def test_verify_through_a_session_is_recorded_and_drills_count(
    branch: Branch, signed_in: SignIn, out: Path
) -> None:
    it = signed_in(Role.IT_ADMIN)
    result = create_backup(it, out)
    checked = verify_backup(it, result.path)  # the session's own key opens a backup it just took
    assert checked.ok and checked.recorded_run is not None
    drill = record_drill(it, result.path, verify_backup(it, result.path, record_run=False))
    runs = {run.id: run.kind for run in BackupRepository(it.db).runs()}
    assert runs[checked.recorded_run] == "verify" and runs[drill] == "drill"
    status = backup_status(it)
    assert status.last_created is not None and status.last_drill is not None
    assert not status.backup_overdue and not status.drill_overdue
    assert {"backup.verify", "backup.drill"} <= set(_actions(it))


def test_only_it_and_managers_back_up_and_the_target_is_checked(
    branch: Branch, signed_in: SignIn, out: Path
) -> None:
    with pytest.raises(PermissionDenied):
        create_backup(signed_in(Role.AGENT), out)
    with pytest.raises(PermissionDenied):
        create_backup(signed_in(Role.AUDITOR), out)
    it = signed_in(Role.IT_ADMIN)
    with pytest.raises(BackupFolderRefused):
        create_backup(it, out / "not-there")
    with pytest.raises(Exception) as inside:
        create_backup(it, branch.ctx.paths.root)
    assert "data" in str(inside.value).lower() or "数据" in getattr(inside.value, "zh", "")
    assert not list(branch.ctx.paths.root.glob("*.bvbackup"))


def test_prune_keeps_generations_and_days_and_never_touches_other_files(
    branch: Branch, signed_in: SignIn, out: Path
) -> None:
    it = signed_in(Role.IT_ADMIN)
    clock = branch.ctx.clock
    made = []
    for _ in range(4):
        made.append(create_backup(it, out).path)
        clock.advance(86400)  # type: ignore[attr-defined]
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    (out / "OTHER-20260101-000000.bvbackup").write_bytes(b"not a zip")
    now = clock()
    removed = prune_backups(out, branch_id=it.config.branch_id, generations=2, keep_days=30, now=now)
    assert sorted(removed) == sorted(made[:2])
    assert (out / "notes.txt").exists() and (out / "OTHER-20260101-000000.bvbackup").exists()
    removed = prune_backups(out, branch_id=it.config.branch_id, generations=10, keep_days=1, now=now)
    assert removed == [made[2]]
    assert not prune_backups(out, branch_id="another-branch", generations=1, keep_days=1, now=now + 1e9)


def test_a_key_rotation_in_flight_or_an_interrupted_client_transaction_is_refused_not_copied(
    branch: Branch, signed_in: SignIn, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services import backups

    monkeypatch.setattr(backups, "ROTATION_WAIT_SECONDS", 0.2)
    it = signed_in(Role.IT_ADMIN)
    paths = branch.ctx.paths
    paths.key_slots_pending.write_bytes(paths.key_slots.read_bytes())  # a rekey between its two steps
    with pytest.raises(backups.BackupBusy):
        create_backup(it, out)
    paths.key_slots_pending.unlink()
    journal = paths.root / "clients.db-journal"
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(504))  # a hot journal a crash left
    with pytest.raises(backups.BackupBusy) as refused:
        create_backup(it, out)
    assert "经理或经纪人登录一次" in refused.value.zh
    journal.write_bytes(b"")  # rolled back at a holder's sign-in: TRUNCATE mode leaves it empty
    assert create_backup(it, out).path.exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    failures = [
        e for e in AuditRepository(it.db).iter_all() if e.action == "backup.create" and e.outcome == "failure"
    ]
    assert len(failures) == 2


def test_a_staff_write_during_the_backup_waits_and_then_succeeds(
    branch: Branch, signed_in: SignIn, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    from desktop_app.store import backup_archive

    manager, it = signed_in(Role.MANAGER), signed_in(Role.IT_ADMIN)
    copying = threading.Event()
    real_copy = backup_archive.copy_with_hash

    def slow_copy(source: Path, target: Path) -> tuple[int, str]:
        copying.set()
        time.sleep(0.3)
        return real_copy(source, target)

    monkeypatch.setattr(backup_archive, "copy_with_hash", slow_copy)
    made: list[int] = []

    def write() -> None:
        copying.wait(5)
        made.append(create_client(manager, ClientDraft(name="司马光明", phone="13611112222")).id)

    worker = threading.Thread(target=write)
    worker.start()
    result = create_backup(it, out)
    worker.join(20)
    assert made  # it waited for the copy, then committed
    username, password = branch.users[Role.MANAGER]
    from desktop_app.services.backups import open_backup

    with open_backup(branch.context(), result.path, username=username, password=password) as opened:
        assert opened.clients_checked and opened.db is not None
        count = opened.db.execute(
            "SELECT count(*) FROM client_data.clients WHERE id = ?", (made[0],)
        ).fetchone()[0]
    assert count == 0  # the backup is the moment before that write, not half of it


def test_verify_works_in_a_private_folder_outside_the_data_directory_and_removes_it(
    branch: Branch, signed_in: SignIn, out: Path
) -> None:
    from desktop_app.services.backups import open_backup

    result = create_backup(signed_in(Role.IT_ADMIN), out)
    live = sorted((p.name, p.stat().st_mtime_ns) for p in branch.ctx.paths.root.iterdir())
    username, password = branch.users[Role.IT_ADMIN]
    with open_backup(branch.context(), result.path, username=username, password=password) as opened:
        work = opened.work
        assert stat.S_IMODE(work.stat().st_mode) == 0o700
        assert branch.ctx.paths.root not in work.parents
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in work.iterdir() if p.is_file())
    assert not work.exists()
    assert sorted((p.name, p.stat().st_mtime_ns) for p in branch.ctx.paths.root.iterdir()) == live
