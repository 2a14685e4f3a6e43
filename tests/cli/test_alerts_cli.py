"""``branchvault alerts list [--all] | ack ID --note TEXT | scan | rules``: managers and auditors list
and acknowledge, anyone runs the pass, the rule table needs no sign-in; bilingual refusals with
exit 1, usage errors with exit 2, never a traceback."""

from __future__ import annotations

from tests.cli.support import CliBranch, assert_exit, assert_message, audit_entries


def test_rules_scan_list_ack(cli_branch: CliBranch) -> None:
    rules = cli_branch.run("alerts", "rules", "--json")
    assert_exit(rules, 0)
    codes = [r["code"] for r in rules.json()["rules"]]
    assert "bulk_reveal" in codes and "backup_failed" in codes
    assert "非营业时间登录" in cli_branch.run("alerts", "rules").stdout

    assert_exit(cli_branch.as_role("agent", "alerts", "scan"), 0)
    refused = cli_branch.as_role("agent", "alerts", "list")
    assert_message(refused, "无权", "not allowed", code=1)

    changed = cli_branch.as_role("it_admin", "config", "set", "--security", "idle_lock_minutes=10")
    assert_exit(changed, 0)
    listed = cli_branch.as_role("manager", "alerts", "list", "--json")
    assert_exit(listed, 0)
    [alert] = [a for a in listed.json()["alerts"] if a["rule"] == "key_or_policy_change"]
    assert alert["subject"] == "it.admin" and alert["evidence"] and not alert["acknowledged"]
    alert_id = str(alert["id"])

    assert_exit(cli_branch.as_role("manager", "alerts", "ack", alert_id), 2)  # --note is required
    blank = cli_branch.as_role("manager", "alerts", "ack", alert_id, "--note", " ")
    assert_message(blank, "说明", "note", code=1)
    done = cli_branch.as_role(
        "manager", "alerts", "ack", alert_id, "--note", "IT 按计划调整锁屏时间", "--json"
    )
    assert_exit(done, 0)
    assert done.json()["acknowledged_by"] == "lina"
    again = cli_branch.as_role("manager", "alerts", "ack", alert_id, "--note", "x")
    assert_message(again, "已经确认", "already been acknowledged", code=1)
    assert_message(
        cli_branch.as_role("auditor", "alerts", "ack", "9999", "--note", "x"), "没有", "no alert", code=1
    )

    still_open = cli_branch.as_role("auditor", "alerts", "list", "--json").json()["alerts"]
    assert alert_id not in [str(a["id"]) for a in still_open]
    everything = cli_branch.as_role("auditor", "alerts", "list", "--all")
    assert_exit(everything, 0)
    assert "IT 按计划调整锁屏时间" in everything.stdout
    assert [e.action for e in audit_entries(cli_branch)].count("alert.acknowledged") == 1
