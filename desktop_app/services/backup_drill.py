"""The restore drill: open a real backup the way a restore would, check it, throw the copy away, record it.

Rule: at least every ``restore_drill_days`` (security policy) an IT administrator or manager
(``backup.run``) proves that the latest backup restores: the newest backup of this branch in the
schedule's folder (or a file they choose) is unpacked into a private temporary folder (0700, outside
the data directory), opened with the member's own key slot *in the backup* and checked
(services/backups.verify_backup: manifest MAC and hashes, ``cipher_integrity_check``, the audit chain,
the key slots), then the temporary copy is deleted and the drill recorded (``backup.drill``, audited,
with the result and how long it took) — the live data is never touched.

The password is the member's password **as it was when the backup was taken** (the slot in the
backup is the old one): after a password change the old password opens older backups, and the
database recovery code (``recovery_code``) opens any backup of this branch.
Reason: GB/T 22239-2019 8.1.4.9 (test that backups restore); a backup never opened is a hope.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.cancellation import CancelToken
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_trail import check_permission
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.backup_repository import BackupRepository

if TYPE_CHECKING:
    from desktop_app.services.backups import BackupVerification
    from desktop_app.services.integrity_check import CheckFinding

_NAME = re.compile(r"^(?P<code>.+)-(?P<stamp>\d{8}-\d{6})\.bvbackup$")


class NoBackupToDrill(BranchVaultError):
    code = "no_backup_to_drill"

    def __init__(self) -> None:
        super().__init__(
            "找不到可演练的备份：请先设置定时备份或立即备份一次，或选择一个备份文件。",
            "No backup to drill: set up the schedule or back up now first, or choose a backup file.",
        )


def latest_backup(me: SignedIn) -> Path | None:
    """The newest backup file of this branch in the schedule's folder, else the newest one recorded."""
    repo = BackupRepository(me.db)
    code = me.config.branch_code
    folders = [Path(repo.schedule().folder)] if repo.schedule().folder else []
    created = repo.last_run("create")
    if created is not None and created.folder:
        folders.append(Path(created.folder))
    for folder in folders:
        try:
            names = [p for p in folder.iterdir() if p.is_file()]
        except OSError:
            continue
        ours = [p for p in names if (m := _NAME.match(p.name)) and m.group("code") == code]
        if ours:
            return max(ours, key=lambda p: _NAME.match(p.name).group("stamp"))  # type: ignore[union-attr]
    if created is not None and created.folder and created.file_name:
        candidate = Path(created.folder) / created.file_name
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class DrillOutcome:
    path: Path
    ok: bool
    seconds: float
    problems: tuple[CheckFinding, ...]
    run_id: int
    clients_checked: bool

    def problem_text(self, language: str = "zh_CN") -> str:
        zh = language.startswith("zh")
        return "\n".join(f"{p.name}: {p.zh if zh else p.en}" for p in self.problems)


def run_restore_drill(
    me: SignedIn,
    path: Path | None = None,
    *,
    password: str = "",
    recovery_code: str = "",
    cancel: CancelToken | None = None,
) -> DrillOutcome:
    """Drill the latest backup (or ``path``); the password (or the recovery code) opens the backup's
    slot. Wrong credentials raise the sign-in error and record nothing; a backup that opens but fails
    its checks is recorded as a failed drill."""
    from desktop_app.services.backups import record_drill, verify_backup

    check_permission(me, Action.BACKUP_RUN)
    if not password and not recovery_code:  # a real restore has no session key to lean on
        raise InvalidInput(
            "请输入您的密码（备份时的密码）或数据库恢复码。",
            "Enter your password (as it was when the backup was taken) or the database recovery code.",
        )
    chosen = path if path is not None else latest_backup(me)
    if chosen is None or not Path(chosen).is_file():
        raise NoBackupToDrill()
    work = Path(tempfile.mkdtemp(prefix="branchvault-drill-"))  # 0700, in the system's temp folder
    started = time.monotonic()
    try:
        if cancel is not None:
            cancel.raise_if_cancelled()
        verification = verify_backup(
            me,
            Path(chosen),
            username="" if recovery_code else me.session.username,
            password=password,
            recovery_code=recovery_code,
            work_dir=work,
            record_run=False,  # recorded below as the drill
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)  # the temporary copy is discarded whatever happened
    seconds = round(time.monotonic() - started, 3)
    run_id = record_drill(me, Path(chosen), verification)
    return DrillOutcome(
        path=Path(chosen),
        ok=bool(verification.ok),
        seconds=seconds,
        problems=tuple(verification.problems),
        run_id=run_id,
        clients_checked=bool(verification.clients_checked),
    )


def verify_file(
    me: SignedIn, path: Path, *, password: str = "", recovery_code: str = ""
) -> BackupVerification:
    """The "Verify a backup…" button (``backup.run``): open ``path`` in a private temporary folder
    with the member's slot in it (with no password: the session's own key) and check it
    (services/backups.verify_backup, recorded as ``backup.verify``); the live data is not touched."""
    from desktop_app.services.backups import verify_backup

    work = Path(tempfile.mkdtemp(prefix="branchvault-verify-"))
    try:
        return verify_backup(
            me,
            Path(path),
            username="" if recovery_code else me.session.username,
            password=password,
            recovery_code=recovery_code,
            work_dir=work,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
