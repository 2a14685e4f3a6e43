"""``branchvault access-review``: start, decide (keep, disable, role), finish refused while members
are undecided, status, export (never into the data directory), inactive; agents refused; usage
errors exit 2."""

from __future__ import annotations

from pathlib import Path

from tests.cli.support import STAFF, CliBranch, assert_exit, audit_entries


def test_access_review_on_the_command_line(cli_branch: CliBranch, tmp_path: Path) -> None:
    assert_exit(cli_branch.as_role("agent", "access-review", "start"), 1)
    assert_exit(cli_branch.as_role("it_admin", "access-review", "start"), 1)
    status = cli_branch.as_role("manager", "access-review", "status", "--json")
    assert_exit(status, 0)
    assert status.json()["due"] is True and status.json()["reviewed"] is False
    started = cli_branch.as_role("manager", "access-review", "start", "--json")
    assert_exit(started, 0)
    users = [i["username"] for i in started.json()["items"]]
    assert sorted(users) == sorted(name for name, _ in STAFF.values())
    assert_exit(cli_branch.as_role("manager", "access-review", "decide", "lina"), 2)  # no decision given
    assert_exit(cli_branch.as_role("manager", "access-review", "decide", "lina", "--keep", "--disable"), 2)
    assert_exit(cli_branch.as_role("manager", "access-review", "decide", "lina", "--role", "boss"), 2)
    finish = cli_branch.as_role("manager", "access-review", "finish")
    assert_exit(finish, 1)
    assert "未作决定" in finish.stderr and "not decided" in finish.stderr
    admin = STAFF["it_admin"][0]
    last_admin = cli_branch.as_role("manager", "access-review", "decide", admin, "--disable")
    assert_exit(last_admin, 1)
    auditor = STAFF["auditor"][0]
    moved = cli_branch.as_role(
        "manager", "access-review", "decide", auditor, "--role", "agent", "--note", "转岗销售", "--json"
    )
    assert_exit(moved, 0)
    item = next(i for i in moved.json()["items"] if i["username"] == auditor)
    assert item["decision"] == "change_role" and item["new_role"] == "agent" and item["note"] == "转岗销售"
    for role in ("manager", "it_admin"):
        assert_exit(cli_branch.as_role("manager", "access-review", "decide", STAFF[role][0], "--keep"), 0)
    agent = STAFF["agent"][0]
    assert_exit(
        cli_branch.as_role("manager", "access-review", "decide", agent, "--disable", "--note", "离职"), 0
    )
    done = cli_branch.as_role("manager", "access-review", "finish", "--json")
    assert_exit(done, 0)
    assert done.json()["finished_at"] and done.json()["fingerprint"] and done.json()["altered"] is False
    shown = cli_branch.as_role("it_admin", "access-review", "show")  # IT reads it
    assert_exit(shown, 0)
    assert "离职" in shown.stdout
    inside = cli_branch.as_role(
        "manager", "access-review", "export", "--out", str(cli_branch.data_dir / "r.xlsx")
    )
    assert_exit(inside, 1)
    out = tmp_path / "review.xlsx"
    exported = cli_branch.as_role("manager", "access-review", "export", "--out", str(out))
    assert_exit(exported, 0)
    assert out.read_bytes()[:2] == b"PK"
    inactive = cli_branch.as_role("it_admin", "access-review", "inactive", "--json")
    assert_exit(inactive, 0)
    assert inactive.json() == {"inactive": [], "disabled": []}
    actions = {e.action for e in audit_entries(cli_branch)}
    assert {
        "access_review.start",
        "access_review.decide",
        "access_review.finish",
        "access_review.export",
        "staff.role_change",
        "staff.disable",
    } <= actions
