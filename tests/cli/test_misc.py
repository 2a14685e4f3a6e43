"""self-test, demo, help and usage errors, damaged or foreign data directories, scripts and consoles."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.second_factor import code_for
from tests.cli.support import (
    ADMIN,
    BRANCH_NAME,
    FAST_INIT,
    NOTICE_DETAILS,
    ROOT,
    CliBranch,
    Result,
    assert_exit,
    assert_message,
    cli_env,
    lines,
    run_cli,
)

NOT_OURS = ("不是本门店的 BranchVault 数据库", "not this branch's BranchVault database")
CORRUPT = ("门店数据库文件已损坏", "The branch database file is corrupted")


# --- self-test -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def self_test_json() -> tuple[int, dict[str, Any], str]:
    result = run_cli("self-test", "--json", prefix=("-X", "importtime"))
    return result.returncode, result.json(), result.stderr


def test_self_test_reports_every_check(self_test_json: tuple[int, dict[str, Any], str]) -> None:
    _, data, _ = self_test_json
    checks = {check["name"]: check for check in data["checks"]}
    assert list(checks) == ["sqlcipher", "keyring", "qt", "desktop", "fonts", "translations"]
    assert checks["sqlcipher"]["ok"] is True
    assert checks["sqlcipher"]["detail"].startswith("SQLCipher 4.")
    assert "file encrypted: True" in checks["sqlcipher"]["detail"]
    assert checks["keyring"]["ok"] is True  # the test keyring backend
    assert checks["qt"]["ok"] is True and checks["qt"]["detail"].startswith("PySide6 6.")
    assert "platform offscreen" in checks["qt"]["detail"]
    assert checks["fonts"]["ok"] is True


def test_self_test_passes(self_test_json: tuple[int, dict[str, Any], str]) -> None:
    returncode, data, _ = self_test_json
    assert data["ok"] is True, data
    assert returncode == 0
    translations = next(check for check in data["checks"] if check["name"] == "translations")
    assert "branchvault_zh_CN" in translations["detail"]


def test_self_test_never_loads_qt_in_its_own_process(self_test_json: tuple[int, dict[str, Any], str]) -> None:
    """The Qt check runs in a child process; the CLI process itself stays free of Qt."""
    _, _, import_log = self_test_json
    assert "desktop_app.cli.self_test" in import_log  # -X importtime did log this process's imports
    assert "PySide6" not in import_log and "shiboken6" not in import_log


def test_self_test_text_output() -> None:
    result = run_cli("self-test", env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert "[OK] sqlcipher: SQLCipher" in result.stdout
    assert "[WARN] keyring:" in result.stdout  # the keyring is optional (--no-keyring branches)
    assert_exit(result, 0)  # a missing keyring alone does not fail the self-test


# --- demo ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    data_dir = tmp_path_factory.mktemp("demo") / "branch"
    result = run_cli("demo", "--no-gui", "--json", "--data-dir", str(data_dir))
    assert_exit(result, 0)
    return data_dir, result.json()


def test_demo_builds_users_for_every_role_whose_passwords_sign_in(demo: tuple[Path, dict[str, Any]]) -> None:
    data_dir, data = demo
    assert Path(data["data_dir"]) == data_dir.resolve()
    users = {user["role"]: user for user in data["users"]}
    assert set(users) == {"it_admin", "manager", "agent", "auditor"}
    branch = CliBranch(data_dir, "", "", data_dir / "unused")

    def run_as(role: str, *args: str, stdin: str = "") -> Result:
        return branch.run(
            *args, as_user=users[role]["username"], password=users[role]["password"], stdin=stdin
        )

    listed = run_as("manager", "user", "list", "--json")
    assert_exit(listed, 0)
    active = {row["username"] for row in listed.json()["staff"] if row["active"]}
    assert active == {
        u["username"] for u in data["users"]
    }  # and former colleagues, disabled (programme history)
    # the demo IT administrator signs in with the printed demo authenticator secret (the next stdin line)
    assert data["totp"]["username"] == users["it_admin"]["username"]
    assert data["totp"]["uri"].startswith("otpauth://totp/") and len(data["totp"]["recovery_codes"]) == 2
    assert run_as("it_admin", "user", "list").returncode != 0  # no code on stdin
    assert_exit(
        run_as("it_admin", "user", "list", stdin=code_for(data["totp"]["secret"], time.time()) + "\n"), 0
    )
    assert_exit(run_as("auditor", "audit", "verify"), 0)
    agent = run_as("agent", "audit", "verify")
    assert_message(agent, "您的角色无权执行此操作", "Your role is not allowed to do this", code=1)
    # The demo needs no keyring at all.
    assert "use_keyring = false" in (data_dir / "branch.toml").read_text()


def test_demo_refuses_an_existing_branch(demo: tuple[Path, dict[str, Any]]) -> None:
    data_dir, _ = demo
    again = run_cli("demo", "--no-gui", "--data-dir", str(data_dir))
    assert_message(again, "已有门店，不会覆盖", "already holds a branch", code=1)


# --- help and usage errors -------------------------------------------------------------------------


def test_help_lists_the_exit_codes() -> None:
    result = run_cli("--help")
    assert_exit(result, 0)
    for text in (
        "0  success / 成功",
        "1  refused or failed check / 被拒绝或检查未通过",
        "2  usage error / 用法错误",
    ):
        assert text in result.stdout
    for command in ("init", "user", "passwd", "audit", "rekey", "recover", "self-test", "demo", "gui"):
        assert command in result.stdout
    assert "--password-stdin" in result.stdout and "BRANCHVAULT_HOME" in result.stdout


@pytest.mark.parametrize("command", [["init"], ["user", "add"], ["audit", "verify"], ["recover"]])
def test_subcommand_help(command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert_exit(result, 0)
    assert result.stdout.startswith("usage: branchvault " + " ".join(command))


def test_init_help_lists_the_exit_codes() -> None:
    assert "2  usage error / 用法错误" in run_cli("init", "--help").stdout


def test_version() -> None:
    result = run_cli("--version")
    assert_exit(result, 0)
    assert result.stdout.strip() == "BranchVault 0.1.0"


@pytest.mark.parametrize(
    "args",
    [
        ["init", "--branch-code", "SZ001"],
        ["user"],
        ["user", "add", "--as", "it.admin", "--password-stdin"],
        ["user", "list"],
        ["user", "disable", "--as", "it.admin"],
        ["user", "reset-password", "--as", "it.admin"],
        ["passwd"],
        ["audit"],
        ["audit", "export", "--as", "it.admin"],
        ["audit", "verify"],
        ["rekey"],
        ["recover"],
        ["no-such-command"],
        ["user", "list", "--as", "it.admin", "--no-such-option"],
        ["user", "frobnicate"],
    ],
    ids=lambda args: "_".join(args),
)
def test_missing_or_unknown_arguments_are_usage_errors(args: list[str], tmp_path: Path) -> None:
    result = run_cli(*args, stdin=lines(ADMIN[1]))
    assert_message(result, "命令用法有误", "error:", code=2)
    assert "usage: branchvault" in result.stderr and "--help" in result.stderr
    assert result.stdout == ""
    assert not any(tmp_path.iterdir())


# --- no branch, damaged branch, foreign files ------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        # one per way a command starts: signing in, passwd, recover
        ["user", "list", "--as", "it.admin", "--password-stdin"],
        ["passwd", "--as", "it.admin", "--password-stdin"],
        ["recover", "--username", "it.admin", "--password-stdin"],
    ],
    ids=["user-list", "passwd", "recover"],
)
def test_a_command_on_an_empty_data_dir_says_to_run_init(tmp_path: Path, args: list[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli(*args, "--data-dir", str(empty), stdin=lines(ADMIN[1], "New!Branch#2026y"))
    assert_message(result, "请先由 IT 运行 branchvault init", "IT runs `branchvault init` first", code=1)
    assert str(empty) in result.stderr
    assert list(empty.iterdir()) == []


def test_a_missing_data_dir_is_not_created_by_a_command(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    result = run_cli(
        "audit",
        "verify",
        "--as",
        "it.admin",
        "--password-stdin",
        "--data-dir",
        str(missing),
        stdin=lines("x"),
    )
    assert_message(result, "branchvault init", "branchvault init", code=1)
    assert not missing.exists()


def overwrite(path: Path, offset: int, length: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(os.urandom(length))


def _audit_log_root_page_offset(cli_branch: CliBranch, monkeypatch: pytest.MonkeyPatch) -> int:
    """Where the audit log's root page sits in the file (``audit verify`` always reads it; the last
    page of the file may belong to an index nothing reads, so it is no reliable target)."""
    from desktop_app.store.database import open_database
    from tests.support.database_key import database_key

    monkeypatch.setenv("BRANCHVAULT_TEST_KEYRING_FILE", str(cli_branch.keyring_file))
    key = database_key(cli_branch.data_dir, *ADMIN)
    database = open_database(cli_branch.data_dir / "branch.db", key)
    root = database.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'").fetchone()[0]
    database.close()
    return (int(root) - 1) * 4096


@pytest.mark.parametrize("where", ["beginning", "first-page", "middle", "audit-log-page"])
def test_a_corrupted_database_gives_a_clear_message(
    cli_branch: CliBranch, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = cli_branch.data_dir / "branch.db"
    size = database.stat().st_size
    if where == "audit-log-page":
        offset, length = _audit_log_root_page_offset(cli_branch, monkeypatch) + 100, 1000
    else:
        offset, length = {
            "beginning": (0, 4096),
            "first-page": (200, 512),
            "middle": (size // 4, size // 2),  # the middle half: new tables' empty pages sit near the end
        }[where]
    overwrite(database, offset, length)
    result = cli_branch.as_role("auditor", "audit", "verify", "--json")
    assert_exit(result, 1)
    # The first 16 bytes are SQLCipher's salt: without it the file is indistinguishable from
    # another database put in its place, and the message says so.
    expected = [CORRUPT, NOT_OURS] if where == "beginning" else [CORRUPT]
    assert any(zh in result.stderr and en in result.stderr for zh, en in expected), str(result)
    assert result.json()["error"] in ("database_corrupt", "not_branchvault_database")


def test_a_plain_sqlite_file_is_not_a_branchvault_database(cli_branch: CliBranch) -> None:
    database = cli_branch.data_dir / "branch.db"
    database.unlink()
    with sqlite3.connect(database) as foreign:
        foreign.execute("CREATE TABLE staff (username TEXT)")
        foreign.execute("INSERT INTO staff VALUES ('it.admin')")
    foreign.close()
    result = cli_branch.as_role("it_admin", "user", "list")
    assert_message(result, *NOT_OURS, code=1)


def test_another_branchs_database_is_not_this_branchs(
    cli_branch: CliBranch, demo: tuple[Path, dict[str, Any]]
) -> None:
    shutil.copyfile(demo[0] / "branch.db", cli_branch.data_dir / "branch.db")
    result = cli_branch.as_role("it_admin", "user", "list")
    assert_message(result, *NOT_OURS, code=1)


def test_an_empty_database_file(cli_branch: CliBranch) -> None:
    (cli_branch.data_dir / "branch.db").write_bytes(b"")
    result = cli_branch.as_role("it_admin", "user", "list")
    assert_exit(result, 1)
    assert any(zh in result.stderr and en in result.stderr for zh, en in (CORRUPT, NOT_OURS)), str(result)


def test_a_missing_database_file(cli_branch: CliBranch) -> None:
    (cli_branch.data_dir / "branch.db").unlink()
    result = cli_branch.as_role("it_admin", "user", "list")
    assert_message(result, "找不到门店数据库文件", "The branch database file is missing", code=1)


def test_a_damaged_key_slot_file(cli_branch: CliBranch) -> None:
    (cli_branch.data_dir / "keyslots.json").write_text("{ this is not json")
    result = cli_branch.as_role("it_admin", "user", "list")
    assert_message(
        result, "密钥槽文件缺失、损坏或不属于本门店", "The key-slot file is missing, damaged", code=1
    )


def test_a_damaged_branch_config(cli_branch: CliBranch) -> None:
    (cli_branch.data_dir / "branch.toml").write_text("[branch\nid = ")
    result = cli_branch.as_role("it_admin", "user", "list")
    assert_message(result, "门店配置文件无法读取", "The branch configuration file cannot be read", code=1)


def test_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    result = run_cli(
        "init",
        *NOTICE_DETAILS,
        "--data-dir",
        str(not_a_dir),
        "--branch-code",
        "SZ001",
        "--branch-name",
        BRANCH_NAME,
        "--admin-username",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(ADMIN[1]),
    )
    assert_message(result, "无法读写文件", "Cannot read or write a file", code=1)


# --- scripts, consoles, unexpected failures --------------------------------------------------------


def branchvault_command() -> str:
    script = Path(sys.executable).parent / ("branchvault.exe" if os.name == "nt" else "branchvault")
    if script.is_file():
        return shlex.quote(str(script))
    return f"{shlex.quote(sys.executable)} -m desktop_app"


def run_script(script: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=cli_env({"BV": branchvault_command(), "DATA": str(data_dir)}),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_init_add_verify_as_one_non_interactive_script(tmp_path: Path) -> None:
    script = f"""
    set -u
    printf '%s\\n' '{ADMIN[1]}' | $BV init --data-dir "$DATA" --branch-code SZ001 --branch-name 南山店 \\
        --admin-username {ADMIN[0]} --password-stdin {" ".join(FAST_INIT)} {" ".join(NOTICE_DETAILS)} > /dev/null &&
    printf '%s\\n' '{ADMIN[1]}' | $BV user add --data-dir "$DATA" --as {ADMIN[0]} --password-stdin \\
        --username zhangwei --role agent --display-name 张伟 > /dev/null &&
    printf '%s\\n' '{ADMIN[1]}' | $BV audit verify --data-dir "$DATA" --as {ADMIN[0]} --password-stdin
    """
    proc = run_script(script, tmp_path / "branch")
    assert proc.returncode == 0, proc
    assert "audit chain intact" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_a_failing_step_stops_a_set_e_script_with_exit_1(cli_branch: CliBranch, tmp_path: Path) -> None:
    script = f"""
    set -e
    printf '%s\\n' '{ADMIN[1]}' | $BV audit verify --data-dir "$DATA" --as {ADMIN[0]} --password-stdin
    printf 'wrong\\n' | $BV user list --data-dir "$DATA" --as {ADMIN[0]} --password-stdin
    echo "not reached"
    """
    proc = run_script(script, cli_branch.data_dir)
    assert proc.returncode == 1, proc
    assert "audit chain intact" in proc.stdout
    assert "not reached" not in proc.stdout
    assert "Wrong username or password" in proc.stderr


def test_a_console_that_cannot_encode_chinese_still_gets_the_output(tmp_path: Path) -> None:
    """E.g. a Windows script redirecting output in a cp1252 locale: never fail after the work is done."""
    data_dir = tmp_path / "branch"
    env = {"PYTHONIOENCODING": "ascii"}
    result = run_cli(
        "init",
        *NOTICE_DETAILS,
        "--data-dir",
        str(data_dir),
        "--branch-code",
        "SZ001",
        "--branch-name",
        BRANCH_NAME,
        "--admin-username",
        ADMIN[0],
        "--password-stdin",
        *FAST_INIT,
        stdin=lines(ADMIN[1]),
        env=env,
    )
    assert_exit(result, 0)
    assert "Recovery code" in result.stdout and "\\u6062" in result.stdout  # 恢 escaped, not lost
    as_json = run_cli(
        "user",
        "list",
        "--json",
        "--data-dir",
        str(data_dir),
        "--as",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(ADMIN[1]),
        env=env,
    )
    assert_exit(as_json, 0)
    assert as_json.json()["staff"][0]["username"] == ADMIN[0]


PATCHED_MAIN = """
import sys
import sqlcipher3
from desktop_app.cli import commands
from desktop_app.cli.main import main

