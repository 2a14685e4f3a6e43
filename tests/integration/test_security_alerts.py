"""Anomaly alerts on a real branch: a burst of reveals through the services, an off-hours sign-in
with the test clock, failed sign-ins recorded late, the periodic pass's idempotence, and a manager
acknowledging (audited)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from desktop_app.domain.errors import PermissionDenied, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services import security_alerts
from desktop_app.services.client_reveal import BulkRevealBlocked, reveal_field
from desktop_app.services.security_alerts import (
    AlertAlreadyAcknowledged,
    AlertNoteRequired,
    OwnAlert,
    acknowledge,
    list_alerts,
    raise_alert,
    scan,
    unacknowledged_count,
)
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.migrations import LATEST_VERSION, current_version
from tests.conftest import Branch, Clock
from tests.integration.test_client_reveal import full_client

SignIn = Callable[[Role], SignedIn]
HOUR = 3600.0


def audit_rows(ctx: SignedIn, action: str) -> list[tuple[int, str, str, dict[str, object]]]:
    rows = ctx.db.execute(
        "SELECT seq, actor_username, target_id, details FROM audit_log WHERE action = ? ORDER BY seq",
        (action,),
    ).fetchall()
    return [(seq, who, target, json.loads(details)) for seq, who, target, details in rows]


def rules(ctx: SignedIn, *, include_acknowledged: bool = True) -> list[str]:
    return [a.rule for a in list_alerts(ctx, include_acknowledged=include_acknowledged)]


def test_the_migration_made_the_tables(signed_in: SignIn) -> None:
    admin = signed_in(Role.IT_ADMIN)
    assert current_version(admin.db) == LATEST_VERSION
    assert admin.db.execute("SELECT last_seq FROM alert_scan_state").fetchone() is not None


def test_a_burst_of_reveals_raises_one_alert_that_a_manager_acknowledges(
    branch: Branch, signed_in: SignIn, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    client = full_client(agent)
    threshold = agent.policy.bulk_reveal_threshold
    for _ in range(threshold - 1):
        reveal_field(agent, client.id, "phone", "客户核对")
    assert scan(agent) == 0  # threshold − 1: nothing
    reveal_field(agent, client.id, "phone", "客户核对")
    with pytest.raises(BulkRevealBlocked):
        reveal_field(agent, client.id, "phone", "客户核对")
    assert scan(agent) == 1  # any session runs the pass
    assert scan(agent) == 0  # idempotent

    manager = signed_in(Role.MANAGER)
    assert unacknowledged_count(manager) == 1 and unacknowledged_count(agent) == 0
    [alert] = list_alerts(manager)
    reveals = [seq for seq, *_ in audit_rows(agent, "client.reveal")]
    assert alert.rule == "bulk_reveal" and alert.subject == branch.users[Role.AGENT][0]
    assert set(alert.evidence) <= set(reveals) and len(alert.evidence) == threshold + 1
    text = json.dumps(alert.as_dict(), ensure_ascii=False)
    assert "欧阳娜娜" not in text and "13812345678" not in text  # never a client

    with pytest.raises(PermissionDenied):
        list_alerts(agent)
    with pytest.raises(AlertNoteRequired):
        acknowledge(manager, alert.id, "  ")
    done = acknowledge(manager, alert.id, "与张伟核实：为签约核对电话，正常。")
    assert done.acknowledged and done.acknowledged_by == branch.users[Role.MANAGER][0]
    with pytest.raises(AlertAlreadyAcknowledged):
        acknowledge(manager, alert.id, "again")
    [(_, who, target, details)] = audit_rows(manager, "alert.acknowledged")
    assert who == branch.users[Role.MANAGER][0] and target == str(alert.id)
    assert details["note"] == "与张伟核实：为签约核对电话，正常。"
    assert unacknowledged_count(manager) == 0 and list_alerts(manager) == []
    assert rules(manager) == ["bulk_reveal"]


def test_an_off_hours_sign_in_raises_an_alert_as_it_is_written(branch: Branch, clock: Clock) -> None:
    clock.advance(7 * HOUR)  # 16:00 → 23:00 Beijing
    agent = sign_in(branch.context(), *branch.users[Role.AGENT])
    [(seq, *_)] = [row for row in audit_rows(agent, "auth.sign_in") if row[1] == branch.users[Role.AGENT][0]][
        -1:
    ]
    [(_, _, _, raised)] = audit_rows(agent, "alert.raised")  # no pass needed: on write
    assert raised["rule"] == "off_hours_sign_in" and raised["evidence"] == [seq]
    sign_out(agent)
    auditor = sign_in(branch.context(), *branch.users[Role.AUDITOR])  # also off hours
    assert unacknowledged_count(auditor) == 2
    assert scan(auditor) == 0  # already raised: the pass does not repeat them
    alerts = list_alerts(auditor)
    own = next(a for a in alerts if a.subject == branch.users[Role.AUDITOR][0])
    with pytest.raises(OwnAlert):
        acknowledge(auditor, own.id, "我自己")
    other = next(a for a in alerts if a.subject == branch.users[Role.AGENT][0])
    acknowledge(auditor, other.id, "加班录入，经理已知情。")
    sign_out(auditor)


def test_in_hours_sign_ins_raise_nothing(branch: Branch, signed_in: SignIn, clock: Clock) -> None:
    for role in (Role.AGENT, Role.MANAGER, Role.AUDITOR):
        clock.advance(600)
        signed_in(role)
    manager = signed_in(Role.MANAGER)
    assert scan(manager) == 0 and rules(manager) == []


def test_failed_sign_ins_recorded_late_raise_one_alert(branch: Branch, clock: Clock) -> None:
    threshold = branch.ctx.policy_for(signed_in=False).alert_failed_signins_per_hour
    names = [branch.users[role][0] for role in (Role.AGENT, Role.MANAGER, Role.AUDITOR)]
    for i in range(threshold):
        clock.advance(60)
        with pytest.raises(WrongCredentials):
            sign_in(branch.context(), names[i % 3], f"wrong password {i}")
    clock.advance(HOUR)
    manager = sign_in(branch.context(), *branch.users[Role.MANAGER])  # writes the failures, late
    assert scan(manager) == 1
    [alert] = list_alerts(manager)
    assert alert.rule == "failed_sign_ins" and alert.subject == ""
    assert len(alert.evidence) == threshold
    assert scan(manager) == 0
    sign_out(manager)


def test_raise_alert_dedups_and_refuses_unknown_rules(signed_in: SignIn) -> None:
    admin = signed_in(Role.IT_ADMIN)
    first = raise_alert(admin, "integrity_failure", details={"problems": 1}, dedup_key="integrity:1")
    assert first is not None
    assert raise_alert(admin, "integrity_failure", dedup_key="integrity:1") is None
    with pytest.raises(security_alerts.UnknownAlertRule):
        raise_alert(admin, "no_such_rule")
    assert unacknowledged_count(admin) == 0  # IT does not review alerts
    manager = signed_in(Role.MANAGER)
    assert [a.rule for a in list_alerts(manager)] == ["integrity_failure"]


def test_a_settings_change_raises_a_key_or_policy_alert(signed_in: SignIn) -> None:
    from desktop_app.services.branch_settings import change_settings

    admin = signed_in(Role.IT_ADMIN)
    change_settings(admin, security={"idle_lock_minutes": 10})
    manager = signed_in(Role.MANAGER)
    [alert] = list_alerts(manager)
    assert alert.rule == "key_or_policy_change" and alert.details["action"] == "config.edit"


def test_a_requested_rekey_alerts_and_a_password_change_does_not(branch: Branch, signed_in: SignIn) -> None:
    from desktop_app.services.key_rotation import rotate_database_key
    from desktop_app.services.sign_in import change_password

    agent = signed_in(Role.AGENT)
    change_password(agent, branch.users[Role.AGENT][1], "Agt!Changed#2026yz")  # rotates the keys too
    manager = signed_in(Role.MANAGER)
    assert scan(manager) == 0 and rules(manager) == []
    admin = signed_in(Role.IT_ADMIN)
    rotate_database_key(admin)
    assert rules(manager) == ["key_or_policy_change"]
