"""The demo branch's alerts: what its history raised (the branch without the keyring), acknowledged
by the auditor with a note, about staff members only; fast (one sign-in)."""

from __future__ import annotations

import random
import time
from pathlib import Path

from desktop_app.services.demo_alerts_security import seed_demo_security
from desktop_app.services.demo_profile import DEMO_USERS, create_demo_profile
from desktop_app.services.security_alerts import list_alerts
from desktop_app.services.sign_in import sign_in, sign_out


def test_the_demo_has_acknowledged_alerts(tmp_path: Path) -> None:
    ctx = create_demo_profile(tmp_path / "demo", clients=20, programme_history=False, security_history=False)
    started = time.perf_counter()
    seed_demo_security(ctx, random.Random(7))
    assert time.perf_counter() - started < 3.0  # one sign-in's KDF included
    manager = next(user for user in DEMO_USERS if user.username == "lina")
    me = sign_in(ctx, manager.username, manager.password)
    try:
        alerts = list_alerts(me, include_acknowledged=True)
        acknowledged = [a for a in alerts if a.acknowledged]
        assert any(a.rule == "keyring_off" for a in acknowledged)
        assert all(a.acknowledged_by == "audit.chen" and a.note for a in acknowledged)
        assert all(not a.acknowledged for a in alerts if a.subject == "audit.chen")
        staff = {user.username for user in DEMO_USERS} | {""}
        assert {a.subject for a in alerts} <= staff  # staff usernames, never a client
    finally:
        sign_out(me)
