"""``branchvault config show|set``: IT only, audited, the machine policy still tightening; an edited
``branch.toml`` reported on stderr at sign-in; ``provision`` refusing an unauthorised change."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from tests.cli.support import (
    ADMIN,
    CliBranch,
    assert_exit,
    assert_message,
    audit_entries,
    lines,
    read_config,
    run_cli,
)
from tests.support.second_factor import NO_TOTP


def test_it_shows_the_settings_in_force(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("it_admin", "config", "show", "--json")
    assert_exit(result, 0)
    data = result.json()
    assert data["identity"]["company_name"] == "示例地产经纪有限公司"
    assert data["in_force"]["lockout_attempts"] == 5 and data["security"] == {
        "kdf_target_seconds": 0.01,
        **NO_TOTP,
    }
    text = cli_branch.as_role("it_admin", "config", "show")
    assert_exit(text, 0)
    assert "lockout_attempts" in text.stdout and "门店信息" in text.stdout


def test_it_sets_security_and_identity_audited_and_the_file_follows(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role(
        "it_admin",
        "config",
        "set",
        "--security",
        "lockout_attempts=3",
        "--security",
        "idle_lock_minutes=10",
        "--hq-name",
        "示例地产集团总部",
        "--json",
    )
    assert_exit(result, 0)
    data = result.json()
    assert data["changed"]["security.lockout_attempts"] == {"old": 5, "new": 3}
    assert data["changed"]["branch.hq_name"] == {"old": "", "new": "示例地产集团总部"}
    stored = read_config(cli_branch.data_dir)
    assert stored["security"]["lockout_attempts"] == 3 and stored["branch"]["hq_name"] == "示例地产集团总部"
    [entry] = [e for e in audit_entries(cli_branch) if e.action == "config.edit"]
    assert entry.actor_username == ADMIN[0]
    assert sorted(entry.details["changed"]) == sorted(data["changed"])

    again = cli_branch.as_role("it_admin", "config", "set", "--security", "lockout_attempts=3")
    assert_exit(again, 0)
    assert "unchanged" in again.stdout


def test_other_roles_are_refused(cli_branch: CliBranch) -> None:
    before = (cli_branch.data_dir / "branch.toml").read_bytes()
    for role in ("manager", "agent", "auditor"):
        result = cli_branch.as_role(role, "config", "set", "--security", "lockout_attempts=10")
        assert_message(result, "无权", "not allowed", code=1)
    assert_message(cli_branch.as_role("auditor", "config", "show"), "无权", "not allowed", code=1)
    assert (cli_branch.data_dir / "branch.toml").read_bytes() == before
    denied = [e for e in audit_entries(cli_branch) if e.action == "access.denied"]
    assert len(denied) == 4 and {e.target_id for e in denied} == {"config.edit"}


def test_usage_errors_and_invalid_values_exit_2(cli_branch: CliBranch) -> None:
    nothing = run_cli("config", "set", "--data-dir", str(cli_branch.data_dir), "--as", ADMIN[0])
    assert_message(nothing, "至少指定一项", "at least one setting", code=2)  # no password asked
    bad = cli_branch.as_role("it_admin", "config", "set", "--security", "lockout_attempts=50")
    assert_message(bad, "安全设置无效", "between 1 and 10", code=2)
    url = cli_branch.as_role("it_admin", "config", "set", "--hq-url", "http://hq.example.cn")
    assert_message(url, "https://", "https://", code=2)
    # A value every consent form prints cannot be emptied (no form could be printed afterwards).
    cleared = cli_branch.as_role("it_admin", "config", "set", "--company-name", " ")
    assert_message(cleared, "不能清空隐私告知书必须载明的信息：公司名称", "cannot be emptied", code=2)


def test_the_machine_policy_still_tightens(cli_branch: CliBranch, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("[security]\nlockout_attempts = 3\n", encoding="utf-8")
    env: dict[str, str | None] = {"BRANCHVAULT_POLICY": str(policy)}
    result = cli_branch.as_role(
        "it_admin", "config", "set", "--security", "lockout_attempts=8", "--json", env=env
    )
    assert_exit(result, 0)
    data = result.json()
    assert data["security"]["lockout_attempts"] == 8 and data["in_force"]["lockout_attempts"] == 3
    assert data["overridden_by_machine_policy"] == ["lockout_attempts"]
    assert "机器安全策略" in result.stderr and "machine policy file is stricter" in result.stderr


def test_an_edited_file_is_reported_at_sign_in_and_restored(cli_branch: CliBranch) -> None:
    path = cli_branch.data_dir / "branch.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["security"]["password_min_length"] = 8
    data["branch"]["company_name"] = "冒名公司"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    result = cli_branch.as_role("agent", "clients", "count")
    assert_exit(result, 0)
    assert (
        "branch.toml" in result.stderr and "restored" in result.stderr and "已按加密数据库" in result.stderr
    )
    assert "security.password_min_length" in result.stderr and "branch.company_name" in result.stderr
    restored = read_config(cli_branch.data_dir)
    assert restored["branch"]["company_name"] == "示例地产经纪有限公司"
    assert "password_min_length" not in restored["security"]
    [entry] = [e for e in audit_entries(cli_branch) if e.action == "config.file_tampered"]
    assert entry.actor_username == "zhangwei"


def test_provision_changing_an_existing_branch_needs_it(cli_branch: CliBranch, tmp_path: Path) -> None:
    machine = tmp_path / "c.toml"
    machine.write_text(
        '[branch]\ncode = "SZ001"\nname = "深圳南山二店"\n[company]\nname = "示例地产经纪有限公司"\n'
        'contact = "400-000-0000"\n[install]\nkeyring = "required"\n',
        encoding="utf-8",
    )
    before = (cli_branch.data_dir / "branch.toml").read_bytes()
    refused = run_cli("provision", "--config", str(machine), "--data-dir", str(cli_branch.data_dir))
    assert_message(refused, "须由 IT 管理员登录授权", "needs an IT administrator's sign-in", code=1)
    assert (cli_branch.data_dir / "branch.toml").read_bytes() == before

    wrong = run_cli(
        "provision",
        "--config",
        str(machine),
        "--data-dir",
        str(cli_branch.data_dir),
        "--admin",
        ADMIN[0],
        stdin=lines("Wrong!Password#1"),
    )
    assert_message(wrong, "用户名或密码错误", "Wrong username or password", code=1)
    assert (cli_branch.data_dir / "branch.toml").read_bytes() == before

    applied = run_cli(
        "provision",
        "--config",
        str(machine),
        "--data-dir",
        str(cli_branch.data_dir),
        "--admin",
        ADMIN[0],
        "--json",
        stdin=lines(ADMIN[1]),
    )
    assert_exit(applied, 0)
    assert applied.json()["status"] == "updated"
    assert read_config(cli_branch.data_dir)["branch"]["name"] == "深圳南山二店"
    [entry] = [e for e in audit_entries(cli_branch) if e.action == "branch.provision"]
    assert entry.actor_username == ADMIN[0] and entry.details == {"changed": ["branch_name"]}


def test_help_lists_config() -> None:
    assert "config" in run_cli("--help").stdout
    result = run_cli("config", "set", "--help")
    assert_exit(result, 0)
    for text in ("--security", "--company-name", "--hq-url", "--as"):
        assert text in result.stdout
