"""``branchvault access``: status, confirming a member with the code they read out, the first
manager's set-up with its recovery sheet, and the client-data recovery code (issue 10)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.support import ADMIN, CliBranch, assert_exit, lines
from tests.support.second_factor import NO_TOTP_ARGS

NEW_AGENT = ("wang.fang", "Fang!Sales#2026x")
FINAL_PASSWORD = "Fang!Again#2026y"


def _add_member(cli_branch: CliBranch) -> None:
    added = cli_branch.as_role(
        "it_admin",
        "user",
        "add",
        "--username",
        NEW_AGENT[0],
        "--role",
        "agent",
        "--display-name",
        "王芳",
        "--json",
    )
    assert_exit(added, 0)
    temp = added.json()["temporary_password"]
    changed = cli_branch.run(
        "passwd", "--as", NEW_AGENT[0], "--password-stdin", stdin=lines(temp, NEW_AGENT[1], NEW_AGENT[1])
    )
    assert_exit(changed, 0)


def test_status_for_each_kind_of_member(cli_branch: CliBranch) -> None:
    granted = cli_branch.as_role("agent", "access", "status", "--json")
    assert_exit(granted, 0)
    assert granted.json()["client_access"] == "granted"
    it = cli_branch.as_role("it_admin", "access", "status", "--json")
    assert it.json() == {"client_access": "none", "confirmation_code": ""}


def test_a_new_agent_is_confirmed_with_the_code_they_read_out(cli_branch: CliBranch) -> None:
    _add_member(cli_branch)
    waiting = cli_branch.run("access", "status", "--json", as_user=NEW_AGENT[0], password=NEW_AGENT[1])
    assert_exit(waiting, 0)
    # no code for a sign-in alone: the password may be one someone else knows
    assert waiting.json() == {"client_access": "pending", "confirmation_code": ""}
    request = cli_branch.run(
        "access",
        "request",
        "--as",
        NEW_AGENT[0],
        "--password-stdin",
        "--json",
        stdin=lines(NEW_AGENT[1], FINAL_PASSWORD, FINAL_PASSWORD),
    )
    assert_exit(request, 0)
    code = request.json()["confirmation_code"]
    assert request.json()["client_access"] == "pending" and len(code) == 23

    refused = cli_branch.run("clients", "count", as_user=NEW_AGENT[0], password=FINAL_PASSWORD)
    assert_exit(refused, 1)
    assert "等待店长确认" in refused.stderr and "Waiting for a manager" in refused.stderr

    pending = cli_branch.as_role("manager", "access", "pending", "--json")
    assert [m["username"] for m in pending.json()["pending"]] == [NEW_AGENT[0]]

    wrong = cli_branch.as_role(
        "manager", "access", "confirm", NEW_AGENT[0], "--code", "00000-00000-00000-00000"
    )
    assert_exit(wrong, 1)
    assert "确认码不符" in wrong.stderr
    malformed = cli_branch.as_role("manager", "access", "confirm", NEW_AGENT[0], "--code", "1234")
    assert_exit(malformed, 2)
    it_tries = cli_branch.as_role("it_admin", "access", "confirm", NEW_AGENT[0], "--code", code)
    assert_exit(it_tries, 1)

    confirmed = cli_branch.as_role("manager", "access", "confirm", NEW_AGENT[0], "--code", code)
    assert_exit(confirmed, 0)
    count = cli_branch.run("clients", "count", "--json", as_user=NEW_AGENT[0], password=FINAL_PASSWORD)
    assert_exit(count, 0)


def test_setup_twice_is_refused(cli_branch: CliBranch) -> None:
    again = cli_branch.as_role("manager", "access", "setup")
    assert_exit(again, 1)
    assert "已有客户资料密钥" in again.stderr


def test_first_manager_sets_up_with_a_recovery_sheet(tmp_path: Path, cli_branch: CliBranch) -> None:
    """A fresh branch (IT's init, a manager IT added): the manager creates the key and prints the sheet."""
    data_dir = tmp_path / "fresh"
    from tests.cli.support import NOTICE_DETAILS, run_cli

    init = run_cli(
        "init",
        *NOTICE_DETAILS,
        "--data-dir",
        str(data_dir),
        "--branch-code",
        "SZ009",
        "--branch-name",
        "测试店",
        "--admin-username",
        ADMIN[0],
        "--password-stdin",
        "--security-setting",
        "kdf_target_seconds=0.01",
        *NO_TOTP_ARGS,
        "--json",
        stdin=lines(ADMIN[1]),
    )
    assert_exit(init, 0)
    fresh = CliBranch(
        data_dir, init.json()["branch_id"], init.json()["recovery_code"], cli_branch.keyring_file
    )
    added = fresh.run(
        "user",
        "add",
        "--username",
        "boss",
        "--role",
        "manager",
        "--display-name",
        "店长",
        "--json",
        as_user=ADMIN[0],
        password=ADMIN[1],
    )
    temp = added.json()["temporary_password"]
    assert_exit(
        fresh.run(
            "passwd",
            "--as",
            "boss",
            "--password-stdin",
            stdin=lines(temp, "Head!Office#2026", "Head!Office#2026"),
        ),
        0,
    )
    inside = fresh.run(
        "access",
        "setup",
        "--recovery-sheet",
        str(data_dir / "sheet.pdf"),
        as_user="boss",
        password="Head!Office#2026",
    )
    assert_exit(inside, 1)  # never into the data directory
    sheet = tmp_path / "client-recovery.pdf"
    setup = fresh.run(
        "access",
        "setup",
        "--recovery-sheet",
        str(sheet),
        "--json",
        as_user="boss",
        password="Head!Office#2026",
    )
    assert_exit(setup, 0)
    code = setup.json()["client_recovery_code"]
    assert len(code.replace("-", "")) == 25 and sheet.read_bytes().startswith(b"%PDF")
    assert code != init.json()["recovery_code"]
