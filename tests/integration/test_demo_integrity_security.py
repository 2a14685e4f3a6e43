"""The demo's integrity check: the app's own check has run once on the demo branch, so the 完整性检查 tab
shows a passed check (clients.db included: the demo manager holds the client-data key)."""

from __future__ import annotations

import random
from pathlib import Path

from desktop_app.services.demo_integrity_security import seed_demo_security
from desktop_app.services.demo_profile import DEMO_MANAGER, create_demo_profile
from desktop_app.services.demo_security import DEMO_SECURITY_MODULES
from desktop_app.services.integrity_check import recent_checks
from desktop_app.services.sign_in import sign_in, sign_out
from tests.support.contexts import context_of


def test_the_demo_has_one_passed_check(tmp_path: Path) -> None:
    assert ("integrity", "desktop_app.services.demo_integrity_security") in DEMO_SECURITY_MODULES
    names = [part for part, _ in DEMO_SECURITY_MODULES]
    assert names.index("integrity") < names.index("totp") < names.index("alerts") == len(names) - 1
    ctx = create_demo_profile(tmp_path / "demo", clients=10, programme_history=False, security_history=False)
    seed_demo_security(context_of(ctx), random.Random(1))
    me = sign_in(context_of(ctx), DEMO_MANAGER.username, DEMO_MANAGER.password)
    try:
        checks = recent_checks(me)
    finally:
        sign_out(me)
    assert len(checks) == 1
    assert checks[0].ok and checks[0].scheduled
    assert any(f.name.startswith("clients.db:") and f.ok and not f.skipped for f in checks[0].findings)
