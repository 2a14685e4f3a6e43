"""The demo's backups: a daily schedule into ``<demo dir>-backups``, one backup and a passed drill, so
the backups tab and the compliance items show as met; fast (well under a second at the demo's KDF)."""

from __future__ import annotations

import random
import time
from pathlib import Path

from desktop_app.domain.compliance_review import Outcome
from desktop_app.services.backup_schedule import overview
from desktop_app.services.compliance_evaluators import evaluate_all
from desktop_app.services.demo_profile import DEMO_MANAGER, create_demo_profile
from desktop_app.services.demo_schedule_security import seed_demo_security
from desktop_app.services.sign_in import sign_in, sign_out
from tests.support.contexts import context_of


def test_demo_backups_meet_the_compliance_items(tmp_path: Path) -> None:
    ctx = create_demo_profile(tmp_path / "demo", clients=20, programme_history=False, security_history=False)
    started = time.perf_counter()
    seed_demo_security(context_of(ctx), random.Random(1))
    # about 0.3 s alone (a sign-in, a slot opened); a shared CI core is slower
    assert time.perf_counter() - started < 3.0
    folder = tmp_path / "demo-backups"
    assert [p.suffix for p in folder.iterdir()] == [".bvbackup"]
    me = sign_in(context_of(ctx), DEMO_MANAGER.username, DEMO_MANAGER.password)
    try:
        state = overview(me)
        evaluated = evaluate_all(me, {"backup_recent", "restore_drill"})
    finally:
        sign_out(me)
    assert state.schedule.enabled and state.schedule.folder == str(folder.resolve())
    assert not state.backup_overdue and not state.drill_overdue
    assert {name: e.outcome for name, e in evaluated.items()} == {
        "backup_recent": Outcome.PASS,
        "restore_drill": Outcome.PASS,
    }
