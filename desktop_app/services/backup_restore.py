"""Restoring a backup: into a new folder, or in place of the live data after keeping it aside.

Rule (issue 15 §3; GB/T 22239-2019 8.1.4.9 recovery; PIPL Art. 47):
- the backup is opened and verified first with the restorer's own slot in it (an IT administrator's
  password, which needs this PC's device secret, or the database recovery code with the IT
  administrator's name); a backup that fails any check is never restored;
- ``target``: a folder that is absent or empty receives a complete branch; the live data is not
  touched. ``replace_current``: the live folder is first renamed to the sibling
  ``<data dir>.before-restore-<YYYYMMDD-HHMMSS>`` (0700, nothing deleted), then the restored folder
  takes its place. The files are extracted into a hidden sibling folder and renamed into place, so
  a crash leaves either the old folder or the new one. The current ``signin-state.json`` (the
  lockout counts and the failures not yet written to the log) and ``user-settings.toml`` stay;
- the restored branch is opened through the normal path (an older schema is migrated there, with
  store/migration_backup.py's copy) and ``backup.restored`` is appended to its audit log: the chain
  continues from the backup's head and names the head of the log it replaced and where the old data
  was kept. The keyring's audit-head witness is then moved to the new head on purpose (when the
  restored folder is the branch this PC opens), so no false rollback alarm follows, while the
  rollback itself stays on record;
- destructions made after the backup (read from the data being replaced, when it still opens with
  the same credentials) are kept pending in the restored branch and carried out by the next holder
  of the client-data key (services/backup_destructions.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.audit_chain import ChainHead
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.output_targets import is_within
from desktop_app.domain.recovery_code import normalize_code
from desktop_app.domain.roles import Role
from desktop_app.services.backup_opening import integrity_findings, open_backup, verification_of
from desktop_app.services.backup_results import BackupVerificationFailed, RestoreResult
from desktop_app.services.backups import file_stamp
from desktop_app.services.context import AppContext
from desktop_app.store import backup_archive
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.audit_witness import WitnessKeyring
from desktop_app.store.backup_repository import BackupRepository
from desktop_app.store.branch_config import load_config
from desktop_app.store.data_dir import DataPaths, fsync_dir
from desktop_app.store.database import Database
from desktop_app.store.device_secret import KeyringUnavailable
from desktop_app.store.key_slots import RECOVERY_NAME, SlotOpenFailed
from desktop_app.store.staff_repository import StaffRepository
from desktop_app.store.unlock import unlock

KEPT_FILES = ("signin-state.json", "user-settings.toml")


class RestoreRefused(BranchVaultError):
    code = "restore_refused"


@dataclass(frozen=True)
class _NewerDestruction:
    record_id: int
    client_id: int
    client_pseudonym: str
    destroyed_at: str


@dataclass(frozen=True)
class _LiveFacts:
    head_seq: int
    newer: tuple[_NewerDestruction, ...]


def _not_restorer() -> RestoreRefused:
    return RestoreRefused(
        "只有备份中在职的 IT 管理员可以恢复备份（用其密码，或用数据库恢复码并写明其用户名）。",
        "Only an IT administrator who is active in the backup can restore it (with their password, or "
        "with the database recovery code and their username).",
    )


def _target_not_empty(path: Path) -> RestoreRefused:
    return RestoreRefused(
        f"恢复目标 {path} 不是空文件夹。请指定一个不存在或空的文件夹，以免覆盖任何东西。",
        f"The restore target {path} is not an empty folder. Give a folder that does not exist or is "
        "empty, so nothing is overwritten.",
    )


def _device_secret(ctx: AppContext, branch_id: str, use_keyring: bool) -> bytes | None:
    if not use_keyring:
        return None
    try:
        return ctx.secrets.get(branch_id)
    except BranchVaultError:
        return None


def _open_with_credentials(
    paths: DataPaths, branch_id: str, ctx: AppContext, *, username: str, password: str, recovery_code: str
) -> Database:
    if recovery_code:
        code = normalize_code(recovery_code)
        return unlock(paths, branch_id, RECOVERY_NAME, code, None, recovery=True).database
    use_keyring = load_config(paths.config).use_keyring
    secret = _device_secret(ctx, branch_id, use_keyring)
    return unlock(paths, branch_id, username, password, secret).database


def _live_facts(
    ctx: AppContext,
    branch_id: str,
    known_pseudonyms: set[str],
    *,
    username: str,
    password: str,
    recovery_code: str,
) -> _LiveFacts | None:
    """The live log's head and its destructions the backup lacks, or None if the live branch is
    not there or does not open with the same credentials (a disaster: nothing to compare)."""
    paths = ctx.paths
    if not paths.database.exists() or not paths.key_slots.exists() or not paths.config.exists():
        return None
    try:
        if load_config(paths.config).branch_id != branch_id:
            return None
        db = _open_with_credentials(
            paths, branch_id, ctx, username=username, password=password, recovery_code=recovery_code
        )
    except (BranchVaultError, SlotOpenFailed, OSError, ValueError):
        return None
    try:
        head = AuditRepository(db).head()
        rows = db.execute(
            "SELECT d.id, d.client_pseudonym, d.destroyed_at, (SELECT a.target_id FROM audit_log a "
            "WHERE a.action = 'client.delete' AND a.outcome = 'success' "
            "AND json_extract(a.details, '$.record_id') = d.id ORDER BY a.seq LIMIT 1) "
            "FROM destruction_records d ORDER BY d.id"
        ).fetchall()
    finally:
        db.close()
    newer = tuple(
        _NewerDestruction(int(row[0]), _int(row[3]), str(row[1]), str(row[2]))
        for row in rows
        if str(row[1]) not in known_pseudonyms
    )
    return _LiveFacts(head.seq if head else 0, newer)


def _int(value: object) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


def _extract_checked(path: Path, folder: Path, manifest: dict[str, object]) -> None:
    """Extract the members again (the originals, not the copy verify opened and may have migrated)
    and check each against the manifest verify authenticated."""
    members = manifest.get("members")
    assert isinstance(members, dict)
    found = backup_archive.extract_members(path, folder)
    for name, (size, digest, error) in found.items():
        entry = members.get(name)
        if not isinstance(entry, dict) or error or entry.get("sha256") != digest or entry.get("size") != size:
            raise RestoreRefused(
                f"备份文件在验证后发生了变化（{name}），未恢复任何东西。",
                f"The backup file changed after it was verified ({name}); nothing was restored.",
            )


def _copy_kept_files(source: Path, staging: Path) -> None:
    for name in KEPT_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, staging / name)


def _sibling_dir(dest: Path, label: str) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.{label}-", dir=str(dest.parent)))
    os.chmod(staging, 0o700)
    return staging


def restore(
    ctx: AppContext,
    path: Path,
    *,
    username: str,
    password: str = "",
    recovery_code: str = "",
    target: Path | None = None,
    replace_current: bool = False,
) -> RestoreResult:
    if replace_current == (target is not None):
        raise InvalidInput(
            "请指定恢复到新的文件夹（--data-dir），或确认替换当前数据（--replace-current --yes），二者选一。",
            "Restore either into a new folder (--data-dir) or in place of the current data "
            "(--replace-current --yes), one of the two.",
        )
    username = username.strip()
    if not username:
        raise _not_restorer()
    with open_backup(ctx, path, username=username, password=password, recovery_code=recovery_code) as opened:
        verification = verification_of(path, opened, integrity_findings(opened))
        if not verification.ok or opened.db is None:
            raise BackupVerificationFailed(verification)
        staff = StaffRepository(opened.db).get(username)
        if staff is None or not staff.active or staff.role is not Role.IT_ADMIN:
            raise _not_restorer()
        known = {str(row[0]) for row in opened.db.execute("SELECT client_pseudonym FROM destruction_records")}
        manifest = opened.manifest
        branch_id = opened.branch_id
        use_keyring = load_config(opened.work / "branch.toml").use_keyring
    head = manifest.get("audit_head")
    backup_seq = int(head.get("seq", 0)) if isinstance(head, dict) else 0
    live = _live_facts(
        ctx, branch_id, known, username=username, password=password, recovery_code=recovery_code
    )
    now = ctx.clock()
    live_root = ctx.paths.root
    live_present = ctx.paths.database.exists()
    kept: Path | None = None
    if target is not None:
        dest = Path(os.path.realpath(os.path.expanduser(target)))
        if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
            raise _target_not_empty(Path(target))
        if live_present and is_within(dest, Path(os.path.realpath(live_root))):
            raise _target_not_empty(Path(target))
        dest.parent.mkdir(parents=True, exist_ok=True)
        staging = _sibling_dir(dest, "restoring")
        try:
            _extract_checked(path, staging, manifest)
            if live is not None:  # the live branch's lockout state goes on (same branch, same PC)
                _copy_kept_files(live_root, staging)
            if dest.exists():
                dest.rmdir()
            os.rename(staging, dest)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    else:
        dest = live_root
        dest.parent.mkdir(parents=True, exist_ok=True)
        staging = _sibling_dir(dest, "restoring")
        try:
            _extract_checked(path, staging, manifest)
            if dest.exists():
                kept = dest.with_name(f"{dest.name}.before-restore-{file_stamp(now)}")
                os.rename(dest, kept)
                os.chmod(kept, 0o700)
                _copy_kept_files(kept, staging)
            os.rename(staging, dest)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            if kept is not None and not dest.exists():
                os.rename(kept, dest)  # the live data goes back where the app looks for it
                kept = None
            raise
    fsync_dir(dest.parent)
    os.chmod(dest, 0o700)
    paths = DataPaths(dest)
    db = _open_with_credentials(
        paths, branch_id, ctx, username=username, password=password, recovery_code=recovery_code
    )
    try:
        run_id, new_head = _record_restore(
            db, ctx, staff.id, staff.username, path, dest, kept, backup_seq, live, manifest
        )
    finally:
        db.close()
    if use_keyring and (replace_current or not live_present or dest == Path(os.path.realpath(live_root))):
        with contextlib.suppress(KeyringUnavailable):  # a PC without a keyring has no witness to move
            WitnessKeyring(branch_id).write(new_head)
    if ctx.paths.root == dest:
        ctx.reload_config()
    return RestoreResult(
        data_dir=dest,
        kept_aside=kept,
        backup_audit_seq=backup_seq,
        replaced_audit_seq=live.head_seq if live else None,
        pending_destructions=len(live.newer) if live else 0,
        live_checked=live is not None,
        run_id=run_id,
    )


def _record_restore(
    db: Database,
    ctx: AppContext,
    staff_id: int,
    username: str,
    path: Path,
    dest: Path,
    kept: Path | None,
    backup_seq: int,
    live: _LiveFacts | None,
    manifest: dict[str, object],
) -> tuple[int, ChainHead]:
    now = ctx.clock()
    from desktop_app.domain.branch_time import utc_timestamp

    repo = BackupRepository(db)
    with db.transaction():
        run_id = repo.add_run(
            kind="restore",
            at=utc_timestamp(now),
            by_staff=staff_id,
            by_username=username,
            file_name=path.name,
            folder=str(path.parent),
            size=path.stat().st_size,
            sha256=backup_archive.file_sha256(path),
            audit_seq=backup_seq,
            ok=True,
        )
        for item in live.newer if live else ():
            repo.add_pending_destruction(
                record_id=item.record_id,
                client_id=item.client_id,
                client_pseudonym=item.client_pseudonym,
                destroyed_at=item.destroyed_at,
                restore_run=run_id,
            )
        AuditRepository(db).append(
            now=now,
            actor_id=staff_id,
            actor_username=username,
            actor_role=Role.IT_ADMIN.value,
            action="backup.restored",
            target_type="backup",
            target_id=path.name,
            details={
                "run_id": run_id,
                "backup_created_at": manifest.get("created_at"),
                "backup_audit_seq": backup_seq,
                "replaced_audit_seq": live.head_seq if live else None,
                "replaced_log_read": live is not None,
                "kept_aside": str(kept) if kept else None,
                "data_dir": str(dest),
                "pending_destructions": [
                    {
                        "record_id": item.record_id,
                        "client_id": item.client_id,
                        "client": item.client_pseudonym,
                        "destroyed_at": item.destroyed_at,
                    }
                    for item in (live.newer if live else ())
                ],
            },
        )
    head = AuditRepository(db).head()
    assert head is not None
    return run_id, head
