"""The demo branch's IT administrator (it.wang) signs in with an authenticator, as the policy
requires of IT by default: enrolled with a fixed, printed demo secret (``branchvault demo`` shows it,
its ``otpauth://`` URI and two recovery codes), so a newcomer can add it to any authenticator app,
or type a recovery code. A real branch's secret is random and never printed again."""

from __future__ import annotations

import random

from desktop_app.domain.recovery_code import ALPHABET
from desktop_app.domain.second_factor_rules import RECOVERY_CODES, RECOVERY_LENGTH, format_recovery
from desktop_app.services import second_factor
from desktop_app.services.context import AppContext
from desktop_app.services.demo_profile import DEMO_USERS
from desktop_app.services.sign_in import sign_in, sign_out

DEMO_TOTP_USER = DEMO_USERS[0]
DEMO_TOTP_SECRET = "DEMOBRANCHVAULTTOTPSECRETWANG234"  # base32; a demo only: printed for everyone
SHOWN_RECOVERY_CODES = 2


def demo_recovery_codes() -> list[str]:
    """The demo's ten recovery codes (fixed, so ``branchvault demo`` can print two of them)."""
    rng = random.Random("branchvault-demo-totp")
    return [
        format_recovery("".join(rng.choice(ALPHABET) for _ in range(RECOVERY_LENGTH)))
        for _ in range(RECOVERY_CODES)
    ]


def demo_totp_uri(branch_code: str = "DEMO01") -> str:
    return second_factor.provisioning_uri(DEMO_TOTP_SECRET, DEMO_TOTP_USER.username, branch_code)


def seed_demo_security(ctx: AppContext, rng: random.Random) -> None:
    """Enrol it.wang with the demo secret. Must run after every other part that signs in as it.wang
    (they would then need a code)."""
    del rng  # the demo secret and codes are fixed, not drawn
    me = sign_in(ctx, DEMO_TOTP_USER.username, DEMO_TOTP_USER.password)
    try:
        pending = second_factor.start_enrolment(me, DEMO_TOTP_SECRET)
        # the previous step's code: the current one still works for a newcomer signing in at once
        code = second_factor.code_for(DEMO_TOTP_SECRET, me.clock() - 30)
        second_factor.confirm_enrolment(me, pending, code, recovery_codes=demo_recovery_codes())
    finally:
        sign_out(me)
