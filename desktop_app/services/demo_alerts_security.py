"""The demo branch's anomaly alerts (issue 15, "Done when"): what its own history raised, already
looked at, so the Alerts tab is not empty and the live burst the walkthrough drives stands out.

The auditor signs in, runs the periodic pass over the demo's history (the branch set up without
the system keyring, the settings and programme-policy changes of its past year) and acknowledges
each alert about someone else's actions with the note an auditor would write. An alert about the
auditor's own actions (an off-hours sign-in when the demo is made at night) stays open: nobody
acknowledges their own. Nothing here names a client.
"""

from __future__ import annotations

import random

from desktop_app.services.context import AppContext
from desktop_app.services.demo_profile import DEMO_USERS
from desktop_app.services.security_alerts import acknowledge, list_alerts, scan
from desktop_app.services.sign_in import sign_in, sign_out

NOTES: dict[str, tuple[str, ...]] = {
    "keyring_off": ("演示门店按设计不使用系统密钥环（--no-keyring），仅用于演示，已知悉。",),
    "key_or_policy_change": (
        "已与 IT 王工核对：按季度安全检查计划调整设置，变更单已存档。",
        "隐私计划负责人按年度计划调整，已在季度会议上通报。",
    ),
}
DEFAULT_NOTE = "已核实，属正常业务操作。"


def seed_demo_security(ctx: AppContext, rng: random.Random) -> None:
    auditor = next(user for user in DEMO_USERS if user.username == "audit.chen")
    me = sign_in(ctx, auditor.username, auditor.password)
    try:
        scan(me)
        for alert in reversed(list_alerts(me)):  # oldest first
            if alert.subject == me.session.username:
                continue
            notes = NOTES.get(alert.rule, (DEFAULT_NOTE,))
            acknowledge(me, alert.id, rng.choice(notes))
    finally:
        sign_out(me)
