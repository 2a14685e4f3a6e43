"""The scheduled backup: its settings, when it is due, taking it, and flagging backups that are overdue.

Rules (the timing rules themselves are in domain/backup_schedule_rules.py):
- IT administrators and managers (``backup.run``) set the schedule: on/off, a time ``HH:MM`` in
  Beijing time, a folder and the generations kept; audited ``backup.schedule`` with the old and new
  values. The folder must exist, be a folder this PC can write to, and lie outside the branch's data
  directory (a copy beside the data it protects is lost with it); a USB disk or a network share is
  the intended place.
- Any signed-in session may read the schedule and take the scheduled backup (the app's timer runs it
  for whoever is signed in: staff need not remember). The backup itself is services/backups.py's
  ``create_backup(..., scheduled=True)``, which also prunes the folder to the schedule's generations
  and ``backup_keep_days`` (files of this branch only). When the session's role may run backups (IT,
  a manager) the new file is opened at once with the session's own database key and checked (a
  recorded ``backup.verify``); an agent's session leaves that to the tab or the next drill.
- A scheduled backup that fails (the USB disk unplugged, the disk full, the folder gone) is recorded in
  the backup history (``backup_runs``, not ok, with the reason), audited, and raises the
  ``backup_failed`` alert once per day; the next attempt waits ``RETRY_MINUTES``.
- No backup verified within ``backup_max_age_days`` is *overdue*: the tab shows it in red and the
  ``backup_failed`` alert is raised once for that state. "Verified" means a verify or a restore drill
  that opened that very file (same SHA-256) and passed.
Reason: GB/T 22239-2019 8.1.4.9 (regular backup, kept off this machine, restore tested); PIPL
Art. 51 (measures against loss of personal information). Nothing here names a client.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.domain.backup_schedule_rules import (
    check_generations,
    days_since,
    is_due,
    next_run,
    normalised_time,
    overdue,
)
from desktop_app.domain.cancellation import Cancelled, CancelToken, Progress
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.permissions import Action, can
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.backup_audit_evidence import audited_backup_runs
from desktop_app.store.backup_repository import BackupRepository, BackupRun, BackupSchedule
from desktop_app.store.output_paths import check_output

log = logging.getLogger(__name__)


class BackupFolderInvalid(InvalidInput):
    code = "backup_folder_invalid"


def moment_of(timestamp: str) -> float:
    """POSIX time of a stored UTC ISO timestamp."""
    moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def schedule(me: SignedIn) -> BackupSchedule:
    """The schedule in force (off until someone sets it). Any session reads it: the timer needs it."""
    return BackupRepository(me.db).schedule()


def check_folder(me: SignedIn, folder: Path) -> Path:
    """The resolved folder, or BackupFolderInvalid saying what is wrong with it."""
    shown = str(folder)
    if not str(folder).strip():
        raise BackupFolderInvalid("请选择备份文件夹。", "Choose a folder for the backups.")
    resolved = Path(os.path.realpath(os.path.expanduser(folder)))
    if not resolved.exists():
        raise BackupFolderInvalid(
            f"备份文件夹 {shown} 不存在（U 盘是否已插好？网络盘是否已连接？）。",
            f"The backup folder {shown} does not exist (is the USB disk plugged in, the network share connected?).",
        )
    if not resolved.is_dir():
        raise BackupFolderInvalid(
            f"{shown} 不是文件夹，请选择一个文件夹。", f"{shown} is not a folder; choose a folder."
        )
    check_output(
        resolved / "backup-folder-check.bvbackup", me.paths.root, overwrite=True
    )  # not in the data dir
    try:
        with tempfile.TemporaryFile(dir=resolved, prefix=".branchvault-write-check-"):
            pass
    except OSError as exc:
        raise BackupFolderInvalid(
            f"无法写入备份文件夹 {shown}（{exc.strerror or exc}）。",
            f"Cannot write to the backup folder {shown} ({exc.strerror or exc}).",
        ) from None
    return resolved


def set_schedule(
    me: SignedIn, *, enabled: bool, time: str, folder: str | Path, generations: int
) -> BackupSchedule:
    """Set the schedule (``backup.run``); audited ``backup.schedule`` with the old and new values.
    Turning it off keeps the other values (and needs no reachable folder)."""
    check_permission(me, Action.BACKUP_RUN)
    hhmm = normalised_time(time)
    check_generations(int(generations))
    repo = BackupRepository(me.db)
    old = repo.schedule()
    folder_text = str(folder).strip()
    if enabled:
        folder_text = str(check_folder(me, Path(folder_text)))
    new = BackupSchedule(
        enabled=enabled,
        time=hhmm,
        folder=folder_text,
        generations=int(generations),
        changed_at=me.now_utc(),
        changed_by=me.session.staff_id,
    )
    with me.db.transaction():
        repo.set_schedule(new)
        record(
            me,
            "backup.schedule",
            target_type="backup_schedule",
            target_id="1",
            details={"old": _settings(old), "new": _settings(new)},
        )
    return new


def turn_off(me: SignedIn) -> BackupSchedule:
    current = schedule(me)
    return set_schedule(
        me, enabled=False, time=current.time, folder=current.folder, generations=current.generations
    )


def _settings(value: BackupSchedule) -> dict[str, object]:
    return {
        "enabled": value.enabled,
        "time": value.time,
        "folder": value.folder,
        "generations": value.generations,
    }


def _last_scheduled_failure(repo: BackupRepository) -> BackupRun | None:
    for run in repo.runs(kind="create", limit=20):
        if run.ok:
            return None
        if run.scheduled:
            return run
    return None


def due(me: SignedIn, now: float | None = None) -> bool:
    """Whether the scheduled backup should be taken now (today's time passed in Beijing time and no
    successful backup since; a failed attempt waits ``RETRY_MINUTES``)."""
    repo = BackupRepository(me.db)
    current = repo.schedule()
    if not current.enabled or not current.folder:
        return False
    last = repo.last_run("create")
    failed = _last_scheduled_failure(repo)
    return is_due(
        me.clock() if now is None else now,
        enabled=True,
        hhmm=current.time,
        last_success_at=None if last is None else moment_of(last.at),
        last_failure_at=None if failed is None else moment_of(failed.at),
    )


@dataclass(frozen=True)
class ScheduledOutcome:
    """What the scheduled run did: the backup file (None when it failed), the files pruned, the error."""

    path: Path | None
    size: int
    pruned: tuple[Path, ...]
    error_zh: str = ""
    error_en: str = ""
    error_code: str = ""
    verified: bool | None = None  # opened and checked at once (None: this session may not verify)

    @property
    def ok(self) -> bool:
        return self.path is not None


def _raise_alert(me: SignedIn, *, dedup_key: str, details: dict[str, object]) -> None:
    """The ``backup_failed`` alert (services/security_alerts.py); never lets an alert problem hide
    the backup's own result."""
    try:
        from desktop_app.services.security_alerts import raise_alert
    except ImportError:  # the alerts part not installed
        log.warning("backup_failed alert not raised: alerts unavailable (%s)", details.get("reason"))
        return
    try:
        raise_alert(me, "backup_failed", subject="backup", details=details, dedup_key=dedup_key)
    except BranchVaultError:
        log.exception("backup_failed alert could not be raised")


