"""``audit verify`` against this PC's witness: exit codes and bilingual messages.

0: intact and witnessed (or intact on a ``--no-keyring`` branch, which is told that rollback cannot
be detected); 1: an older ``branch.db`` was put back (also said on stderr at sign-in), or time
goes backwards. A finding is recorded once; later runs pass and list it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli.support import ADMIN, FAST_INIT, NOTICE_DETAILS, CliBranch, assert_exit, lines, run_cli
from tests.cli.test_init import FAIL_KEYRING

DB_FILES = ("branch.db", "branch.db-journal", "branch.db-wal", "branch.db-shm")


def test_verify_names_the_witness_it_matched(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("auditor", "audit", "verify")
    assert_exit(result, 0)
    assert "与本机的审计链见证一致" in result.stdout and "matches this PC's witness" in result.stdout
    data = cli_branch.as_role("auditor", "audit", "verify", "--json").json()
    assert data["ok"] is True and data["rollback_detectable"] is True
    assert data["witness"]["witness_state"] in ("matches", "ahead")
    assert data["time_regressions"] == [] and data["restored_triggers"] == []


def test_verify_exits_1_after_an_older_database_is_put_back(cli_branch: CliBranch, tmp_path: Path) -> None:
    aside = tmp_path / "aside"
    aside.mkdir()
    for name in DB_FILES:
        if (cli_branch.data_dir / name).exists():
            shutil.copy2(cli_branch.data_dir / name, aside / name)
    assert_exit(cli_branch.as_role("agent", "audit", "verify"), 1)  # agents may not: refused, audited
    assert_exit(cli_branch.as_role("manager", "user", "list"), 0)
    for name in DB_FILES:
        (cli_branch.data_dir / name).unlink(missing_ok=True)
        if (aside / name).exists():
            shutil.copy2(aside / name, cli_branch.data_dir / name)

    result = cli_branch.as_role("auditor", "audit", "verify")
    assert_exit(result, 1)
    for text in ("审计日志只到第", "older copy of branch.db was restored"):
        assert text in result.stderr, result  # told at sign-in
        assert text in result.stdout, result  # and in the verify report
    data = cli_branch.as_role("auditor", "audit", "verify", "--json")
    assert_exit(data, 0)  # recorded once; the witness started again
    findings = [finding["action"] for finding in data.json()["recorded_findings"]]
    assert findings == ["audit.rollback_detected"]


def test_verify_on_a_branch_without_a_keyring_says_rollback_is_undetectable(tmp_path: Path) -> None:
    data_dir = tmp_path / "branch"
    init = run_cli(
        "init",
        *NOTICE_DETAILS,
        "--data-dir",
        str(data_dir),
        "--branch-code",
        "sz001",
        "--branch-name",
        "深圳南山店",
        "--admin-username",
        ADMIN[0],
        "--password-stdin",
        "--no-keyring",
        *FAST_INIT,
        stdin=lines(ADMIN[1]),
        env=FAIL_KEYRING,
    )
    assert_exit(init, 0)
    args = ("audit", "verify", "--data-dir", str(data_dir), "--as", ADMIN[0], "--password-stdin")
    result = run_cli(*args, stdin=lines(ADMIN[1]), env=FAIL_KEYRING)
    assert_exit(result, 0)
    assert "审计链完整" in result.stdout
    assert "无法发现数据库被换成旧副本" in result.stdout and "cannot be detected" in result.stdout
    as_json = run_cli(*args, "--json", stdin=lines(ADMIN[1]), env=FAIL_KEYRING)
    assert as_json.json()["rollback_detectable"] is False
