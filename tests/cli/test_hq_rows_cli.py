"""``branchvault config hq-rows``: shown to anyone signed in, off by default, switched on with a legal
basis by a manager only (audited), an entrustment needing reference and expiry."""

from __future__ import annotations

from tests.cli.support import CliBranch, assert_exit, audit_entries


def test_rows_setting_by_manager_only(cli_branch: CliBranch) -> None:
    shown = cli_branch.as_role("agent", "config", "hq-rows", "--json")
    assert_exit(shown, 0)
    assert shown.json()["client_rows"]["enabled"] is False
    refused = cli_branch.as_role("agent", "config", "hq-rows", "--on", "--basis", "same_entity")
    assert_exit(refused, 1)
    usage = cli_branch.as_role(
        "manager", "config", "hq-rows", "--on", "--basis", "entrustment", "--reference", "W1"
    )
    assert_exit(usage, 2)
    done = cli_branch.as_role(
        "manager",
        "config",
        "hq-rows",
        "--on",
        "--basis",
        "entrustment",
        "--reference",
        "WT-2026-7",
        "--expires",
        "2099-12-31",
        "--json",
    )
    assert_exit(done, 0)
    assert done.json() == {
        "client_rows": {
            "enabled": True,
            "legal_basis": "entrustment",
            "reference": "WT-2026-7",
            "expires": "2099-12-31",
        },
        "active_today": True,
    }
    text = cli_branch.as_role("it_admin", "config", "hq-rows")
    assert_exit(text, 0)
    assert "entrustment" in text.stdout and "WT-2026-7" in text.stdout
    entries = [e for e in audit_entries(cli_branch) if e.action == "export.client_rows"]
    assert len(entries) == 1 and entries[0].actor_username == "lina"
    off = cli_branch.as_role("manager", "config", "hq-rows", "--off", "--json")
    assert_exit(off, 0)
    assert off.json()["client_rows"]["enabled"] is False
