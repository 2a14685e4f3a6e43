"""Encrypted backups of the branch: create, verify, restore, retention (issue 15 §3).

Rule: a backup is one ``<branch code>-<YYYYMMDD-HHMMSS>.bvbackup`` file (store/backup_archive.py)
holding the encrypted ``branch.db`` and ``clients.db`` byte for byte, never decrypted, with
``keyslots.json``, ``branch.toml`` and a manifest authenticated under a key derived from the database
key. Reasons and how:

- *Consistent without plaintext.* Every write to the branch goes through ``db.transaction()``
  (``BEGIN IMMEDIATE``, rollback journals, not WAL), which takes the write lock on ``branch.db``
  first; a transaction that writes ``clients.db`` holds that lock too. The files are copied inside
  this session's own transaction, with the key-slot lock held (a database-key rotation changes
  ``branch.db`` and ``keyslots.json`` under it): nothing can commit meanwhile, so the copies are one
  consistent snapshot of encrypted pages. This is also how IT — who never holds the client-data key
  — backs up ``clients.db``. The two writes to clients.db that do not hold the branch lock are
  refused rather than copied half-done: a client-data key rotation in flight (its "next" grants are
  in branch.db; we wait up to ``ROTATION_WAIT_SECONDS``) and a client-data transaction a crash
  interrupted (a non-empty ``clients.db-journal``; a multi-file journal names a super-journal by its
  absolute path, so it cannot be carried to another folder). The files are copied to a private
  temporary folder under the lock (a local copy: the lock is held for that copy only, not for a slow
  USB disk or share) and the archive is written from there after the lock is released.
- *One file that says if it was touched.* The manifest lists each member's size and SHA-256 and is
  MACed under HKDF(database key): opening the backup with one of its own slots proves nothing was
  swapped (another branch's ``branch.db``, an older ``keyslots.json``).
- *Retention.* After every backup into a folder, ``prune_backups`` removes this branch's backups
  beyond the schedule's generations and any older than ``backup_keep_days`` (never anything else):
  a destroyed client's data leaves every backup in that folder within ``backup_keep_days``.
- *Verify never touches the live data*: the backup is extracted into a private temporary folder
  (0700, outside the data directory), opened with its own ``keyslots.json`` (a staff password slot,
  which needs this PC's device secret, or the recovery slot, which works on any PC), its manifest
  MAC and hashes checked, and the integrity check (services/integrity_check.py) run on the copy.

Opening and checking a backup is services/backup_opening.py, restoring services/backup_restore.py,
the result types services/backup_results.py; this module re-exports what the GUI and CLI use.

Legal basis: GB/T 22239-2019 level 3, 8.1.4.9 data backup and recovery (local backup and restore,
checked regularly); PIPL Art. 51 (security measures against loss) and Art. 47 (deletion reaches
backups within the retention period).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app import __version__
from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.cancellation import CancelToken, check
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.backup_opening import (
    KeySlotsDamaged,
    OpenedBackup,
    finding,
    integrity_findings,
    open_backup,
    private_temp_dir,
    verification_of,
)
from desktop_app.services.backup_results import (
    BackupBusy,
    BackupFolderRefused,
    BackupNotOpened,
    BackupResult,
    BackupStatus,
    BackupVerification,
    BackupVerificationFailed,
    RestoreResult,
    folder_missing,
    not_a_folder,
)
from desktop_app.services.context import AppContext
from desktop_app.services.signed_in import SignedIn
from desktop_app.store import backup_archive, migration_backup
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.backup_archive import BackupNotReadable, read_head
from desktop_app.store.backup_repository import BackupRepository, BackupRun
from desktop_app.store.client_key_repository import (
    NEXT_FINGERPRINT,
    ClientKeyRepository,
)
from desktop_app.store.database import DatabaseOpenError
from desktop_app.store.fault_points import fault_point
from desktop_app.store.key_slot_changes import slot_lock
from desktop_app.store.key_slots import (
    key_fingerprint,
    load_key_slots,
)
from desktop_app.store.output_paths import inspect_output

BACKUP_SUFFIX = backup_archive.SUFFIX
ROTATION_WAIT_SECONDS = 20.0


# --- creating ------------------------------------------------------------------------------


def backup_folder(out_dir: Path, data_dir: Path | None) -> Path:
    """The checked target folder: it exists, is a folder (not a device), and is not inside the
    data directory (store/output_paths.py, the same rule as every output)."""
    folder = Path(os.path.realpath(os.path.expanduser(out_dir)))
    try:
        mode = os.stat(folder).st_mode
    except FileNotFoundError:
        raise folder_missing(Path(out_dir)) from None
    if not stat.S_ISDIR(mode):
        raise not_a_folder(Path(out_dir))
    _, refusal = inspect_output(folder / "probe.bvbackup", data_dir)
    if refusal is not None:
        raise refusal
    return folder


def file_stamp(now: float) -> str:
    return datetime.fromtimestamp(now, BRANCH_TIME).strftime("%Y%m%d-%H%M%S")


@dataclass
class _Snapshot:
    head_seq: int
    head_hash: str
    schema_version: int
    members: dict[str, tuple[int, str]]
    files: dict[str, Path]
    hold_ms: int


def _rotation_in_flight(me: SignedIn) -> bool:
    paths = me.paths
    if paths.key_slots_pending.exists() or paths.key_slots_staged.exists():
        return True
    return ClientKeyRepository(me.db).text(NEXT_FINGERPRINT) is not None


def _rotation_busy() -> BackupBusy:
    return BackupBusy(
        "正在更换数据库密钥或客户资料密钥，暂时无法备份。请稍后再试；若一直如此，请经理或经纪人登录一次以完成被中断的密钥更换。",
        "A database or client-data key rotation is in progress, so no backup can be taken now. Try again "
        "shortly; if this persists, a manager or agent signs in once to finish the interrupted rotation.",
    )


def _interrupted_client_transaction() -> BackupBusy:
    return BackupBusy(
        "客户资料库（clients.db）中有一个被中断（如断电）的修改尚未回滚，现在备份会得到不一致的副本。"
        "请经理或经纪人登录一次（程序会自动回滚该修改），然后再备份。",
        "A change to client data (clients.db) was interrupted (a crash or power cut) and has not been "
        "rolled back yet, so a backup now would not be consistent. A manager or agent signs in once (the "
        "app rolls it back), then back up again.",
    )


def _copy_snapshot(me: SignedIn, staging: Path, cancel: CancelToken | None) -> _Snapshot:
    """Copy the branch's files under the key-slot lock (a database-key rotation), both files'
    migration locks (a failed migration puts its copy back outside any transaction) and this
    session's write transaction (every other write)."""
    paths, db = me.paths, me.db
    deadline = time.monotonic() + ROTATION_WAIT_SECONDS
    while True:
        check(cancel)
        with (
            slot_lock(paths),
            migration_backup.migration_lock(paths.database),
            migration_backup.migration_lock(paths.client_database),
            db.transaction(),
        ):
            if not _rotation_in_flight(me):
                journal = paths.root / "clients.db-journal"
                if not db.has_client_data and journal.exists() and journal.stat().st_size > 0:
                    raise _interrupted_client_transaction()
                slots = load_key_slots(paths.key_slots, me.config.branch_id)
                if key_fingerprint(me.session.db_key) != slots.key_fingerprint:
                    raise _rotation_busy()  # this session's key is not the file's: a rotation elsewhere
                started = time.monotonic()
                head = AuditRepository(db).head()
                version = int(db.execute("PRAGMA main.user_version").fetchone()[0])
                members: dict[str, tuple[int, str]] = {}
                files: dict[str, Path] = {}
                sources = {
                    "branch.db": paths.database,
                    "clients.db": paths.client_database,
                    "keyslots.json": paths.key_slots,
                    "branch.toml": paths.config,
                }
                for name, source in sources.items():
                    if name == "clients.db" and not source.exists():
                        continue  # client data not set up yet
                    files[name] = staging / name
                    members[name] = backup_archive.copy_with_hash(source, files[name])
                hold_ms = int((time.monotonic() - started) * 1000)
                fault_point("backup:copied-under-lock")
                return _Snapshot(
                    head.seq if head else 0, head.hash if head else "", version, members, files, hold_ms
                )
        if time.monotonic() > deadline:
            raise _rotation_busy()
        if cancel is not None:
            cancel.wait(0.5)
        else:
            time.sleep(0.5)


