"""The service calls the backups tab makes on the database lane (imported inside each, so the tab's
module loads no service until used), and how it writes times and sizes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.services.backup_schedule import BackupOverview, BackupRun
    from desktop_app.services.signed_in import SignedIn


def load_status(me: SignedIn) -> tuple[BackupOverview, list[BackupRun]]:
    from desktop_app.services.backup_schedule import history, overview

    return overview(me), history(me)


def save_schedule(me: SignedIn, enabled: bool, time: str, folder: str, generations: int) -> object:
    from desktop_app.services.backup_schedule import set_schedule

    return set_schedule(me, enabled=enabled, time=time, folder=folder, generations=generations)


def back_up_now(me: SignedIn, **kwargs: Any) -> object:
    from desktop_app.services import backup_schedule

    return backup_schedule.back_up_now(me, **kwargs)


def run_drill(me: SignedIn, password: str) -> object:
    from desktop_app.services.backup_drill import run_restore_drill

    return run_restore_drill(me, password=password)


def verify_file(me: SignedIn, path: Path, password: str) -> object:
    from desktop_app.services import backup_drill

    return backup_drill.verify_file(me, path, password=password)


def local_time(timestamp: str) -> str:
    from desktop_app.domain.branch_time import BRANCH_TIME
    from desktop_app.services.backup_schedule import moment_of

    return datetime.fromtimestamp(moment_of(timestamp), BRANCH_TIME).strftime("%Y-%m-%d %H:%M")


def size_text(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} KB"
