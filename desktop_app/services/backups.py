"""Encrypted backups of the branch: create, verify, restore, retention (issue 15 §3).

Rule: a backup is one ``<branch code>-<YYYYMMDD-HHMMSS>.bvbackup`` file, a zip (stored) holding the
encrypted ``branch.db`` and ``clients.db`` byte for byte (never decrypted), ``keyslots.json``,
``branch.toml`` and a ``manifest.json`` whose HMAC (``manifest.mac``) is keyed from the database
key, so whoever opens it with a slot knows no member was swapped. Reason: the programme asks the
branch to keep backups it can restore (GB/T 22239-2019 8.1.10.2 data backup and recovery; PIPL
Art. 51 security measures); separation of duties holds (IT can back up clients.db without ever
holding the client-data key).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.domain.cancellation import CancelToken
from desktop_app.services.context import AppContext
from desktop_app.services.signed_in import SignedIn

BACKUP_SUFFIX = ".bvbackup"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    sha256: str
    created_at: str
    audit_seq: int
    run_id: int


@dataclass(frozen=True)
class BackupVerification:
    ok: bool
    findings: Any  # services/integrity_check.IntegrityReport (from the check part)
    manifest: dict[str, Any]
    path: Path
    problems: tuple[str, ...] = ()
    clients_checked: bool = False
    recorded_run: int | None = None


@dataclass(frozen=True)
class RestoreResult:
    data_dir: Path
    kept_aside: Path | None
    backup_audit_seq: int
    replaced_audit_seq: int | None
    pending_destructions: int = 0


@dataclass(frozen=True)
class BackupStatus:
    last_created: str | None
    last_verified: str | None
    last_drill: str | None
    backup_overdue: bool
    drill_overdue: bool
    schedule: Any = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def create_backup(
    me: SignedIn,
    out_dir: Path,
    *,
    scheduled: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> BackupResult:
    raise NotImplementedError


def verify_backup(
    ctx: AppContext,
    path: Path,
    *,
    username: str = "",
    password: str = "",
    recovery_code: str = "",
    work_dir: Path | None = None,
) -> BackupVerification:
    raise NotImplementedError


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
    raise NotImplementedError


def record_drill(me: SignedIn, path: Path, verification: BackupVerification) -> int:
    raise NotImplementedError


def backup_status(me: SignedIn) -> BackupStatus:
    raise NotImplementedError


def prune_backups(folder: Path, *, branch_id: str, generations: int, keep_days: int, now: float) -> list[Path]:
    raise NotImplementedError