def _manifest(me: SignedIn, snapshot: _Snapshot, *, scheduled: bool, created_at: str) -> bytes:
    config = me.config
    manifest = {
        "format": backup_archive.FORMAT,
        "app_version": __version__,
        "branch_id": config.branch_id,
        "branch_code": config.branch_code,
        "branch_name": config.branch_name,
        "created_at": created_at,
        "created_by": me.session.username,
        "scheduled": scheduled,
        "schema_version": snapshot.schema_version,
        "audit_head": {"seq": snapshot.head_seq, "hash": snapshot.head_hash},
        "members": {
            name: {"size": size, "sha256": digest} for name, (size, digest) in snapshot.members.items()
        },
    }
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def create_backup(
    me: SignedIn,
    out_dir: Path,
    *,
    scheduled: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> BackupResult:
    """Write a backup of the branch into ``out_dir``; audited ``backup.create`` (a failure too, with
    outcome ``failure``). ``BACKUP_RUN`` unless ``scheduled`` (the app's own timer, any session)."""
    if not scheduled:
        check_permission(me, Action.BACKUP_RUN)
    folder = Path(out_dir)
    try:
        folder = backup_folder(Path(out_dir), me.paths.root)
        return _create(me, folder, scheduled=scheduled, progress=progress, cancel=cancel)
    except BranchVaultError as exc:
        _record_failure(me, folder, scheduled=scheduled, error=exc)
        raise


def _create(
    me: SignedIn,
    folder: Path,
    *,
    scheduled: bool,
    progress: Callable[[int, int], None] | None,
    cancel: CancelToken | None,
) -> BackupResult:
    config = me.config
    backup_archive.remove_stale_temp_files(folder, config.branch_code)
    staging = private_temp_dir(me.paths.root)
    try:
        snapshot = _copy_snapshot(me, staging, cancel)
        now = me.clock()
        created_at = me.now_utc()
        manifest = _manifest(me, snapshot, scheduled=scheduled, created_at=created_at)
        mac = backup_archive.manifest_mac(manifest, me.session.db_key, config.branch_id)
        path = backup_archive.write_archive(
            folder,
            backup_archive.backup_file_name(config.branch_code, file_stamp(now)),
            manifest,
            mac,
            snapshot.files.items(),
            progress=progress,
            check_cancel=None if cancel is None else cancel.raise_if_cancelled,
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    size = path.stat().st_size
    digest = backup_archive.file_sha256(path)
    db = me.db
    generations = BackupRepository(db).schedule().generations
    pruned = prune_backups(
        folder,
        branch_id=config.branch_id,
        generations=generations,
        keep_days=me.policy.backup_keep_days,
        now=now,
        keep=path,
    )
    with db.transaction():
        run_id = BackupRepository(db).add_run(
            kind="create",
            at=created_at,
            by_staff=me.session.staff_id,
            by_username=me.session.username,
            scheduled=scheduled,
            file_name=path.name,
            folder=str(folder),
            size=size,
            sha256=digest,
            audit_seq=snapshot.head_seq,
            ok=True,
        )
        record(
            me,
            "backup.create",
            target_type="backup",
            target_id=path.name,
            details={
                "run_id": run_id,
                "scheduled": scheduled,
                "size": size,
                "sha256": digest,
                "audit_seq": snapshot.head_seq,
                "lock_held_ms": snapshot.hold_ms,
                "pruned": [p.name for p in pruned],
            },
        )
    return BackupResult(
        path, size, digest, created_at, snapshot.head_seq, run_id, snapshot.hold_ms, tuple(pruned)
    )


def _record_failure(me: SignedIn, folder: Path, *, scheduled: bool, error: BranchVaultError) -> None:
    """A failed backup is kept in the history and the audit log (the schedule's alert reads it)."""
    with contextlib.suppress(BranchVaultError, DatabaseOpenError):
        db = me.db
        with db.transaction():
            run_id = BackupRepository(db).add_run(
                kind="create",
                at=me.now_utc(),
                by_staff=me.session.staff_id,
                by_username=me.session.username,
                scheduled=scheduled,
                folder=str(folder),
                ok=False,
                findings=[error.code],
            )
            record(
                me,
                "backup.create",
                target_type="backup",
                target_id=str(folder),
                outcome="failure",
                reason=error.code,
                details={"run_id": run_id, "scheduled": scheduled},
            )


# --- retention -----------------------------------------------------------------------------


def _created_ts(text: str) -> float | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC).timestamp()
    except (ValueError, AttributeError):
        return None


def prune_backups(
    folder: Path,
    *,
    branch_id: str,
    generations: int,
    keep_days: int,
    now: float,
    keep: Path | None = None,
) -> list[Path]:
    """Remove this branch's backups in ``folder`` beyond the newest ``generations`` and any older than
    ``keep_days``; return what was removed. Only ``*.bvbackup`` files whose manifest names
    ``branch_id`` are considered: another branch's backups and every other file stay. ``keep`` (the
    backup just written) is never removed."""
    found: list[tuple[float, Path]] = []
    for entry in Path(folder).iterdir():
        if not entry.name.endswith(BACKUP_SUFFIX) or entry.name.startswith(".") or not entry.is_file():
            continue
        try:
            head = read_head(entry)
        except BackupNotReadable:
            continue  # not ours to judge (a damaged file is reported by verify, not deleted)
        if head.manifest.get("branch_id") != branch_id:
            continue
        created = _created_ts(str(head.manifest.get("created_at", "")))
        if created is None:
            continue
        found.append((created, entry))
    found.sort(key=lambda item: item[0], reverse=True)
    removed: list[Path] = []
    for index, (created, entry) in enumerate(found):
        if keep is not None and entry == keep:
            continue
        if index >= max(1, generations) or now - created > keep_days * 86400:
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
                removed.append(entry)
    return removed


def backups_in_folder(me: SignedIn, folder: Path) -> list[tuple[str, str]]:
    """This branch's backups in ``folder``, newest first: (file name, created at). Unverified: the
    manifest is read without a key (verify checks it)."""
    check_permission(me, Action.SECOPS_VIEW)
    found: list[tuple[str, str]] = []
    for entry in sorted(Path(folder).glob("*" + BACKUP_SUFFIX)):
        try:
            head = read_head(entry)
        except BackupNotReadable:
            continue
        if head.manifest.get("branch_id") == me.config.branch_id:
            found.append((entry.name, str(head.manifest.get("created_at", ""))))
    return sorted(found, key=lambda item: item[1], reverse=True)


def verify_backup(
    ctx: AppContext | SignedIn,
    path: Path,
    *,
    username: str = "",
    password: str = "",
    recovery_code: str = "",
    work_dir: Path | None = None,
    record_run: bool = True,
) -> BackupVerification:
    """Open the backup in a private temporary folder and check everything (never the live data).
    Given a signed-in session it records a ``backup_runs`` row and a ``backup.verify`` audit entry
    (``BACKUP_RUN`` needed; ``record_run=False`` for a drill, which ``record_drill`` records); with neither password nor recovery code, the session's own database key
    opens a backup taken since the last key rotation (the app's scheduled verify)."""
    me = ctx if isinstance(ctx, SignedIn) else None
    context = me.context if me is not None else ctx
    assert isinstance(context, AppContext)
    if me is not None:
        check_permission(me, Action.BACKUP_RUN)
        if not username and not recovery_code:
            username = me.session.username
    key = me.session.db_key if me is not None and not password and not recovery_code else None
    path = Path(path)
    try:
        with open_backup(
            context,
            path,
            username=username,
            password=password,
            recovery_code=recovery_code,
            db_key=key,
            work_dir=work_dir,
        ) as opened:
            verification = verification_of(path, opened, integrity_findings(opened))
    except KeySlotsDamaged as exc:
        verification = verification_of(path, None, exc.findings)
    except BackupNotReadable as exc:
        verification = verification_of(
            path, None, [finding("backup:file", False, exc.zh, exc.en, exc.detail)]
        )
    if me is not None and record_run:
        verification = _record_run(me, "verify", verification)
    return verification


def _record_run(me: SignedIn, kind: str, verification: BackupVerification) -> BackupVerification:
    db = me.db
    audit_head = verification.manifest.get("audit_head") if verification.manifest else None
    seq = int(audit_head.get("seq", 0)) if isinstance(audit_head, dict) else 0
    problems = [p.name for p in verification.problems]
    with db.transaction():
        run_id = BackupRepository(db).add_run(
            kind=kind,
            at=me.now_utc(),
            by_staff=me.session.staff_id,
            by_username=me.session.username,
            file_name=verification.path.name,
            folder=str(verification.path.parent),
            size=verification.size,
            sha256=verification.sha256,
            audit_seq=seq,
            ok=verification.ok,
            findings=problems,
        )
        record(
            me,
            f"backup.{kind}",
            target_type="backup",
            target_id=verification.path.name,
            outcome="success" if verification.ok else "failure",
            details={
                "run_id": run_id,
                "audit_seq": seq,
                "problems": problems,
                "clients_checked": verification.clients_checked,
            },
        )
    return BackupVerification(
        verification.ok,
        verification.findings,
        verification.manifest,
        verification.path,
        verification.clients_checked,
        run_id,
        verification.sha256,
        verification.size,
    )


def record_drill(me: SignedIn, path: Path, verification: BackupVerification) -> int:
    """Record a restore drill (the backup restored to a temporary place and verified, then
    discarded): ``backup_runs`` kind ``drill`` and the ``backup.drill`` audit entry."""
    check_permission(me, Action.BACKUP_RUN)
    done = _record_run(
        me,
        "drill",
        BackupVerification(
            verification.ok,
            verification.findings,
            verification.manifest,
            Path(path),
            verification.clients_checked,
            None,
            verification.sha256,
            verification.size,
        ),
    )
    assert done.recorded_run is not None
    return done.recorded_run


# --- restoring -----------------------------------------------------------------------------


def restore_backup(
    ctx: AppContext,
    path: Path,
    *,
    username: str,
    password: str = "",
    recovery_code: str = "",
    target: Path | None = None,
    replace_current: bool = False,
) -> RestoreResult:
    """Restore ``path`` into the empty folder ``target``, or in place of the live data
    (``replace_current``; the live files are moved aside first). See services/backup_restore.py."""
    from desktop_app.services.backup_restore import restore

    return restore(
        ctx,
        Path(path),
        username=username,
        password=password,
        recovery_code=recovery_code,
        target=target,
        replace_current=replace_current,
    )


# --- status --------------------------------------------------------------------------------


def backup_status(me: SignedIn) -> BackupStatus:
    """The last backup created, verified (a verify or a drill) and drilled, and whether the branch
    is overdue: no verified backup within ``backup_max_age_days``, no drill within
    ``restore_drill_days``. Anyone who can open the Security area reads it."""
    check_permission(me, Action.SECOPS_VIEW)
    repo = BackupRepository(me.db)
    created = repo.last_run("create")
    verified_runs = [run for run in (repo.last_run("verify"), repo.last_run("drill")) if run is not None]
    verified = max(verified_runs, key=lambda run: run.id) if verified_runs else None
    drill = repo.last_run("drill")
    now = me.clock()
    policy = me.policy

    def older_than(run: BackupRun | None, days: int) -> bool:
        when = _created_ts(run.at) if run is not None else None
        return when is None or now - when > days * 86400

    return BackupStatus(
        last_created=created,
        last_verified=verified,
        last_drill=drill,
        backup_overdue=older_than(verified, policy.backup_max_age_days),
        drill_overdue=older_than(drill, policy.restore_drill_days),
        schedule=repo.schedule(),
        recent=tuple(repo.runs(limit=20)),
    )


__all__ = [
    "BackupBusy",
    "BackupFolderRefused",
    "BackupNotOpened",
    "BackupResult",
    "BackupStatus",
    "BackupVerification",
    "BackupVerificationFailed",
    "OpenedBackup",
    "RestoreResult",
    "backup_folder",
    "backup_status",
    "backups_in_folder",
    "create_backup",
    "integrity_findings",
    "open_backup",
    "prune_backups",
    "record_drill",
    "restore_backup",
    "verify_backup",
]
