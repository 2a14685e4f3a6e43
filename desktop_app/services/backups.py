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
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app import __version__
from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.cancellation import CancelToken, check
from desktop_app.domain.errors import BranchVaultError, InvalidInput, WrongCredentials
from desktop_app.domain.permissions import Action
from desktop_app.domain.recovery_code import normalize_code
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.context import AppContext
from desktop_app.services.integrity_check import CheckFinding, IntegrityReport, check_open_database
from desktop_app.services.signed_in import SignedIn
from desktop_app.store import backup_archive
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.backup_archive import BackupNotReadable, read_head
from desktop_app.store.backup_repository import BackupRepository, BackupRun, BackupSchedule
from desktop_app.store.branch_config import load_config
from desktop_app.store.client_key_repository import (
    CURRENT,
    FINGERPRINT,
    NEXT_FINGERPRINT,
    ClientKeyRepository,
)
from desktop_app.store.client_keys import GrantOpenFailed, open_client_key
from desktop_app.store.data_dir import DataPaths
from desktop_app.store.database import Database, DatabaseOpenError, open_database
from desktop_app.store.device_secret import DeviceSecretMissing, KeyringUnavailable
from desktop_app.store.key_slot_changes import slot_lock
from desktop_app.store.key_slots import (
    KeySlotFile,
    KeySlotFileError,
    SlotOpenFailed,
    X25519PrivateKey,
    key_fingerprint,
    load_key_slots,
    open_slot_full,
)
from desktop_app.store.output_paths import inspect_output
from desktop_app.store.staff_repository import StaffRepository

BACKUP_SUFFIX = backup_archive.SUFFIX
ROTATION_WAIT_SECONDS = 20.0
TEMP_PREFIX = "branchvault-backup-"


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    sha256: str
    created_at: str
    audit_seq: int
    run_id: int
    lock_held_ms: int = 0
    pruned: tuple[Path, ...] = ()


@dataclass(frozen=True)
class BackupVerification:
    """``findings`` holds the archive's own checks (``backup:…``) and the integrity check run on the
    opened copy. ``clients_checked``: clients.db's contents were checked (the opener holds the
    client-data key); otherwise only its hash against the signed manifest was."""

    ok: bool
    findings: IntegrityReport
    manifest: dict[str, Any]
    path: Path
    clients_checked: bool = False
    recorded_run: int | None = None
    sha256: str = ""
    size: int = 0

    @property
    def problems(self) -> tuple[CheckFinding, ...]:
        return self.findings.problems


@dataclass(frozen=True)
class RestoreResult:
    data_dir: Path
    kept_aside: Path | None
    backup_audit_seq: int
    replaced_audit_seq: int | None
    pending_destructions: int = 0
    live_checked: bool = False
    run_id: int = 0


@dataclass(frozen=True)
class BackupStatus:
    last_created: BackupRun | None
    last_verified: BackupRun | None
    last_drill: BackupRun | None
    backup_overdue: bool
    drill_overdue: bool
    schedule: BackupSchedule
    recent: tuple[BackupRun, ...] = field(default_factory=tuple)


# --- errors --------------------------------------------------------------------------------


class BackupFolderRefused(BranchVaultError):
    code = "backup_folder_refused"


def _folder_missing(folder: Path) -> BackupFolderRefused:
    return BackupFolderRefused(
        f"备份文件夹 {folder} 不存在（U 盘或网络共享是否已连接？）。请先连接或创建它。",
        f"The backup folder {folder} does not exist (is the USB disk or network share connected?). "
        "Connect or create it first.",
    )


def _not_a_folder(folder: Path) -> BackupFolderRefused:
    return BackupFolderRefused(
        f"{folder} 不是文件夹，不能把备份写到那里。",
        f"{folder} is not a folder; a backup cannot be written there.",
    )


class BackupBusy(BranchVaultError):
    code = "backup_busy"


class BackupNotOpened(BranchVaultError):
    code = "backup_not_opened"


class BackupVerificationFailed(BranchVaultError):
    code = "backup_verification_failed"

    def __init__(self, verification: BackupVerification) -> None:
        self.verification = verification
        names = ", ".join(problem.name for problem in verification.problems)
        super().__init__(
            f"备份文件 {verification.path.name} 未通过验证：{names}。不要用它恢复，请使用另一份备份。",
            f"The backup file {verification.path.name} failed verification: {names}. Do not restore "
            "from it; use another backup.",
        )


