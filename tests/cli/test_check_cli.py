"""``branchvault check``: exit 0 on an intact branch, 1 naming what is wrong (the issue's case: 64
bytes flipped in the middle of ``branch.db``, which still opens and lists its staff), 2 on usage;
``--json``; never a traceback (run_cli fails on one)."""

from __future__ import annotations

from tests.attack.test_integrity_damage import flip_middle_page, quiet_table_page
from tests.cli.support import ADMIN, CliBranch, assert_exit, run_cli


def test_an_intact_branch_passes(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("it_admin", "check")
    assert_exit(result, 0)
    assert "完整性检查通过" in result.stdout and "integrity check passed" in result.stdout
    assert "clients.db:contents" in result.stdout  # IT: "not checked by this role"


def test_json_lists_every_finding(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("manager", "check", "--json")
    assert_exit(result, 0)
    data = result.json()
    assert data["ok"] is True
    names = {f["name"] for f in data["findings"]}
    assert "clients.db:cipher_integrity_check" in names  # the manager holds the client-data key
    assert all(f["ok"] for f in data["findings"])


def test_a_damaged_branch_db_still_lists_its_staff_but_check_names_the_page(cli_branch: CliBranch) -> None:
    root = cli_branch.data_dir
    page = flip_middle_page(root / "branch.db", page=quiet_table_page(root, *ADMIN))
    assert_exit(cli_branch.as_role("it_admin", "user", "list"), 0)  # nothing reads that page
    result = cli_branch.as_role("it_admin", "check")
    assert_exit(result, 1)
    assert f"第 {page} 页" in result.stdout and f"page(s) {page}" in result.stdout
    assert "完整性检查发现问题" in result.stderr and "integrity check found problems" in result.stderr
    assert "branch.db:cipher_integrity_check" in result.stderr
    assert "backup restore" in result.stderr
    data = cli_branch.as_role("auditor", "check", "--json").json()
    assert data["ok"] is False
    failed = [f for f in data["findings"] if not f["ok"]]
    assert "branch.db:cipher_integrity_check" in [f["name"] for f in failed]


def test_a_damaged_clients_db_is_reported_to_a_manager(cli_branch: CliBranch) -> None:
    page = flip_middle_page(cli_branch.data_dir / "clients.db")
    result = cli_branch.as_role("manager", "check")
    assert_exit(result, 1)
    assert "clients.db:cipher_integrity_check" in result.stderr
    assert f"page(s) {page}" in result.stdout


def test_an_agent_is_refused(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("agent", "check")
    assert_exit(result, 1)
    assert "无权" in result.stderr and "not allowed" in result.stderr


def test_usage(cli_branch: CliBranch) -> None:
    assert_exit(run_cli("check", "--data-dir", str(cli_branch.data_dir)), 2)  # --as is required
    assert_exit(cli_branch.as_role("it_admin", "check", "--bogus"), 2)
