"""A plausible security-operations history for the demo branch (issue 15, "Done when").

Each part writes its own history (``services/demo_<part>_security.seed_demo_security(ctx, rng)``,
signing in as the demo member it needs: the auditor's past log reviews, last quarter's access review,
acknowledged alerts, a backup and a drill, the IT administrator's authenticator); this module calls
them in order. ``ctx`` is the demo branch's signed-out context. Fast: no KDF beyond the sign-ins.
"""

from __future__ import annotations

import random
from importlib import import_module

from desktop_app.services.context import AppContext

# (part, module); every module has ``seed_demo_security(ctx, rng)``.
DEMO_SECURITY_MODULES: tuple[tuple[str, str], ...] = (
    ("logreview", "desktop_app.services.demo_logreview_security"),
    ("accessreview", "desktop_app.services.demo_accessreview_security"),
    ("schedule", "desktop_app.services.demo_schedule_security"),
    ("integrity", "desktop_app.services.demo_integrity_security"),
    ("totp", "desktop_app.services.demo_totp_security"),  # after it, it.wang needs a code
    # last: the auditor's pass sees every sign-in above (a demo made at night has off-hours
    # sign-ins) and acknowledges what is about others; their own stays open
    ("alerts", "desktop_app.services.demo_alerts_security"),
)


def seed_security_history(ctx: AppContext, rng: random.Random) -> None:
    """Every part's demo history, in order."""
    for _part, module_name in DEMO_SECURITY_MODULES:
        import_module(module_name).seed_demo_security(ctx, rng)
