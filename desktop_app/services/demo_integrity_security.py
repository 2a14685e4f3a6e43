"""The demo branch's integrity check (issue 15): the app's own check has run once, as it does every
``integrity_check_hours`` in a signed-in window, so the 完整性检查 tab shows a passed check with its
findings rather than an empty list. The demo manager's session runs it (with the client-data key,
so clients.db is checked too). Nothing here names a client."""

from __future__ import annotations

import random

from desktop_app.services.context import AppContext
from desktop_app.services.demo_profile import DEMO_MANAGER
from desktop_app.services.integrity_check import run_integrity_check
from desktop_app.services.sign_in import sign_in, sign_out


def seed_demo_security(ctx: AppContext, rng: random.Random) -> None:
    me = sign_in(ctx, DEMO_MANAGER.username, DEMO_MANAGER.password)
    try:
        run_integrity_check(me, scheduled=True)
    finally:
        sign_out(me)
