"""Backups under faults (issue 15 §3): a process killed mid-backup leaves no ``.bvbackup`` (only a
temporary file the next backup removes) or a complete one that verifies; a full disk is said clearly
and leaves nothing half-written; a corrupted backup names the damaged member; a backup from an older
schema restores and opens migrated."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.backups import create_backup, restore_backup, verify_backup
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.client_intake import create_client
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store import backup_archive, migrations
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.backup_archive import BackupDiskFull
from desktop_app.store.fault_points import EXIT_CODE, PAUSE_ENV
from tests.cli.support import ROOT, cli_env, lines, run_cli
from tests.conftest import ADMIN, FAST_KDF, Branch, Clock
from tests.support.database_key import database_key

SignIn = Callable[[Role], SignedIn]


def _cli_backup(branch: Branch, out: Path, fault: str | None = None) -> Any:
    username, password = branch.users[Role.IT_ADMIN]
    env = {"BRANCHVAULT_FAULT_AT": fault} if fault else None
    return run_cli(
        "backup", "create", "--out", str(out), "--data-dir", str(branch.ctx.paths.root), "--as", username,
        "--password-stdin", "--json", stdin=lines(password), env=env,
    )  # fmt: skip


@pytest.mark.parametrize(
    "fault",
    ["backup:member-written:branch.db", "backup:member-written:clients.db", "backup:before-rename"],
)
def test_a_backup_killed_midway_leaves_no_backup_file_and_the_next_one_cleans_up(
    branch: Branch, tmp_path: Path, fault: str
) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    killed = _cli_backup(branch, out, fault)
    assert killed.returncode == EXIT_CODE, str(killed)
    assert not list(out.glob("*.bvbackup"))
    left = [p.name for p in out.iterdir()]
    assert len(left) == 1 and left[0].startswith(".SZ001-") and left[0].endswith(".part")
    done = _cli_backup(branch, out)  # the live branch is not locked by the killed process
    assert done.returncode == 0, str(done)
    assert sorted(p.name for p in out.iterdir()) == [Path(done.json()["file"]).name]
    username, password = branch.users[Role.IT_ADMIN]
    assert verify_backup(branch.context(), Path(done.json()["file"]), username=username, password=password).ok


@pytest.mark.parametrize(
    "point", ["backup:copied-under-lock", "backup:member-written:clients.db", "backup:before-rename"]
)
def test_kill_9_during_a_backup_leaves_the_branch_working_and_no_backup_file(
    branch: Branch, tmp_path: Path, point: str
) -> None:
    """``kill -9`` (SIGKILL) of a real ``branchvault backup create`` while it holds the branch's write
    lock, while it writes the archive, and just before the rename: no ``.bvbackup`` appears, the lock
    dies with the process (the agent saves a client at once), and the next backup is complete."""
    out = tmp_path / "usb"
    out.mkdir()
    marker = tmp_path / "paused"
    username, password = branch.users[Role.IT_ADMIN]
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "backup", "create", "--out", str(out), "--data-dir",
         str(branch.ctx.paths.root), "--as", username, "--password-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=cli_env({PAUSE_ENV: f"{point}={marker}"}), cwd=ROOT,
    )  # fmt: skip
    assert proc.stdin is not None
    proc.stdin.write(lines(password))
    proc.stdin.close()
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert not list(out.glob("*.bvbackup"))
    agent = sign_in(branch.context(), *branch.users[Role.AGENT])
    try:  # the killed process's write lock is gone: a client is saved at once, not "busy"
        create_client(agent, ClientDraft(name="李四", phone="13800138000"))
    finally:
        sign_out(agent)
    done = _cli_backup(branch, out)
    assert done.returncode == 0, str(done)
    assert sorted(p.name for p in out.iterdir()) == [Path(done.json()["file"]).name]  # the .part went
    assert verify_backup(branch.context(), Path(done.json()["file"]), username=username, password=password).ok


class _FullDisk(io.RawIOBase):
    """A file that takes ``room`` bytes, then fails like a full disk."""

    def __init__(self, real: Any, room: int) -> None:
        self.real, self.room = real, room

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.real.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return int(self.real.write(data))

    def seek(self, offset: int, whence: int = 0) -> int:
        return int(self.real.seek(offset, whence))

    def tell(self) -> int:
        return int(self.real.tell())

    def flush(self) -> None:
        if not self.real.closed:
            self.real.flush()

    def fileno(self) -> int:
        return int(self.real.fileno())

    def close(self) -> None:
        self.real.close()
        super().close()


def _assert_disk_full(me: SignedIn, out: Path) -> None:
    with pytest.raises(BackupDiskFull) as raised:
        create_backup(me, out)
    assert "空间不足" in raised.value.zh and "full" in raised.value.en
    assert not [p for p in out.iterdir() if p.name.endswith((".bvbackup", ".part"))]
    failed = [e for e in AuditRepository(me.db).iter_all() if e.action == "backup.create"][-1]
    assert failed.outcome == "failure" and failed.reason == "backup_disk_full"


def test_a_full_disk_is_said_clearly_and_leaves_nothing(
    signed_in: SignIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    me = signed_in(Role.IT_ADMIN)
    real_open = backup_archive._open_new_file
    monkeypatch.setattr(backup_archive, "_open_new_file", lambda path: _FullDisk(real_open(path), 64 * 1024))
    _assert_disk_full(me, out)


@contextlib.contextmanager
def _small_tmpfs(path: Path, size: str) -> Iterator[None]:
    path.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root); the injected ENOSPC test covers it")
    try:
        yield
    finally:
        subprocess.run(["umount", str(path)], check=False)


def test_a_real_full_file_system(signed_in: SignIn, tmp_path: Path) -> None:
    out = tmp_path / "tiny"
    with _small_tmpfs(out, "128k"):
        _assert_disk_full(signed_in(Role.IT_ADMIN), out)


def _member_span(path: Path, member: str) -> tuple[int, int]:
    """Where ``member``'s stored bytes are in the archive."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    with path.open("rb") as handle:
        handle.seek(info.header_offset + 26)
        name_len = int.from_bytes(handle.read(2), "little")
        extra_len = int.from_bytes(handle.read(2), "little")
    start = info.header_offset + 30 + name_len + extra_len
    return start, info.compress_size