# --- creating ------------------------------------------------------------------------------


def backup_folder(out_dir: Path, data_dir: Path | None) -> Path:
    """The checked target folder: it exists, is a folder (not a device), and is not inside the
    data directory (store/output_paths.py, the same rule as every output)."""
    folder = Path(os.path.realpath(os.path.expanduser(out_dir)))
    try:
        mode = os.stat(folder).st_mode
    except FileNotFoundError:
        raise _folder_missing(Path(out_dir)) from None
    if not stat.S_ISDIR(mode):
        raise _not_a_folder(Path(out_dir))
    _, refusal = inspect_output(folder / "probe.bvbackup", data_dir)
    if refusal is not None:
        raise refusal
    return folder


def _stamp(now: float) -> str:
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
    """Copy the branch's files under the key-slot lock and this session's write transaction."""
    paths, db = me.paths, me.db
    deadline = time.monotonic() + ROTATION_WAIT_SECONDS
    while True:
        check(cancel)
        with slot_lock(paths), db.transaction():
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


def _private_temp_dir(data_dir: Path | None, work_dir: Path | None = None) -> Path:
    """A new 0700 folder for copies of encrypted files, never inside a data directory."""
    path = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=str(work_dir) if work_dir else None))
    os.chmod(path, 0o700)
    _, refusal = inspect_output(path / "probe", data_dir)
    if refusal is not None:
        shutil.rmtree(path, ignore_errors=True)
        raise refusal
    return path


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
    staging = _private_temp_dir(me.paths.root)
    try:
        snapshot = _copy_snapshot(me, staging, cancel)
        now = me.clock()
        created_at = me.now_utc()
        manifest = _manifest(me, snapshot, scheduled=scheduled, created_at=created_at)
        mac = backup_archive.manifest_mac(manifest, me.session.db_key, config.branch_id)
        path = backup_archive.write_archive(
            folder,
            backup_archive.backup_file_name(config.branch_code, _stamp(now)),
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


# --- opening and verifying -----------------------------------------------------------------


@dataclass
class OpenedBackup:
    """A backup extracted into a private folder and opened with one of its own slots."""

    path: Path
    work: Path
    manifest: dict[str, Any]
    slots: KeySlotFile
    db_key: bytes
    private: X25519PrivateKey | None
    db: Database | None
    findings: list[CheckFinding]
    extracted: dict[str, tuple[int, str, str]]
    clients_checked: bool = False

    @property
    def paths(self) -> DataPaths:
        return DataPaths(self.work)

    @property
    def branch_id(self) -> str:
        return str(self.manifest.get("branch_id", ""))


def _finding(name: str, ok: bool, zh: str, en: str, detail: str = "") -> CheckFinding:
    return CheckFinding(name, ok, zh, en, detail)


def _member_findings(
    manifest: dict[str, Any], extracted: dict[str, tuple[int, str, str]]
) -> list[CheckFinding]:
    listed = manifest.get("members")
    findings: list[CheckFinding] = []
    if not isinstance(listed, dict):
        return [
            _finding("backup:manifest", False, "备份清单缺少成员列表。", "The manifest lists no members.")
        ]
    for name in backup_archive.MEMBERS:
        entry = listed.get(name)
        got = extracted.get(name)
        if entry is None and got is None:
            if name in backup_archive.REQUIRED_MEMBERS and name != "clients.db":
                findings.append(
                    _finding(
                        f"backup:{name}", False, f"备份中缺少 {name}。", f"{name} is missing from the backup."
                    )
                )
            continue
        if entry is None:
            findings.append(
                _finding(
                    f"backup:{name}",
                    False,
                    f"{name} 不在备份清单中（被加入了备份）。",
                    f"{name} is not in the manifest (it was added to the backup).",
                )
            )
            continue
        if got is None:
            findings.append(
                _finding(
                    f"backup:{name}", False, f"备份中缺少 {name}。", f"{name} is missing from the backup."
                )
            )
            continue
        size, digest, error = got
        if error or size != entry.get("size") or digest != entry.get("sha256"):
            findings.append(
                _finding(
                    f"backup:{name}",
                    False,
                    f"{name} 与备份清单记录的 SHA-256 不符：文件已损坏或被替换。",
                    f"{name} does not match the SHA-256 the manifest records: damaged or replaced.",
                    error or f"size {size}",
                )
            )
        else:
            findings.append(
                _finding(
                    f"backup:{name}",
                    True,
                    f"{name} 与备份清单一致。",
                    f"{name} matches the manifest.",
                    f"size {size}",
                )
            )
    return findings


def _device_secret(branch_toml: Path, branch_id: str, ctx: AppContext) -> bytes | None:
    try:
        use_keyring = load_config(branch_toml).use_keyring
    except BranchVaultError:
        use_keyring = True
    if not use_keyring:
        return None
    try:
        return ctx.secrets.get(branch_id)
    except (DeviceSecretMissing, KeyringUnavailable):
        raise BackupNotOpened(
            "本机的密钥环中没有该门店的设备密钥，员工密码无法打开这份备份（例如在另一台电脑上）。请改用数据库恢复码。",
            "This PC's keyring has no device secret for that branch, so a staff password cannot open this "
            "backup (on another PC, say). Use the database recovery code instead.",
        ) from None


def _wrong_recovery_code() -> BranchVaultError:
    from desktop_app.services.key_rotation import RecoveryFailed

    return RecoveryFailed("恢复码不正确。", "The recovery code is wrong.")


def _open_slot(
    ctx: AppContext, opened: OpenedBackup, *, username: str, password: str, recovery_code: str
) -> None:
    branch_id = opened.branch_id
    if recovery_code:
        try:
            code = normalize_code(recovery_code)
        except ValueError:
            raise InvalidInput(
                "恢复码格式不正确（应为 25 个字符，5 个一组）。",
                "That is not a recovery code (25 characters in groups of 5).",
            ) from None
        slot = opened.slots.recovery_slot()
        if slot is None:
            raise _wrong_recovery_code()
        try:
            result = open_slot_full(slot, branch_id=branch_id, secret=code, device_secret=None)
        except SlotOpenFailed:
            raise _wrong_recovery_code() from None
    else:
        slot = opened.slots.password_slot(username.strip())
        if slot is None:
            raise WrongCredentials()
        secret = _device_secret(opened.work / "branch.toml", branch_id, ctx) if slot.device_bound else None
        try:
            result = open_slot_full(slot, branch_id=branch_id, secret=password, device_secret=secret)
        except SlotOpenFailed:
            raise WrongCredentials() from None
    opened.db_key, opened.private = result.db_key, result.private


def _check_clients(opened: OpenedBackup, username: str) -> None:
    """Attach clients.db when the opener holds the client-data key in this backup (their grant)."""
    db = opened.db
    if db is None or opened.private is None or not username or "clients.db" not in opened.extracted:
        return
    staff = StaffRepository(db).get(username.strip())
    if staff is None:
        return
    grant = ClientKeyRepository(db).grant(staff.id, CURRENT)
    if grant is None:
        return
    from desktop_app.services.client_key_grants import grant_is_valid

    try:
        key = open_client_key(
            grant.sealed_key, opened.private, branch_id=opened.branch_id, holder_id=grant.holder_id
        )
    except GrantOpenFailed:
        return
    if not grant_is_valid(key, grant):
        return
    try:
        db.attach_client_data(opened.work / "clients.db", key)
    except DatabaseOpenError as exc:
        opened.findings.append(_finding("clients.db:open", False, exc.zh, exc.en))
        return
    opened.clients_checked = True


@contextlib.contextmanager
def open_backup(
    ctx: AppContext,
    path: Path,
    *,
    username: str = "",
    password: str = "",
    recovery_code: str = "",
    db_key: bytes | None = None,
    work_dir: Path | None = None,
) -> Iterator[OpenedBackup]:
    """Extract ``path`` into a private temporary folder and open it with one of its own slots (or
    ``db_key``, a signed-in session's current key); check the manifest's MAC and every member's
    hash. Raises WrongCredentials / RecoveryFailed like sign-in; damage is in ``findings``. The
    folder and everything in it is removed afterwards."""
    path = Path(path)
    head = read_head(path)
    manifest = head.manifest
    branch_id = str(manifest.get("branch_id", ""))
    work = _private_temp_dir(ctx.paths.root, work_dir)
    opened: OpenedBackup | None = None
    try:
        extracted = backup_archive.extract_members(path, work)
        findings = _member_findings(manifest, extracted)
        bad = {f.name for f in findings if not f.ok}
        if "backup:keyslots.json" in bad:
            raise _CannotOpen(findings)
        try:
            slots = load_key_slots(work / "keyslots.json", branch_id)
        except KeySlotFileError as exc:
            raise _CannotOpen([*findings, _finding("keyslots.json:file", False, exc.zh, exc.en)]) from None
        opened = OpenedBackup(path, work, manifest, slots, b"", None, None, findings, extracted)
        if db_key is not None:
            opened.db_key = db_key
        else:
            _open_slot(ctx, opened, username=username, password=password, recovery_code=recovery_code)
        if backup_archive.mac_matches(head.manifest_bytes, head.mac, opened.db_key, branch_id):
            findings.insert(
                0,
                _finding(
                    "backup:manifest.mac",
                    True,
                    "备份清单的签名正确（未被改动）。",
                    "The manifest's MAC is correct (not altered).",
                ),
            )
        else:
            findings.insert(
                0,
                _finding(
                    "backup:manifest.mac",
                    False,
                    "备份清单的签名不正确：清单或密钥槽文件被改动或替换。",
                    "The manifest's MAC is wrong: the manifest or the key-slot file was altered or replaced.",
                ),
            )
        if "backup:branch.db" not in bad or (work / "branch.db").exists():
            try:
                opened.db = open_database(
                    work / "branch.db",
                    opened.db_key,
                    expected_fingerprint=slots.key_fingerprint,
                    expected_salt=slots.db_salt,
                )
            except DatabaseOpenError as exc:
                findings.append(_finding("branch.db:open", False, exc.zh, exc.en))
        if opened.db is not None:
            _check_clients(opened, username)
        yield opened
    finally:
        if opened is not None and opened.db is not None:
            with contextlib.suppress(Exception):
                opened.db.close()
        shutil.rmtree(work, ignore_errors=True)


class _CannotOpen(Exception):
    """The backup's key slots are damaged: it cannot be opened, and the findings say why."""

    def __init__(self, findings: list[CheckFinding]) -> None:
        super().__init__("backup cannot be opened")
        self.findings = findings


def _clients_hash_note(opened: OpenedBackup) -> list[CheckFinding]:
    if opened.clients_checked or "clients.db" not in opened.extracted:
        return []
    return [
        CheckFinding(
            "clients.db:contents",
            True,
            "clients.db 内容：打开者没有客户资料密钥，只核对了它与已签名清单的 SHA-256；内容需由经理用自己的密码验证。",
            "clients.db contents: the opener holds no client-data key, so only its SHA-256 against the "
            "signed manifest was checked; a manager verifies the contents with their own password.",
            skipped=True,
        )
    ]


def integrity_findings(opened: OpenedBackup) -> list[CheckFinding]:
    """The archive's findings and the integrity check on the opened copy. A branch whose client
    data was never set up has no clients.db to find; that is not damage."""
    findings = list(opened.findings)
    if opened.db is None:
        return findings
    report = check_open_database(
        opened.db, opened.paths, opened.branch_id, clients_attached=opened.clients_checked
    )
    not_set_up = (
        "clients.db" not in opened.extracted and ClientKeyRepository(opened.db).text(FINGERPRINT) is None
    )
    for finding in report.findings:
        if finding.name == "clients.db:contents" or (not_set_up and finding.name.startswith("clients.db:")):
            continue
        findings.append(finding)
    if not_set_up:
        findings.append(
            CheckFinding(
                "clients.db:file",
                True,
                "客户资料库尚未建立（还没有经理设置客户资料密钥），备份中没有 clients.db。",
                "Client data is not set up yet (no manager has created the client-data key): no clients.db.",
            )
        )
    return findings + _clients_hash_note(opened)


def _verification(
    path: Path, opened: OpenedBackup | None, findings: list[CheckFinding]
) -> BackupVerification:
    report = IntegrityReport(tuple(findings))
    manifest = opened.manifest if opened is not None else {}
    size = path.stat().st_size if path.exists() else 0
    return BackupVerification(
        ok=report.ok,
        findings=report,
        manifest=manifest,
        path=path,
        clients_checked=bool(opened and opened.clients_checked),
        sha256=backup_archive.file_sha256(path) if path.exists() else "",
        size=size,
    )


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
            verification = _verification(path, opened, integrity_findings(opened))
    except _CannotOpen as exc:
        verification = _verification(path, None, exc.findings)
    except BackupNotReadable as exc:
        verification = _verification(path, None, [_finding("backup:file", False, exc.zh, exc.en, exc.detail)])
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
