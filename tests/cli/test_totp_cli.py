"""``branchvault totp enrol | status | reset`` and reading the TOTP code as the next line of
``--password-stdin`` (services/second_factor.py), as real subprocesses on the real clock."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pyotp

from tests.cli.support import (
    ADMIN,
    MANAGER,
    NOTICE_DETAILS,
    ROOT,
    CliBranch,
    assert_exit,
    assert_message,
    audit_entries,
    cli_env,
    lines,
    run_cli,
)


def enrol(cli_branch: CliBranch, user: tuple[str, str]) -> tuple[str, list[str], str]:
    """Run ``totp enrol`` interactively: read the printed URI, answer with the app's code."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "totp",
            "enrol",
            "--data-dir",
            str(cli_branch.data_dir),
            "--as",
            user[0],
            "--password-stdin",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=cli_env(),
        cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(lines(user[1]))
    proc.stdin.flush()
    printed = []
    uri = ""
    while not uri:
        line = proc.stdout.readline()
        assert line, "".join(printed) + (proc.stderr.read() if proc.stderr else "")
        printed.append(line)
        if line.startswith("URI: "):
            uri = line[5:].strip()
    secret = re.search(r"secret=([A-Z2-7]+)", uri).group(1)  # type: ignore[union-attr]
    out, err = proc.communicate(lines(pyotp.TOTP(secret).now()), timeout=60)
    assert proc.returncode == 0, out + err
    text = "".join(printed)
    assert "█" in text  # the terminal QR code
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in text
    codes = re.findall(r"\b[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}\b", out)
    assert len(codes) == 10
    return secret, codes, uri


def wait_next_step() -> None:
    time.sleep(30 - time.time() % 30 + 0.2)


def test_enrol_then_every_command_reads_the_code_as_the_next_line(cli_branch: CliBranch) -> None:
    secret, codes, uri = enrol(cli_branch, MANAGER)
    assert uri.startswith("otpauth://totp/BranchVault:lina@SZ001?")
    missing = cli_branch.as_role("manager", "totp", "status")
    assert_message(missing, "6 位动态码", "6-digit", code=2)  # nothing on the next line
    wait_next_step()  # the enrolment used this step's code
    status = cli_branch.as_role("manager", "totp", "status", "--json", stdin=lines(pyotp.TOTP(secret).now()))
    assert_exit(status, 0)
    data = status.json()
    assert data["enrolled"] is True and data["required"] is False and data["recovery_codes_left"] == 10
    replay = cli_branch.as_role("manager", "totp", "status", stdin=lines(pyotp.TOTP(secret).now()))
    assert_message(replay, "动态码错误或已使用过", "already used", code=1)
    recovered = cli_branch.as_role("manager", "totp", "status", "--json", stdin=lines(codes[0]))
    assert_exit(recovered, 0)
    assert recovered.json()["recovery_codes_left"] == 9
    assert "9" in recovered.stderr  # the notice says how many are left
    actions = [e.action for e in audit_entries(cli_branch)]
    assert "auth.second_factor_enrolled" in actions and "auth.recovery_code_used" in actions


def test_wrong_codes_lock_the_account_across_processes(cli_branch: CliBranch) -> None:
    enrol(cli_branch, MANAGER)
    for _ in range(4):
        wrong = cli_branch.as_role("manager", "totp", "status", stdin=lines("000000"))
        assert_message(wrong, "动态码错误", "Wrong or already used code", code=1)
    locked = cli_branch.as_role("manager", "totp", "status", stdin=lines("000000"))
    assert_message(locked, "账户已锁定", "locked", code=1)
    entries = [(e.action, e.outcome) for e in audit_entries(cli_branch)]
    assert entries.count(("auth.second_factor", "failure")) == 0  # queued until the next sign-in


def test_it_resets_a_lost_phone_and_required_it_must_enrol(cli_branch: CliBranch) -> None:
    enrol(cli_branch, MANAGER)
    reset = cli_branch.as_role("it_admin", "totp", "reset", MANAGER[0], "--json")
    assert_exit(reset, 0)
    assert reset.json() == {"username": MANAGER[0], "removed": True}
    assert_exit(cli_branch.as_role("manager", "totp", "status"), 0)  # no code asked any more
    refused = cli_branch.as_role("manager", "totp", "reset", ADMIN[0])
    assert_message(refused, "无权", "not allowed", code=1)
    assert_exit(cli_branch.as_role("it_admin", "config", "set", "--security", "totp_it_admin=1"), 0)
    blocked = cli_branch.as_role("it_admin", "user", "list")
    assert_message(blocked, "branchvault totp enrol", "branchvault totp enrol", code=1)
    secret, _, _ = enrol(cli_branch, ADMIN)
    assert cli_branch.as_role("it_admin", "user", "list").returncode != 0  # a code is asked now
    wait_next_step()
    listed = cli_branch.as_role("it_admin", "user", "list", stdin=lines(pyotp.TOTP(secret).now()))
    assert_exit(listed, 0)


def test_a_new_branch_requires_it_to_enrol_by_default(tmp_path: Path) -> None:
    data_dir = tmp_path / "branch"
    init = run_cli(
        "init",
        *NOTICE_DETAILS,
        "--data-dir",
        str(data_dir),
        "--branch-code",
        "SZ002",
        "--branch-name",
        "测试店",
        "--admin-username",
        ADMIN[0],
        "--password-stdin",
        "--security-setting",
        "kdf_target_seconds=0.01",
        stdin=lines(ADMIN[1]),
    )
    assert_exit(init, 0)
    assert f"branchvault totp enrol --as {ADMIN[0]}" in init.stdout
    branch = CliBranch(data_dir, "", "", tmp_path / "unused")
    refused = branch.run("user", "list", as_user=ADMIN[0], password=ADMIN[1])
    assert_message(refused, "请先设置身份验证器", "Set up your authenticator first", code=1)
    status = branch.run("totp", "status", "--json", as_user=ADMIN[0], password=ADMIN[1])
    assert_exit(status, 0)
    assert status.json()["required"] is True and status.json()["enrolled"] is False