@pytest.mark.parametrize("member", ["branch.db", "clients.db", "keyslots.json", "branch.toml"])
def test_a_flipped_byte_in_any_member_is_named(
    branch: Branch, signed_in: SignIn, tmp_path: Path, member: str
) -> None:
    good = create_backup(signed_in(Role.IT_ADMIN), tmp_path).path
    damaged = tmp_path / "damaged.bvbackup"
    data = bytearray(good.read_bytes())
    start, size = _member_span(good, member)
    middle = start + size // 2
    data[middle] ^= 0x5A
    damaged.write_bytes(bytes(data))
    username, password = branch.users[Role.IT_ADMIN]
    checked = verify_backup(branch.context(), damaged, username=username, password=password)
    assert not checked.ok
    assert f"backup:{member}" in [p.name for p in checked.problems], [p.name for p in checked.problems]


def _rewrite(source: Path, target: Path, replace: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info.filename)))


def test_a_swapped_member_is_named_even_with_the_manifest_fixed_up(
    branch: Branch, signed_in: SignIn, tmp_path: Path
) -> None:
    it = signed_in(Role.IT_ADMIN)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    older = create_backup(it, tmp_path / "a").path
    branch.ctx.clock.advance(60)  # type: ignore[attr-defined]
    newer = create_backup(it, tmp_path / "b").path
    with zipfile.ZipFile(older) as archive:
        old_db = archive.read("branch.db")
    with zipfile.ZipFile(newer) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    username, password = branch.users[Role.IT_ADMIN]
    swapped = tmp_path / "swapped.bvbackup"
    _rewrite(newer, swapped, {"branch.db": old_db})
    checked = verify_backup(branch.context(), swapped, username=username, password=password)
    assert "backup:branch.db" in [p.name for p in checked.problems]
    # whoever swaps it and rewrites the manifest's hash cannot make the MAC match
    import hashlib

    manifest["members"]["branch.db"] = {"size": len(old_db), "sha256": hashlib.sha256(old_db).hexdigest()}
    forged = tmp_path / "forged.bvbackup"
    _rewrite(newer, forged, {"branch.db": old_db, "manifest.json": json.dumps(manifest).encode()})
    checked = verify_backup(branch.context(), forged, username=username, password=password)
    assert [p.name for p in checked.problems] == ["backup:manifest.mac"]


