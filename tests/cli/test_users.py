"""Staff accounts, passwords, sign-in failures, lockout and role refusals through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.store.key_slots import SlotOpenFailed
from tests.cli.support import (
    ADMIN,
    AGENT,
    MANAGER,
    STAFF,
    TEMP_PASSWORD,
    CliBranch,
    assert_exit,
    assert_message,
    audit_entries,
    database_key,
    lines,
)

NEW_PASSWORD = "New!Branch#2026y"


def add_user(cli_branch: CliBranch, username: str, role: str, display_name: str = "新同事") -> str:
    result = cli_branch.as_role(
        "it_admin",
        "user",
        "add",
        "--username",
        username,
        "--role",
        role,
        "--display-name",
        display_name,
        "--json",
    )
    assert_exit(result, 0)
    data = result.json()
    assert data["username"] == username and data["role"] == role
    assert TEMP_PASSWORD.fullmatch(data["temporary_password"])
    return str(data["temporary_password"])


def staff_rows(cli_branch: CliBranch, role: str = "it_admin") -> dict[str, dict[str, object]]:
    result = cli_branch.as_role(role, "user", "list", "--json")
    assert_exit(result, 0)
    return {row["username"]: row for row in result.json()["staff"]}


def test_user_add_prints_a_one_time_password(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role(
        "it_admin", "user", "add", "--username", "wangfang", "--role", "agent", "--display-name", "王芳"
    )
    assert_exit(result, 0)
    assert "wangfang" in result.stdout
    assert "销售顾问" in result.stdout and "Sales agent" in result.stdout
    match = TEMP_PASSWORD.search(result.stdout)
    assert match is not None, result.stdout
    assert "临时密码" in result.stdout and "temporary password" in result.stdout
    rows = staff_rows(cli_branch)
    assert rows["wangfang"] == {
        "username": "wangfang",
        "display_name": "王芳",
        "role": "agent",
        "active": True,
        "must_change_password": True,
    }


def test_user_list_shows_every_role(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("manager", "user", "list")
    assert_exit(result, 0)
    for username, _ in STAFF.values():
        assert username in result.stdout
    rows = staff_rows(cli_branch, "manager")
    assert {name: row["role"] for name, row in rows.items()} == {
        username: role for role, (username, _) in STAFF.items()
    }
    assert all(row["active"] and not row["must_change_password"] for row in rows.values())


def test_a_new_user_must_change_the_temporary_password_first(cli_branch: CliBranch) -> None:
    temporary = add_user(cli_branch, "wang.li", "manager")
    refused = cli_branch.run("user", "list", "--json", as_user="wang.li", password=temporary)
    assert_message(refused, "必须先修改密码", "You must change your password first", code=1)
    assert_message(refused, "branchvault passwd", "branchvault passwd")
    assert refused.json()["error"] == "must_change_password"
    # passwd reads the current password, then the new one, from stdin.
    changed = cli_branch.run("passwd", as_user="wang.li", password=temporary, stdin=lines(NEW_PASSWORD))
    assert_exit(changed, 0)
    assert "密码已修改" in changed.stdout and "password changed" in changed.stdout
    listed = cli_branch.run("user", "list", "--json", as_user="wang.li", password=NEW_PASSWORD)
    assert_exit(listed, 0)
    assert {row["username"]: row for row in listed.json()["staff"]}["wang.li"][
        "must_change_password"
    ] is False
    old = cli_branch.run("user", "list", as_user="wang.li", password=temporary)
    assert_message(old, "用户名或密码错误", "Wrong username or password", code=1)


def test_passwd_json(cli_branch: CliBranch) -> None:
    result = cli_branch.run(
        "passwd", "--json", as_user=MANAGER[0], password=MANAGER[1], stdin=lines(NEW_PASSWORD)
    )
    assert_exit(result, 0)
    assert result.json() == {"username": MANAGER[0], "changed": True}


@pytest.mark.parametrize(
    ("current", "new", "code", "zh", "en"),
    [
        ("wrong-password", NEW_PASSWORD, 1, "用户名或密码错误", "Wrong username or password"),
        (MANAGER[1], "short1!A", 1, "至少 10 个字符", "at least 10 characters"),
        (
            MANAGER[1],
            MANAGER[1],
            1,
            "新密码不能与旧密码相同",
            "the new password must differ from the old one",
        ),
    ],
    ids=["wrong-current", "too-short", "unchanged"],
)
def test_passwd_refusals(cli_branch: CliBranch, current: str, new: str, code: int, zh: str, en: str) -> None:
    result = cli_branch.run("passwd", as_user=MANAGER[0], password=current, stdin=lines(new))
    assert_message(result, zh, en, code=code)
    database_key(cli_branch.data_dir, *MANAGER)  # the old password still opens the slot


def test_passwd_needs_the_new_password_on_stdin(cli_branch: CliBranch) -> None:
    result = cli_branch.run("passwd", as_user=MANAGER[0], password=MANAGER[1])
    assert_message(result, "标准输入中缺少新密码", "Expected the new password on standard input", code=2)


@pytest.mark.parametrize(
    ("username", "password"),
    [(ADMIN[0], "not-the-password"), ("nobody", "whatever-password"), (ADMIN[0], "")],
    ids=["wrong-password", "unknown-user", "empty-password"],
)
def test_wrong_credentials_give_one_message(cli_branch: CliBranch, username: str, password: str) -> None:
    result = cli_branch.run("user", "list", "--json", as_user=username, password=password)
    assert_message(result, "用户名或密码错误。", "Wrong username or password.", code=1)
    assert result.json() == {
        "error": "wrong_credentials",
        "message_zh": "用户名或密码错误。",
        "message_en": "Wrong username or password.",
    }


def test_missing_password_on_stdin_is_a_usage_error(cli_branch: CliBranch) -> None:
    result = cli_branch.run("user", "list", "--as", ADMIN[0], "--password-stdin")
    assert_message(result, "标准输入中缺少密码", "Expected the password on standard input", code=2)


def test_without_password_stdin_and_no_terminal_the_cli_says_how(cli_branch: CliBranch) -> None:
    result = cli_branch.run("user", "list", "--as", ADMIN[0], stdin=lines(ADMIN[1]))
    assert_message(result, "请使用 --password-stdin", "use --password-stdin", code=2)


def test_lockout_after_five_failures_across_processes(cli_branch: CliBranch) -> None:
    for attempt in range(1, 5):
        result = cli_branch.run("user", "list", as_user=MANAGER[0], password=f"wrong-{attempt}")
        assert_message(result, "用户名或密码错误", "Wrong username or password", code=1)
    fifth = cli_branch.run("user", "list", as_user=MANAGER[0], password="wrong-5")
    assert_message(fifth, "账户已锁定，请 15 分钟后再试", "locked; try again in 15 minutes", code=1)
    # Now even the right password is refused, with the minutes left.
    right = cli_branch.run("user", "list", "--json", as_user=MANAGER[0], password=MANAGER[1])
    assert_message(right, "账户已锁定", "The account is locked", code=1)
    assert "分钟" in right.stderr and "minute" in right.stderr
    assert right.json()["error"] == "account_locked"
    # Other accounts are not affected, and the failures reach the audit log at the next sign-in.
    assert_exit(cli_branch.as_role("auditor", "audit", "verify"), 0)
    entries = audit_entries(cli_branch)
    failures = [e for e in entries if e.action == "auth.sign_in" and e.outcome == "failure"]
    assert [e.target_id for e in failures] == [MANAGER[0]] * 5
    assert [e.target_id for e in entries if e.action == "auth.lockout"] == [MANAGER[0]]
    assert not any("wrong-" in json.dumps(e.__dict__) for e in entries)  # attempted passwords never logged


def test_disable_removes_access(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("it_admin", "user", "disable", AGENT[0], "--json")
    assert_exit(result, 0)
    assert result.json() == {"username": AGENT[0], "active": False}
    assert staff_rows(cli_branch)[AGENT[0]]["active"] is False
    signin = cli_branch.run("passwd", as_user=AGENT[0], password=AGENT[1], stdin=lines(NEW_PASSWORD))
    assert_message(signin, "用户名或密码错误", "Wrong username or password", code=1)
    slots = json.loads((cli_branch.data_dir / "keyslots.json").read_text())
    assert AGENT[0] not in {slot["name"] for slot in slots["slots"]}


def test_the_last_it_admin_cannot_be_disabled(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("it_admin", "user", "disable", ADMIN[0])
    assert_message(result, "是最后一位在职的", "is the last active", code=1)
    assert_exit(cli_branch.as_role("it_admin", "user", "list"), 0)


def test_disable_unknown_user(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("it_admin", "user", "disable", "nobody")
    assert_message(result, "找不到用户 nobody", "No staff member named nobody", code=1)


def test_reset_password_gives_a_temporary_password_and_re_enables(cli_branch: CliBranch) -> None:
    assert_exit(cli_branch.as_role("it_admin", "user", "disable", AGENT[0]), 0)
    result = cli_branch.as_role("it_admin", "user", "reset-password", AGENT[0])
    assert_exit(result, 0)
    match = TEMP_PASSWORD.search(result.stdout)
    assert match is not None and "临时密码" in result.stdout and "temporary password" in result.stdout
    temporary = match.group(0)
    row = staff_rows(cli_branch)[AGENT[0]]
    assert row["active"] is True and row["must_change_password"] is True
    with pytest.raises(SlotOpenFailed):
        database_key(cli_branch.data_dir, *AGENT)  # the old password no longer opens anything
    assert_exit(cli_branch.run("passwd", as_user=AGENT[0], password=temporary, stdin=lines(NEW_PASSWORD)), 0)
    # The agent can sign in again: what is refused now is the role, not the password.
    refused = cli_branch.run("audit", "verify", as_user=AGENT[0], password=NEW_PASSWORD)
    assert_message(refused, "您的角色无权执行此操作", "Your role is not allowed to do this", code=1)


def test_reset_password_json(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("it_admin", "user", "reset-password", MANAGER[0], "--json")
    assert_exit(result, 0)
    data = result.json()
    assert data["username"] == MANAGER[0]
    assert TEMP_PASSWORD.fullmatch(data["temporary_password"])


def test_reset_password_unknown_user(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("it_admin", "user", "reset-password", "nobody")
    assert_message(result, "找不到用户 nobody", "No staff member named nobody", code=1)


def test_user_add_refuses_a_duplicate(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role(
        "it_admin", "user", "add", "--username", AGENT[0], "--role", "agent", "--display-name", "重复"
    )
    assert_message(result, f"用户名 {AGENT[0]} 已存在", f"The username {AGENT[0]} already exists", code=1)


@pytest.mark.parametrize(
    ("username", "role", "display_name", "zh", "en"),
    [
        ("newbie", "boss", "新人", "角色须为", "The role is one of"),
        ("Bad Name", "agent", "新人", "用户名须为", "A username is"),
        ("newbie", "agent", "   ", "显示名不能为空", "The display name must not be empty"),
    ],
    ids=["unknown-role", "bad-username", "blank-display-name"],
)
def test_user_add_invalid_input_is_a_usage_error(
    cli_branch: CliBranch, username: str, role: str, display_name: str, zh: str, en: str
) -> None:
    result = cli_branch.as_role(
        "it_admin", "user", "add", "--username", username, "--role", role, "--display-name", display_name
    )
    assert_message(result, zh, en, code=2)


def test_user_add_accepts_a_role_label(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role(
        "it_admin", "user", "add", "--username", "sun.audit", "--role", "审计员", "--display-name", "孙审计"
    )
    assert_exit(result, 0)
    assert staff_rows(cli_branch)["sun.audit"]["role"] == "auditor"


@pytest.mark.parametrize(
    ("role", "command", "zh", "en"),
    [
        (
            "agent",
            ["user", "add", "--username", "x.y.z", "--role", "agent", "--display-name", "X"],
            "管理员工账户",
            "manage staff accounts",
        ),
        ("agent", ["user", "list"], "查看员工列表", "list staff"),
        ("auditor", ["user", "list"], "查看员工列表", "list staff"),
        ("manager", ["user", "disable", "zhangwei"], "管理员工账户", "manage staff accounts"),
        (
            "it_admin",
            ["audit", "export", "--out", "{tmp}/audit.jsonl"],
            "导出审计日志",
            "export the audit log",
        ),
        ("agent", ["audit", "verify"], "校验审计链", "verify the audit chain"),
        ("manager", ["rekey"], "轮换数据库密钥", "rotate the database key"),
    ],
    ids=[
        "agent-user-add",
        "agent-user-list",
        "auditor-user-list",
        "manager-user-disable",
        "it_admin-audit-export",
        "agent-audit-verify",
        "manager-rekey",
    ],
)
def test_role_refusals(
    cli_branch: CliBranch, tmp_path: Path, role: str, command: list[str], zh: str, en: str
) -> None:
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in command]
    result = cli_branch.as_role(role, *args, "--json")
    assert_message(result, "您的角色无权执行此操作", "Your role is not allowed to do this", code=1)
    assert_message(result, zh, en)
    assert result.json()["error"] == "permission_denied"
    assert not (tmp_path / "audit.jsonl").exists()
    # The refusal itself is audited.
    denied = [e for e in audit_entries(cli_branch) if e.action == "access.denied"]
    assert [(e.actor_username, e.outcome) for e in denied] == [(STAFF[role][0], "denied")]