def _failure_reason(exc: BaseException) -> tuple[str, str, str]:
    if isinstance(exc, BranchVaultError):
        return exc.code, exc.zh, exc.en
    if isinstance(exc, OSError):
        text = exc.strerror or type(exc).__name__
        return f"os_error_{exc.errno}", f"写入备份失败：{text}", f"Writing the backup failed: {text}"
    return "error", "备份失败。", "The backup failed."


def _record_failure(me: SignedIn, current: BackupSchedule, code: str) -> None:
    with me.db.transaction():
        BackupRepository(me.db).add_run(
            kind="create",
            at=me.now_utc(),
            by_staff=me.session.staff_id,
            by_username=me.session.username,
            scheduled=True,
            folder=current.folder,
            ok=False,
            findings=[code],
        )
        record(
            me,
            "backup.create",
            target_type="backup",
            outcome="failure",
            reason=code,
            details={"scheduled": True, "folder": current.folder},
        )


def _alert_failure(me: SignedIn, current: BackupSchedule, code: str, zh: str, en: str) -> None:
    """The ``backup_failed`` alert, once per day."""
    with me.db.transaction():
        _raise_alert(
            me,
            dedup_key=f"backup_failed:{me.today().isoformat()}",
            details={"reason": code, "folder": current.folder, "message_zh": zh, "message_en": en},
        )


