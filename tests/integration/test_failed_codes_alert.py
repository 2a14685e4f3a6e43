"""Wrong authenticator codes count as failed sign-ins for the ``failed_sign_ins`` alert.

The second factor exists for the case where someone has a privileged member's password: their
wrong or replayed codes are audited as ``auth.second_factor`` failures (not ``auth.sign_in``), and
they must reach the reviewers exactly like wrong passwords do (issue 15: "many failed sign-ins";
MLPS 2.0 level 3, 8.1.4.3 audit of security events). Found by the issue-15 walkthrough: eight wrong
codes for the IT administrator within the hour locked the account but raised no alert.
"""

from __future__ import annotations

from desktop_app.domain.alert_rules import AuditEvent, failed_sign_in_hits
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.roles import Role
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.services import second_factor
from desktop_app.services.security_alerts import list_alerts, scan
from desktop_app.services.sign_in import sign_in, sign_out
from tests.conftest import Branch, Clock
from tests.support.second_factor import current_code


def test_wrong_codes_are_failed_sign_ins_for_the_rule() -> None:
    policy = SecurityPolicy()
    n = policy.alert_failed_signins_per_hour
    codes = [
        AuditEvent(seq=i + 1, at=1_800_000_000.0 + i * 60, actor="it.admin", role="it_admin",
                   action="auth.second_factor", outcome="failure", target="it.admin")
        for i in range(n)
    ]  # fmt: skip
    hits = failed_sign_in_hits(codes, policy)
    assert [hit.rule for hit in hits] == ["failed_sign_ins"]
    assert list(hits[0].evidence) == [e.seq for e in codes]
    accepted = [AuditEvent(**{**e.__dict__, "outcome": "success"}) for e in codes]
    assert failed_sign_in_hits(accepted, policy) == []


def test_wrong_codes_after_the_right_password_raise_the_alert(branch: Branch, clock: Clock) -> None:
    admin, password = branch.users[Role.IT_ADMIN]
    me = sign_in(branch.context(), admin, password)
    try:
        pending = second_factor.start_enrolment(me)
        second_factor.confirm_enrolment(me, pending, current_code(pending.secret, branch.ctx))
        threshold = me.policy.alert_failed_signins_per_hour
        lock = me.policy.lockout_minutes
    finally:
        sign_out(me)
    wrong = 0
    while wrong < threshold:  # as fast as the lockout lets someone holding the password try
        clock.advance(61)
        try:
            sign_in(branch.context(), admin, password, totp_code="000000")
        except BranchVaultError as exc:
            if exc.code == "wrong_second_factor":
                wrong += 1
            elif exc.code == "account_locked":  # wait the lockout out, then try again
                clock.advance(lock * 60)
            else:
                raise
    assert wrong == threshold
    clock.advance(60)
    manager = sign_in(branch.context(), *branch.users[Role.MANAGER])
    try:
        scan(manager)
        rules = [alert.rule for alert in list_alerts(manager)]
    finally:
        sign_out(manager)
    assert "failed_sign_ins" in rules, rules
