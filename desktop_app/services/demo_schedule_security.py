"""The demo branch's backups: a schedule, one backup taken and a passed restore drill (issue 15).

Rule: the demo's manager schedules the daily backup into a folder beside the demo's data directory
(``<demo dir>-backups``, created 0700: never inside the data directory), takes one backup now and
drills it with her own password, so the Security area's backups tab and the compliance self-review's
"recent verified backup" and "restore drill" items show as met. Real work through the real services
(about two KDF derivations at the demo's 0.2 s target).
"""

from __future__ import annotations

import random
from pathlib import Path

from desktop_app.services.context import AppContext
from desktop_app.services.demo_profile import DEMO_MANAGER
from desktop_app.services.sign_in import sign_in, sign_out

DEMO_BACKUP_TIME = "12:30"
DEMO_GENERATIONS = 7


def demo_backup_folder(ctx: AppContext) -> Path:
    root = ctx.paths.root
    return root.parent / f"{root.name}-backups"


def seed_demo_security(ctx: AppContext, rng: random.Random) -> None:
    from desktop_app.services.backup_drill import run_restore_drill
    from desktop_app.services.backup_schedule import set_schedule
    from desktop_app.services.backups import create_backup

    del rng  # nothing random here
    folder = demo_backup_folder(ctx)
    folder.mkdir(mode=0o700, exist_ok=True)
    me = sign_in(ctx, DEMO_MANAGER.username, DEMO_MANAGER.password)
    try:
        set_schedule(me, enabled=True, time=DEMO_BACKUP_TIME, folder=folder, generations=DEMO_GENERATIONS)
        result = create_backup(me, folder)
        run_restore_drill(me, result.path, password=DEMO_MANAGER.password)
    finally:
        sign_out(me)