def run_scheduled_backup(
    me: SignedIn, *, progress: Progress | None = None, cancel: CancelToken | None = None
) -> ScheduledOutcome:
    """Take the scheduled backup into the schedule's folder (services/backups.create_backup, which
    records it, audits it and prunes the folder); when the session may run backups, open the new
    file at once with the session's own key and check it (a recorded verify). A failure is recorded
    (by create_backup), alerted once a day, and returned (not raised) so the timer can show it without
    a dialog. A cancel (sign-out, lock) stops at a safe point and raises Cancelled."""
    from desktop_app.services.backups import create_backup, verify_backup

    current = schedule(me)
    if not current.enabled or not current.folder:
        raise InvalidInput("尚未设置定时备份。", "No backup schedule is set.")
    try:
        result = create_backup(me, Path(current.folder), scheduled=True, progress=progress, cancel=cancel)
    except Cancelled:
        raise
    except BranchVaultError as exc:  # recorded and audited by create_backup
        code, zh, en = _failure_reason(exc)
        _alert_failure(me, current, code, zh, en)
        return ScheduledOutcome(None, 0, (), zh, en, code)
    except OSError as exc:  # not expected (create_backup turns write errors into its own): record it here
        code, zh, en = _failure_reason(exc)
        _record_failure(me, current, code)
        _alert_failure(me, current, code, zh, en)
        return ScheduledOutcome(None, 0, (), zh, en, code)
    verified: bool | None = None
    if can(me.session.role, Action.BACKUP_RUN):
        if cancel is not None:
            cancel.raise_if_cancelled()
        verified = bool(verify_backup(me, result.path).ok)
        if not verified:
            _alert_failure(
                me,
                current,
                "backup_verification_failed",
                "新备份未通过校验。",
                "The new backup failed verification.",
            )
    return ScheduledOutcome(result.path, result.size, tuple(result.pruned), verified=verified)


@dataclass(frozen=True)
class BackupOverview:
    """What the backups tab and the compliance items show."""

    schedule: BackupSchedule
    last_backup: BackupRun | None  # the latest successful backup
    last_failure: BackupRun | None  # the latest failed backup, if after the latest success
    last_verified_backup: BackupRun | None  # the latest backup a verify or drill opened and passed
    last_drill: BackupRun | None  # the latest passed drill
    backup_overdue: bool  # no verified backup within backup_max_age_days
    drill_overdue: bool  # no passed drill within restore_drill_days
    max_age_days: int
    drill_days: int
    next_run_at: float | None
    verified_days_ago: int | None
    drill_days_ago: int | None


def _verified_backup(repo: BackupRepository, counts: Callable[[BackupRun], bool]) -> BackupRun | None:
    """The newest successful backup that a passed verify or drill opened (same SHA-256 or name)."""
    checked = [
        r for kind in ("verify", "drill") for r in repo.runs(kind=kind, limit=500) if r.ok and counts(r)
    ]
    hashes = {r.sha256 for r in checked if r.sha256}
    names = {r.file_name for r in checked if r.file_name}
    for run in repo.runs(kind="create", limit=500):
        if not (run.ok and counts(run)):
            continue
        if (run.sha256 and run.sha256 in hashes) or (run.file_name and run.file_name in names):
            return run
    return None