def fail(args, out):
    raise {error}

commands.HANDLERS["self-test"] = fail
sys.exit(main(["self-test", *sys.argv[1:]]))
"""


def run_patched(
    error: str, *args: str, env: dict[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PATCHED_MAIN.format(error=error), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=cli_env(env),
        cwd=ROOT,
        timeout=60,
    )


def test_an_unexpected_error_is_one_clear_message_not_a_traceback() -> None:
    proc = run_patched("RuntimeError('something odd')", "--json")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "意外错误（RuntimeError: something odd）" in proc.stderr
    assert "Unexpected error (RuntimeError: something odd)" in proc.stderr
    assert "BRANCHVAULT_DEBUG=1" in proc.stderr
    assert json.loads(proc.stdout)["error"] == "unexpected_error"
    debug = run_patched("RuntimeError('something odd')", env={"BRANCHVAULT_DEBUG": "1"})
    assert debug.returncode == 1 and "Traceback" in debug.stderr  # developers can still see it


def _sqlite_error(kind: str, message: str, code: str) -> str:
    return f"(lambda e: (setattr(e, 'sqlite_errorcode', sqlcipher3.{code}), e)[1])(sqlcipher3.{kind}({message!r}))"


@pytest.mark.parametrize(
    ("error", "zh", "en"),
    [
        (
            _sqlite_error("OperationalError", "database is locked", "SQLITE_BUSY"),
            "正被另一个 BranchVault 窗口或命令占用",
            "The branch database is busy",
        ),
        (_sqlite_error("DatabaseError", "database disk image is malformed", "SQLITE_CORRUPT"), *CORRUPT),
        (_sqlite_error("DatabaseError", "file is not a database", "SQLITE_NOTADB"), *CORRUPT),
        (
            "sqlcipher3.OperationalError('no such table: clients')",
            "意外错误",
            "Unexpected error (OperationalError: no such table: clients)",
        ),
    ],
    ids=["busy", "corrupt", "notadb", "other"],
)
def test_database_errors_after_opening_are_named_correctly(error: str, zh: str, en: str) -> None:
    """A busy database is not reported as a corrupted one (which tells IT to restore a backup)."""
    proc = run_patched(error)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert zh in proc.stderr and en in proc.stderr, proc.stderr
    if "busy" in en:
        assert CORRUPT[1] not in proc.stderr


def test_gui_without_the_ui_package_gives_a_clear_message() -> None:
    code = (
        "import sys; sys.modules['desktop_app.ui.application'] = None\n"
        "from desktop_app.cli.main import main\n"
        "sys.exit(main(['gui']))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=cli_env(),
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "无法启动图形界面" in proc.stderr and "The graphical interface cannot start" in proc.stderr


@pytest.mark.parametrize(
    "backend",
    ["keyring.backends.SecretService.Keyring", "no_such_module.Keyring"],
    ids=["secretservice-without-dbus", "missing-module"],
)
def test_a_keyring_backend_that_cannot_start_is_reported_as_no_keyring(tmp_path: Path, backend: str) -> None:
    result = run_cli(
        "init",
        *NOTICE_DETAILS,
        "--data-dir",
        str(tmp_path / "branch"),
        "--branch-code",
        "SZ001",
        "--branch-name",
        BRANCH_NAME,
        "--admin-username",
        ADMIN[0],
        "--password-stdin",
        *FAST_INIT,
        stdin=lines(ADMIN[1]),
        env={"PYTHON_KEYRING_BACKEND": backend, "DBUS_SESSION_BUS_ADDRESS": None},
    )
    assert_message(result, "系统密钥环不可用", "The system keyring is not available", code=1)