def test_an_older_keyslots_file_is_named(branch: Branch, signed_in: SignIn, tmp_path: Path) -> None:
    it = signed_in(Role.IT_ADMIN)
    (tmp_path / "a").mkdir()
    older = create_backup(it, tmp_path / "a").path
    from desktop_app.services.key_rotation import rotate_database_key

    rotate_database_key(it)
    newer = create_backup(it, tmp_path).path
    with zipfile.ZipFile(older) as archive:
        old_slots = archive.read("keyslots.json")
    swapped = tmp_path / "old-slots.bvbackup"
    _rewrite(newer, swapped, {"keyslots.json": old_slots})
    username, password = branch.users[Role.IT_ADMIN]
    checked = verify_backup(branch.context(), swapped, username=username, password=password)
    assert "backup:keyslots.json" in [p.name for p in checked.problems]


def test_a_backup_from_an_older_schema_restores_and_opens_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _test_keyring: Path
) -> None:
    old_version = migrations.MIGRATIONS.index(migrations._m023_backups)  # before the backup tables
    data_dir = tmp_path / "old-branch"
    clock = Clock()
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "LATEST_VERSION", old_version)
        result = init_branch(
            build_context(data_dir, clock=clock),
            BranchDetails("SZ009", "旧版门店", "示例地产经纪有限公司", "400-000-0000"),
            admin_username=ADMIN[0],
            admin_display_name="IT",
            admin_password=ADMIN[1],
            kdf=FAST_KDF,
        )
        sign_out(result.signed_in)
    branch_id = result.config.branch_id
    key = database_key(data_dir, *ADMIN)
    files = {name: data_dir / name for name in ("branch.db", "keyslots.json", "branch.toml")}
    members = {name: (path.stat().st_size, backup_archive.file_sha256(path)) for name, path in files.items()}
    manifest = json.dumps(
        {
            "format": 1,
            "branch_id": branch_id,
            "branch_code": "SZ009",
            "created_at": "2027-01-15T02:00:00Z",
            "created_by": ADMIN[0],
            "schema_version": old_version,
            "audit_head": {"seq": 0, "hash": ""},
            "members": {n: {"size": s, "sha256": h} for n, (s, h) in members.items()},
        }
    ).encode()
    (tmp_path / "out").mkdir()
    path = backup_archive.write_archive(
        tmp_path / "out",
        "SZ009-20270115-100000.bvbackup",
        manifest,
        backup_archive.manifest_mac(manifest, key, branch_id),
        files.items(),
    )
    target = tmp_path / "restored"
    restored = restore_backup(
        build_context(data_dir, clock=clock), path, username=ADMIN[0], password=ADMIN[1], target=target
    )
    assert restored.data_dir == target.resolve()
    me = sign_in(build_context(target, clock=clock), *ADMIN)
    try:
        assert migrations.current_version(me.db) == migrations.LATEST_VERSION > old_version
        assert [e.action for e in AuditRepository(me.db).iter_all()][-2:][-1] in {
            "backup.restored",
            "auth.sign_in",
        }
        assert "backup.restored" in [e.action for e in AuditRepository(me.db).iter_all()]
    finally:
        sign_out(me)