def overview(me: SignedIn, *, audited_only: bool = False) -> BackupOverview:
    """The schedule and the backup status. ``audited_only`` (the compliance review): count only the
    history rows the hash-chained audit log vouches for (store/backup_audit_evidence.py)."""
    repo = BackupRepository(me.db)
    vouched = audited_backup_runs(me.db) if audited_only else None

    def counts(run: BackupRun) -> bool:
        return vouched is None or run.id in vouched

    now = me.clock()
    policy = me.policy
    current = repo.schedule()
    last = repo.last_run("create")
    latest_any = repo.runs(kind="create", limit=1)
    failure = latest_any[0] if latest_any and not latest_any[0].ok else None
    verified = _verified_backup(repo, counts)
    drill = next((r for r in repo.runs(kind="drill", limit=500) if r.ok and counts(r)), None)
    verified_at = None if verified is None else moment_of(verified.at)
    drill_at = None if drill is None else moment_of(drill.at)
    return BackupOverview(
        schedule=current,
        last_backup=last,
        last_failure=failure,
        last_verified_backup=verified,
        last_drill=drill,
        backup_overdue=overdue(now, verified_at, policy.backup_max_age_days),
        drill_overdue=overdue(now, drill_at, policy.restore_drill_days),
        max_age_days=policy.backup_max_age_days,
        drill_days=policy.restore_drill_days,
        next_run_at=next_run(
            now,
            enabled=current.enabled and bool(current.folder),
            hhmm=current.time,
            last_success_at=None if last is None else moment_of(last.at),
        ),
        verified_days_ago=days_since(now, verified_at),
        drill_days_ago=days_since(now, drill_at),
    )


def flag_overdue_backup(me: SignedIn) -> bool:
    """Raise the ``backup_failed`` alert once while no backup was verified within
    ``backup_max_age_days`` (once per last verified backup); True when overdue."""
    state = overview(me)
    if not state.backup_overdue:
        return False
    if not state.schedule.enabled and state.last_backup is None:
        return True  # backups never set up: the tab and the compliance item say so, no alert yet
    last = state.last_verified_backup
    key = f"backup_overdue:{last.id if last is not None else 'never'}"
    _raise_alert(  # its own transaction; a key already used raises nothing
        me,
        dedup_key=key,
        details={
            "reason": "backup_overdue",
            "max_age_days": state.max_age_days,
            "verified_days_ago": state.verified_days_ago,
        },
    )
    return True


@dataclass(frozen=True)
class TimerPass:
    """What one pass of the app's timer did: the scheduled backup's outcome (None: not due)."""

    outcome: ScheduledOutcome | None
    overdue: bool


def timer_pass(
    me: SignedIn, *, progress: Progress | None = None, cancel: CancelToken | None = None
) -> TimerPass:
    """The GUI timer's minute: take the scheduled backup when due, then flag an overdue one."""
    outcome = run_scheduled_backup(me, progress=progress, cancel=cancel) if due(me) else None
    return TimerPass(outcome, flag_overdue_backup(me))


def back_up_now(
    me: SignedIn,
    folder: Path | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ScheduledOutcome:
    """The "Back up now" button (``backup.run``): into ``folder`` or the schedule's folder (create_backup prunes
    it like the scheduled one), then opened at once with the session's key and checked (a recorded
    ``backup.verify``). Errors are raised: the person asked and is watching."""
    from desktop_app.services.backups import create_backup, verify_backup

    current = schedule(me)
    target = check_folder(me, Path(folder) if folder is not None else Path(current.folder))
    result = create_backup(me, target, progress=progress, cancel=cancel)
    if cancel is not None:
        cancel.raise_if_cancelled()
    verified = bool(verify_backup(me, result.path).ok)  # opened at once with the session's key
    return ScheduledOutcome(result.path, result.size, tuple(result.pruned), verified=verified)


def history(me: SignedIn, limit: int = 200) -> list[BackupRun]:
    """The backup history, newest first (the tab's list)."""
    return BackupRepository(me.db).runs(limit=limit)
