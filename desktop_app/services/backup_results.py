"""What the backup services return and the refusals they raise (services/backups.py,
services/backup_opening.py, services/backup_restore.py): kept apart so each of those modules stays
small and the GUI and CLI import the types without the work."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import BranchVaultError
from desktop_app.services.integrity_check import CheckFinding, IntegrityReport
from desktop_app.store.backup_repository import BackupRun, BackupSchedule


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


# --- refusals --------------------------------------------------------------------------------


class BackupFolderRefused(BranchVaultError):
    code = "backup_folder_refused"


def folder_missing(folder: Path) -> BackupFolderRefused:
    return BackupFolderRefused(
        f"备份文件夹 {folder} 不存在（U 盘或网络共享是否已连接？）。请先连接或创建它。",
        f"The backup folder {folder} does not exist (is the USB disk or network share connected?). "
        "Connect or create it first.",
    )


def not_a_folder(folder: Path) -> BackupFolderRefused:
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
