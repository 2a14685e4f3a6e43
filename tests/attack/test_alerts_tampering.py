"""What a local administrator holding IT's key can do to the anomaly alerts in ``branch.db`` with
sqlcipher3 — delete an alert, mark it acknowledged, plant a row to pre-empt an alert, move the
periodic pass's position past entries — and how the app answers: the audit log's ``alert.*``
entries are the record, so the next pass (or listing, or count) puts the table back, audits
``alert.restored`` and raises an ``audit_chain_failure`` alert; the pass starts where the last
``alert.scan`` entry says, not where the table says.

Without services/security_alerts.reconcile and the audited scan position, every test here fails
(the deleted alert stays gone, the forged acknowledgement hides it, the planted row swallows the
off-hours alert, the moved position skips the burst).
"""

from __future__ import annotations

import json

from desktop_app.domain.roles import Role
from desktop_app.services.client_reveal import reveal_field
from desktop_app.services.security_alerts import list_alerts, scan, unacknowledged_count
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from tests.attack.test_audit_tampering import behind_the_apps_back
from tests.conftest import Branch, Clock
from tests.integration.test_client_reveal import full_client

HOUR = 3600.0


def off_hours_sign_in(branch: Branch, clock: Clock) -> None:
    """The agent signs in at 23:00 Beijing time, then the clock moves on to 10:00 the next day."""
    clock.advance(7 * HOUR)
    sign_out(sign_in(branch.context(), *branch.users[Role.AGENT]))
    clock.advance(11 * HOUR)


def manager(branch: Branch) -> SignedIn:
    return sign_in(branch.context(), *branch.users[Role.MANAGER])


def restored_entries(ctx: SignedIn) -> list[dict[str, object]]:
    rows = ctx.db.execute(
        "SELECT details FROM audit_log WHERE action = 'alert.restored' ORDER BY seq"
    ).fetchall()
    return [json.loads(row[0]) for row in rows]


def test_a_deleted_alert_is_put_back_and_reported(branch: Branch, clock: Clock) -> None:
    off_hours_sign_in(branch, clock)
    with behind_the_apps_back(branch) as db:
        assert db.execute("DELETE FROM security_alerts WHERE rule = 'off_hours_sign_in'").rowcount == 1
    lina = manager(branch)
    alerts = list_alerts(lina)
    assert sorted(a.rule for a in alerts) == ["audit_chain_failure", "off_hours_sign_in"]
    [restored] = restored_entries(lina)
    assert restored["restored"] == [next(a.id for a in alerts if a.rule == "off_hours_sign_in")]
    sign_out(lina)


def test_an_acknowledgement_written_into_the_table_does_not_hide_an_alert(
    branch: Branch, clock: Clock
) -> None:
    off_hours_sign_in(branch, clock)
    with behind_the_apps_back(branch) as db:
        db.execute(
            "UPDATE security_alerts SET acknowledged_at = '2027-01-16T02:00:00.000000Z', "
            "acknowledged_by = 'lina', note = '已核实'"
        )
    lina = manager(branch)
    assert unacknowledged_count(lina) == 2  # the off-hours alert again, and the one about the edit
    off_hours = next(a for a in list_alerts(lina) if a.rule == "off_hours_sign_in")
    assert not off_hours.acknowledged and off_hours.note == ""
    assert not lina.db.execute(
        "SELECT 1 FROM audit_log WHERE action = 'alert.acknowledged'"
    ).fetchone()  # nobody acknowledged anything
    sign_out(lina)


def test_a_planted_row_cannot_pre_empt_an_alert(branch: Branch, clock: Clock) -> None:
    with behind_the_apps_back(branch) as db:
        head = int(db.execute("SELECT max(seq) FROM audit_log").fetchone()[0])
        for seq in range(head + 1, head + 10):  # the off-hours sign-in's future dedup key
            db.execute(
                "INSERT INTO security_alerts (rule, raised_at, subject, dedup_key) VALUES (?, ?, ?, ?)",
                ("off_hours_sign_in", "2027-01-15T08:00:00.000000Z", "x", f"off_hours_sign_in:seq:{seq}"),
            )
    off_hours_sign_in(branch, clock)
    lina = manager(branch)
    scan(lina)  # the planted rows go first, then the pass raises what they swallowed
    alerts = list_alerts(lina)
    assert [a.subject for a in alerts if a.rule == "off_hours_sign_in"] == [branch.users[Role.AGENT][0]]
    assert "audit_chain_failure" in {a.rule for a in alerts}
    assert len(restored_entries(lina)[0]["removed"]) == 9  # type: ignore[arg-type]
    sign_out(lina)


def test_moving_the_scan_position_past_a_burst_skips_nothing(branch: Branch, clock: Clock) -> None:
    agent = sign_in(branch.context(), *branch.users[Role.AGENT])
    client = full_client(agent)
    for _ in range(agent.policy.bulk_reveal_threshold):
        reveal_field(agent, client.id, "phone", "客户核对")
    sign_out(agent)
    with behind_the_apps_back(branch) as db:
        db.execute("UPDATE alert_scan_state SET last_seq = (SELECT max(seq) FROM audit_log) + 1000")
    lina = manager(branch)
    assert scan(lina) == 2  # the burst, and the alert about the moved position
    rules = sorted(a.rule for a in list_alerts(lina))
    assert rules == ["audit_chain_failure", "bulk_reveal"]
    assert restored_entries(lina)[0]["scan_position"] is True
    sign_out(lina)
