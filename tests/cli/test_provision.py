"""``branchvault provision``: first set-up from a machine-wide file, idempotent re-runs, safe updates,
refusals that touch nothing, invalid files (exit 2), the machine-wide location, and per-user settings
never overriding what the file set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.support import (
    ADMIN,
    BRANCH_NAME,
    RECOVERY_CODE,
    CliBranch,
    Result,
    assert_exit,
    assert_message,
    audit_entries,
    lines,
    read_config,
    run_cli,
)
from tests.support.file_keyring import device_secret_entries

MACHINE_FILE = """\
[branch]
code = "{code}"
name = "{name}"
[company]
name = "示例地产经纪有限公司"
contact = "400-000-0000"
[headquarters]
name = "示例地产集团总部"
contact = "021-0000-0000"
url = "{url}"
[install]
keyring = "{keyring}"
{install_extra}
[security]
kdf_target_seconds = 0.01
"""


def machine_file(
    path: Path,
    *,
    code: str = "SZ001",
    name: str = BRANCH_NAME,
    url: str = "https://hq.example.cn",
    keyring: str = "required",
    install_extra: str = "",
) -> Path:
    path.write_text(
        MACHINE_FILE.format(code=code, name=name, url=url, keyring=keyring, install_extra=install_extra),
        encoding="utf-8",
    )
    return path


def provision(*args: str, stdin: str = "", env: dict[str, str | None] | None = None) -> Result:
    return run_cli("provision", *args, stdin=stdin, env=env)


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir()) if p.is_file()}


def keyring_entries(keyring_file: Path) -> dict[str, str]:
    return json.loads(keyring_file.read_text()) if keyring_file.exists() else {}


def test_first_provision_sets_up_the_branch_and_a_rerun_reports_unchanged(
    tmp_path: Path, data_dir: Path, _test_keyring: Path
) -> None:
    config_file = machine_file(tmp_path / "branch-config.toml")
    first = provision(
        "--config",
        str(config_file),
        "--data-dir",
        str(data_dir),
        "--admin",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(ADMIN[1]),
    )
    assert_exit(first, 0)
    assert len(RECOVERY_CODE.findall(first.stdout)) == 1, first.stdout
    assert "恢复码" in first.stdout and "Recovery code" in first.stdout
    stored = read_config(data_dir)
    assert stored["branch"]["code"] == "SZ001"
    assert stored["branch"]["name"] == BRANCH_NAME
    assert stored["branch"]["hq_url"] == "https://hq.example.cn"
    assert stored["branch"]["hq_name"] == "示例地产集团总部"
    assert stored["branch"]["company_contact"] == "400-000-0000"
    assert stored["keys"]["use_keyring"] is True
    assert stored["security"] == {"kdf_target_seconds": 0.01}
    assert device_secret_entries(_test_keyring) == [f"BranchVault\0{stored['branch']['id']}"]

    before = snapshot(data_dir)
    again = provision("--config", str(config_file), "--data-dir", str(data_dir), "--json")  # no stdin needed
    assert_exit(again, 0)
    report = again.json()
    assert report["status"] == "unchanged"
    assert report["changed"] == {} and report["not_applied"] == []
    assert "recovery_code" not in report
    assert snapshot(data_dir) == before

    branch = CliBranch(data_dir, stored["branch"]["id"], "", _test_keyring)
    status = branch.as_role("it_admin", "totp", "status", "--json")  # the admin signs in with that password
    assert_exit(status, 0)
    assert status.json()["required"] is True and status.json()["enrolled"] is False  # and enrols next
    actions = [(e.action, e.actor_username) for e in audit_entries(branch)]
    assert ("branch.init", ADMIN[0]) in actions and ("branch.provision", ADMIN[0]) in actions


def test_json_first_provision_with_no_keyring_and_a_password_file(
    tmp_path: Path, data_dir: Path, _test_keyring: Path
) -> None:
    config_file = machine_file(tmp_path / "c.toml", keyring="none")
    password_file = tmp_path / "admin-password.txt"
    password_file.write_text(ADMIN[1] + "\n", encoding="utf-8")
    result = provision(
        "--config",
        str(config_file),
        "--data-dir",
        str(data_dir),
        "--json",
        "--admin",
        ADMIN[0],
        "--admin-password-file",
        str(password_file),
    )
    assert_exit(result, 0)
    report = result.json()
    assert report["status"] == "initialised"
    assert RECOVERY_CODE.fullmatch(report["recovery_code"])
    assert report["keyring"] is False and report["branch_code"] == "SZ001"
    assert report["data_dir"] == str(data_dir.resolve())
    assert read_config(data_dir)["keys"]["use_keyring"] is False
    assert keyring_entries(_test_keyring) == {}


def test_first_provision_without_an_admin_is_a_usage_error_and_creates_nothing(
    tmp_path: Path, data_dir: Path
) -> None:
    result = provision("--config", str(machine_file(tmp_path / "c.toml")), "--data-dir", str(data_dir))
    assert_message(result, "--admin", "first provisioning needs --admin", code=2)
    assert not data_dir.exists() or list(data_dir.iterdir()) == []


def test_a_changed_name_and_hq_url_are_applied_by_it_and_audited_at_once(
    tmp_path: Path, cli_branch: CliBranch
) -> None:
    original = read_config(cli_branch.data_dir)
    config_file = machine_file(tmp_path / "c.toml", name="深圳南山二店", url="https://hq2.example.cn/sync")
    result = provision(
        "--config",
        str(config_file),
        "--data-dir",
        str(cli_branch.data_dir),
        "--json",
        "--admin",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(ADMIN[1]),
    )
    assert_exit(result, 0)
    report = result.json()
    assert report["status"] == "updated"
    assert report["changed"]["branch_name"] == {"old": BRANCH_NAME, "new": "深圳南山二店"}
    assert report["changed"]["hq_url"] == {"old": "", "new": "https://hq2.example.cn/sync"}
    assert {"hq_name", "hq_contact"} <= set(report["changed"])  # the template branch had none
    assert report["warnings"], "a change of the names in the privacy notice is pointed out"
    stored = read_config(cli_branch.data_dir)
    assert stored["branch"]["name"] == "深圳南山二店"
    assert stored["branch"]["hq_url"] == "https://hq2.example.cn/sync"
    assert stored["branch"]["id"] == original["branch"]["id"]
    assert stored["keys"] == original["keys"] and stored["security"] == original["security"]

    assert_exit(cli_branch.as_role("it_admin", "user", "list"), 0)
    entries = [e for e in audit_entries(cli_branch) if e.action == "branch.provision"]
    assert len(entries) == 1
    details = entries[0].details
    assert (entries[0].target_type, entries[0].target_id) == ("branch", "SZ001")
    assert entries[0].actor_username == ADMIN[0] and "recorded_late" not in details  # IT, at once
    assert details["changed"] == sorted(report["changed"])
    assert "深圳南山二店" not in json.dumps(details, ensure_ascii=False)  # names of fields, not values

    text = provision("--config", str(config_file), "--data-dir", str(cli_branch.data_dir))
    assert_exit(text, 0)
    assert "unchanged" in text.stdout and "无变化" in text.stdout


def test_security_and_keyring_are_not_changed_on_an_existing_branch(
    tmp_path: Path, cli_branch: CliBranch
) -> None:
    config_file = machine_file(tmp_path / "c.toml", keyring="none")
    config_file.write_text(
        config_file.read_text(encoding="utf-8") + "idle_lock_minutes = 3\n", encoding="utf-8"
    )
    before = read_config(cli_branch.data_dir)
    result = provision(
        "--config",
        str(config_file),
        "--data-dir",
        str(cli_branch.data_dir),
        "--json",
        "--admin",
        ADMIN[0],
        stdin=lines(ADMIN[1]),
    )
    assert_exit(result, 0)
    assert result.json()["not_applied"] == ["keyring", "security"]
    assert "policy.toml" in result.json()["warnings"][0]["message_en"]
    after = read_config(cli_branch.data_dir)
    assert after["keys"] == before["keys"] and after["security"] == before["security"]


def test_a_different_branch_code_is_refused_and_nothing_is_touched(
    tmp_path: Path, cli_branch: CliBranch
) -> None:
    before = snapshot(cli_branch.data_dir)
    keyring_before = keyring_entries(cli_branch.keyring_file)
    config_file = machine_file(tmp_path / "c.toml", code="GZ002", name="广州天河店")
    result = provision(
        "--config",
        str(config_file),
        "--data-dir",
        str(cli_branch.data_dir),
        "--admin",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(ADMIN[1]),
    )
    assert_message(result, "已是门店 SZ001", "already holds branch SZ001", code=1)
    assert "GZ002" in result.stderr and "nothing was changed" in result.stderr
    assert snapshot(cli_branch.data_dir) == before
    assert keyring_entries(cli_branch.keyring_file) == keyring_before


INVALID = {
    "bad TOML": ('[branch]\ncode = "SZ001"\nname = 深圳\n', "第 3 行", "line 3"),
    "unknown key": (
        '[branch]\ncode = "SZ001"\nname = "x"\n[install]\nkeyring = "none"\nshare = "yes"\n',
        "第 6 行 install.share",
        "line 6, install.share: unknown key",
    ),
    "missing code": (
        '[branch]\nname = "x"\n',
        "branch.code：缺少门店编码",
        "branch.code: the branch code is missing",
    ),
    "bad URL": (
        '[branch]\ncode = "SZ001"\nname = "x"\n[headquarters]\nurl = "http://hq.example.cn"\n',
        "第 5 行 headquarters.url",
        "line 5, headquarters.url: must be an https:// address",
    ),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_an_invalid_file_is_exit_2_with_a_clear_message_and_creates_nothing(
    case: str, tmp_path: Path, data_dir: Path
) -> None:
    text, zh, en = INVALID[case]
    config_file = tmp_path / "c.toml"
    config_file.write_text(text, encoding="utf-8")
    result = provision(
        "--config",
        str(config_file),
        "--data-dir",
        str(data_dir),
        "--admin",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(ADMIN[1]),
    )
    assert_message(result, zh, en, code=2)
    assert "门店部署配置文件有误" in result.stderr and str(config_file) in result.stderr
    assert not data_dir.exists()


def test_an_invalid_file_in_json_mode(tmp_path: Path, cli_branch: CliBranch) -> None:
    config_file = tmp_path / "c.toml"
    config_file.write_text('[branch]\nname = "x"\n', encoding="utf-8")
    result = provision("--config", str(config_file), "--data-dir", str(cli_branch.data_dir), "--json")
    assert_exit(result, 2)
    assert json.loads(result.stdout)["error"] == "machine_config_invalid"


def test_without_config_the_machine_wide_file_is_applied(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "etc").mkdir()
    machine_wide = machine_file(tmp_path / "etc" / "branch-config.toml", keyring="none")
    env: dict[str, str | None] = {"BRANCHVAULT_MACHINE_CONFIG": str(machine_wide)}
    result = provision(
        "--data-dir",
        str(data_dir),
        "--json",
        "--admin",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(ADMIN[1]),
        env=env,
    )
    assert_exit(result, 0)
    assert result.json()["config_file"] == str(machine_wide)
    assert read_config(data_dir)["branch"]["hq_url"] == "https://hq.example.cn"

    absent = provision(
        "--data-dir", str(data_dir), env={"BRANCHVAULT_MACHINE_CONFIG": str(tmp_path / "no.toml")}
    )
    assert_message(absent, "找不到门店部署配置文件", "provisioning file does not exist", code=2)


def test_the_files_data_dir_is_used_when_no_other_is_given(tmp_path: Path) -> None:
    target = tmp_path / "srv" / "branchvault"
    machine_wide = machine_file(
        tmp_path / "branch-config.toml", keyring="none", install_extra=f'data_dir = "{target}"'
    )
    result = provision(  # the password piped in without --password-stdin, as deployment tools do
        "--json",
        "--admin",
        ADMIN[0],
        stdin=lines(ADMIN[1]),
        env={"BRANCHVAULT_MACHINE_CONFIG": str(machine_wide), "BRANCHVAULT_HOME": None},
    )
    assert_exit(result, 0)
    assert result.json()["data_dir"] == str(target.resolve())
    assert result.json()["warnings"] == []
    assert read_config(target)["branch"]["code"] == "SZ001"


def test_a_data_dir_from_a_file_that_is_not_the_machine_wide_one_is_pointed_out(tmp_path: Path) -> None:
    target = tmp_path / "srv" / "branchvault"
    other = machine_file(tmp_path / "other.toml", keyring="none", install_extra=f'data_dir = "{target}"')
    result = provision(
        "--config",
        str(other),
        "--admin",
        ADMIN[0],
        stdin=lines(ADMIN[1]),
        env={"BRANCHVAULT_MACHINE_CONFIG": str(tmp_path / "machine.toml"), "BRANCHVAULT_HOME": None},
    )
    assert_exit(result, 0)
    assert (target / "branch.toml").exists()
    assert "数据目录取自" in result.stderr and "finds the data directory only through" in result.stderr


def test_first_provision_with_no_password_on_stdin_fails_cleanly(tmp_path: Path, data_dir: Path) -> None:
    config_file = machine_file(tmp_path / "c.toml", keyring="none")
    result = provision("--config", str(config_file), "--data-dir", str(data_dir), "--admin", ADMIN[0])
    assert_message(
        result, "标准输入中缺少管理员密码", "Expected the admin password on standard input", code=2
    )
    assert not (data_dir / "branch.toml").exists()


def test_user_settings_cannot_override_branch_values_or_security(
    tmp_path: Path, cli_branch: CliBranch
) -> None:
    from desktop_app.services.context import build_context
    from desktop_app.store.user_settings import load_user_settings

    assert_exit(
        provision(
            "--config",
            str(machine_file(tmp_path / "c.toml")),
            "--data-dir",
            str(cli_branch.data_dir),
            "--admin",
            ADMIN[0],
            stdin=lines(ADMIN[1]),
        ),
        0,
    )
    settings = cli_branch.data_dir / "user-settings.toml"
    settings.write_text(
        'language = "en"\nhq_url = "https://evil.example"\nbranch_name = "x"\n'
        "[security]\nidle_lock_minutes = 15\npassword_min_length = 8\n"
        '[branch]\nname = "x"\n',
        encoding="utf-8",
    )
    assert load_user_settings(settings).language == "en"  # the safe part is honoured
    ctx = build_context(cli_branch.data_dir)
    config = ctx.require_config()
    assert config.hq_url == "https://hq.example.cn"
    assert config.branch_name == BRANCH_NAME
    assert ctx.policy.idle_lock_minutes == 5 and ctx.policy.password_min_length == 10


def test_password_stdin_and_password_file_together_is_a_usage_error(tmp_path: Path, data_dir: Path) -> None:
    result = provision(
        "--config",
        str(machine_file(tmp_path / "c.toml")),
        "--data-dir",
        str(data_dir),
        "--admin",
        ADMIN[0],
        "--password-stdin",
        "--admin-password-file",
        str(tmp_path / "p"),
    )
    assert_message(result, "只能选一个", "not both", code=2)


def test_help_describes_provision() -> None:
    top = run_cli("--help")
    assert "provision" in top.stdout
    result = run_cli("provision", "--help")
    assert_exit(result, 0)
    for text in (
        "--config",
        "--admin",
        "--admin-password-file",
        "/etc/branchvault/branch-config.toml",
        "ProgramData",
    ):
        assert text in result.stdout, text


def test_check_validates_the_file_writes_nothing_and_says_whether_the_branch_exists(
    tmp_path: Path, data_dir: Path, _test_keyring: Path
) -> None:
    """What the Windows installer runs after writing the machine-wide file (elevated, no admin)."""
    config = str(machine_file(tmp_path / "c.toml"))
    result = provision("--config", config, "--data-dir", str(data_dir), "--check", "--json")
    assert result.returncode == 0, result.stderr
    report = result.json()
    assert (report["status"], report["branch_code"], report["branch_set_up"]) == ("valid", "SZ001", False)
    assert not data_dir.exists() or list(data_dir.iterdir()) == []

    bad = tmp_path / "bad.toml"
    bad.write_text('[branch]\ncode = "SZ001"\ncolour = "red"\n', encoding="utf-8")
    assert provision("--config", str(bad), "--data-dir", str(data_dir), "--check").returncode == 2


def test_a_file_without_company_or_headquarters_sets_up_and_says_forms_cannot_be_printed(
    tmp_path: Path, data_dir: Path
) -> None:
    """As ``init --notice-details-later``: the branch is set up, and the report says which notice
    details are missing and how to supply them."""
    source = tmp_path / "branch-config.toml"
    source.write_text(
        '[branch]\ncode = "SZ001"\nname = "南山店"\n[security]\nkdf_target_seconds = 0.01\n', encoding="utf-8"
    )
    result = provision(
        "--config",
        str(source),
        "--data-dir",
        str(data_dir),
        "--admin",
        ADMIN[0],
        "--json",
        stdin=lines(ADMIN[1]),
    )
    assert_exit(result, 0)
    (warning,) = result.json()["warnings"]
    for option in ("--company-name", "--company-contact", "--hq-name", "--hq-contact", "[headquarters]"):
        assert option in warning["message_en"]
    assert "无法打印任何同意书或隐私告知书" in warning["message_zh"]
