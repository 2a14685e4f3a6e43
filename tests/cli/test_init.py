"""``branchvault init``: setting up a branch, its recovery code and sheet, and every refusal."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.cli.support import (
    ADMIN,
    BRANCH_NAME,
    FAST_INIT,
    NOTICE_DETAILS,
    RECOVERY_CODE,
    CliBranch,
    Result,
    assert_exit,
    assert_message,
    cli_env,
    lines,
    read_config,
    run_cli,
)
from tests.support.file_keyring import device_secret_entries

FAIL_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def init(
    data_dir: Path | None, *extra: str, password: str = ADMIN[1], env: dict[str, str | None] | None = None
) -> Result:
    args = ["init"]
    if data_dir is not None:
        args += ["--data-dir", str(data_dir)]
    args += [
        "--branch-code",
        "sz001",
        "--branch-name",
        BRANCH_NAME,
        "--admin-username",
        ADMIN[0],
        "--password-stdin",
        *FAST_INIT,
        *NOTICE_DETAILS,
        *extra,
    ]
    return run_cli(*args, stdin=lines(password), env=env)


def keyring_entries(keyring_file: Path) -> dict[str, str]:
    return json.loads(keyring_file.read_text()) if keyring_file.exists() else {}


def assert_nothing_created(data_dir: Path, keyring_file: Path) -> None:
    assert not (data_dir / "branch.toml").exists()
    assert not (data_dir / "branch.db").exists()
    assert not (data_dir / "keyslots.json").exists()
    assert keyring_entries(keyring_file) == {}


def test_init_prints_the_recovery_code_once_in_five_groups(data_dir: Path, _test_keyring: Path) -> None:
    result = init(data_dir)
    assert_exit(result, 0)
    codes = RECOVERY_CODE.findall(result.stdout)
    assert len(codes) == 1, result.stdout
    assert "恢复码" in result.stdout and "Recovery code" in result.stdout
    assert result.stderr == ""
    config = read_config(data_dir)
    assert config["branch"]["code"] == "SZ001"
    assert config["branch"]["name"] == BRANCH_NAME
    assert config["keys"]["use_keyring"] is True
    assert device_secret_entries(_test_keyring) == [f"BranchVault\0{config['branch']['id']}"]
    # The code is shown once and kept nowhere on disk (the recovery slot holds only a derived key).
    for path in data_dir.iterdir():
        content = path.read_bytes()
        assert codes[0].encode() not in content and codes[0].replace("-", "").encode() not in content, path
    if os.name == "posix":
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        for name in ("branch.toml", "branch.db", "keyslots.json"):
            assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600, name
    # The new admin signs in straight away and nothing needs changing first.
    listed = run_cli(
        "user",
        "list",
        "--data-dir",
        str(data_dir),
        "--as",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(ADMIN[1]),
    )
    assert_exit(listed, 0)
    assert ADMIN[0] in listed.stdout


def test_init_writes_a_recovery_sheet_pdf_with_embedded_fonts(data_dir: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "恢复码.pdf"
    result = init(
        data_dir, "--json", "--recovery-sheet", str(sheet), "--company-name", "示例地产经纪有限公司"
    )
    assert_exit(result, 0)
    data = result.json()
    assert set(data) == {"branch_id", "branch_code", "data_dir", "keyring", "recovery_code", "recovery_sheet"}
    assert uuid.UUID(data["branch_id"])
    assert data["branch_code"] == "SZ001"
    assert Path(data["data_dir"]) == data_dir.resolve()
    assert data["keyring"] is True
    assert RECOVERY_CODE.fullmatch(data["recovery_code"])
    assert data["recovery_sheet"] == str(sheet)
    config = read_config(data_dir)
    assert config["branch"]["id"] == data["branch_id"]
    assert config["branch"]["company_name"] == "示例地产经纪有限公司"
    assert sheet.read_bytes().startswith(b"%PDF")
    if os.name == "posix":
        assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    text = subprocess.run(
        ["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert BRANCH_NAME in text
    assert data["recovery_code"] in text
    assert data["branch_id"] in text
    fonts = subprocess.run(["pdffonts", str(sheet)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]  # after the header and the dashed line
    assert rows, fonts
    emb_column = fonts.splitlines()[0].index("emb")
    for row in rows:
        assert row[emb_column : emb_column + 3].strip() == "yes", f"font not embedded:\n{fonts}"


def test_init_refuses_a_sheet_path_it_cannot_write_before_creating_anything(
    data_dir: Path, tmp_path: Path, _test_keyring: Path
) -> None:
    result = init(data_dir, "--recovery-sheet", str(tmp_path / "no-such-folder" / "sheet.pdf"))
    assert_message(result, "无法写入", "Cannot write", code=2)
    assert RECOVERY_CODE.search(result.stdout) is None
    assert_nothing_created(data_dir, _test_keyring)


SHEET_FAILS = """
import sys
import desktop_app.documents.recovery_sheet as sheet
from desktop_app.cli.main import main

def full_disk(*args, **kwargs):
    raise OSError(28, "No space left on device")

sheet.recovery_sheet_pdf = full_disk
sys.exit(main(sys.argv[1:]))
"""


def test_a_sheet_that_fails_after_setup_still_shows_the_recovery_code(data_dir: Path, tmp_path: Path) -> None:
    """Once the branch exists the code is the only way back in: it is shown whatever the sheet does."""
    args = ["init", "--data-dir", str(data_dir), "--branch-code", "SZ001", "--branch-name", BRANCH_NAME]
    args += ["--admin-username", ADMIN[0], "--password-stdin", "--json", *FAST_INIT, *NOTICE_DETAILS]
    args += ["--recovery-sheet", str(tmp_path / "sheet.pdf")]
    proc = subprocess.run(
        [sys.executable, "-c", SHEET_FAILS, *args],
        input=lines(ADMIN[1]),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=cli_env(),
        timeout=90,
    )
    assert proc.returncode == 1, proc
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    assert RECOVERY_CODE.fullmatch(data["recovery_code"])
    assert data["recovery_sheet"] is None
    assert "No space left on device" in data["recovery_sheet_error"]["message_en"]
    assert "门店已建立，但恢复码页面未能写入" in proc.stderr
    assert "Copy the recovery code shown above" in proc.stderr
    assert (data_dir / "branch.toml").exists()
    assert not (tmp_path / "sheet.pdf").exists()


def test_init_refuses_an_existing_branch_and_leaves_it_alone(cli_branch: CliBranch) -> None:
    slots_before = (cli_branch.data_dir / "keyslots.json").read_bytes()
    config_before = (cli_branch.data_dir / "branch.toml").read_bytes()
    result = init(cli_branch.data_dir, "--json")
    assert_message(result, "已有门店，不会覆盖", "already holds a branch; it is not overwritten", code=1)
    assert result.json()["error"] == "already_initialised"
    assert (cli_branch.data_dir / "keyslots.json").read_bytes() == slots_before
    assert (cli_branch.data_dir / "branch.toml").read_bytes() == config_before


@pytest.mark.parametrize(
    ("password", "zh", "en"),
    [
        ("Ab1!short", "至少 10 个字符", "at least 10 characters"),
        ("alllowercaseletters", "至少包含小写字母、大写字母、数字、符号中的 3 类", "use at least 3 of"),
        ("X-it.admin-2026!", "不能包含用户名", "must not contain the username"),
        ("Password123!", "不能使用常见密码", "must not be a commonly used password"),
    ],
    ids=["too-short", "too-few-classes", "contains-username", "common"],
)
def test_init_rejects_a_weak_admin_password_naming_the_rule(
    data_dir: Path, _test_keyring: Path, password: str, zh: str, en: str
) -> None:
    result = init(data_dir, password=password)
    assert_message(result, "密码不符合要求", "The password does not meet the rules", code=1)
    assert_message(result, zh, en)
    assert_nothing_created(data_dir, _test_keyring)


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["--branch-code", "SZ 001"], "门店编码", "branch code"),
        (["--branch-code", "A" * 17], "门店编码", "branch code"),
        (["--branch-name", ""], "门店名称", "branch name"),
        (["--admin-username", "Admin User"], "用户名", "username"),
        (["--security-setting", "no_such_setting=1"], "安全设置无效", "Invalid security setting"),
        (["--security-setting", "lockout_attempts"], "安全设置格式", "NAME=NUMBER"),
        (["--security-setting", "password_min_length=4"], "安全设置无效", "at least 8"),
        (["--hq-url", "http://hq.example.cn"], "总部地址须为 https://", "must be an https:// address"),
        (["--hq-url", "https://it:pw@hq.example.cn"], "总部地址须为 https://", "must be an https:// address"),
    ],
    ids=[
        "code-space",
        "code-too-long",
        "name-empty",
        "bad-username",
        "unknown-setting",
        "setting-without-value",
        "setting-below-floor",
        "hq-url-http",
        "hq-url-with-password",
    ],
)
def test_init_invalid_input_is_a_usage_error(
    data_dir: Path, _test_keyring: Path, args: list[str], zh: str, en: str
) -> None:
    # Later occurrences of an option win in argparse, so these override the defaults in init().
    result = init(data_dir, *args)
    assert_message(result, zh, en, code=2)
    assert_nothing_created(data_dir, _test_keyring)


def test_a_full_width_branch_code_is_refused(data_dir: Path) -> None:
    result = init(data_dir, "--branch-code", "SZ００1")
    assert_message(result, "门店编码", "branch code", code=2)


@pytest.mark.parametrize("backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"])
def test_init_refuses_without_a_usable_keyring(data_dir: Path, backend: str) -> None:
    result = init(data_dir, "--json", env={"PYTHON_KEYRING_BACKEND": backend})
    assert_message(result, "系统密钥环不可用", "The system keyring is not available", code=1)
    assert_message(result, "--no-keyring", "--no-keyring")
    assert backend in result.stderr
    assert result.json()["error"] == "keyring_unavailable"
    assert not (data_dir / "branch.toml").exists()
    assert not (data_dir / "branch.db").exists()


def test_init_refuses_a_plain_text_keyring(data_dir: Path, tmp_path: Path) -> None:
    """keyrings.alt's file backends keep secrets in plain text: they count as no keyring."""
    package = tmp_path / "fake-keyrings-alt" / "keyrings" / "alt"
    package.mkdir(parents=True)
    (package.parent / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "file.py").write_text(
        "from keyring.backend import KeyringBackend\n"
        "class PlaintextKeyring(KeyringBackend):\n"
        "    priority = 0.5\n"
        "    def get_password(self, service, username): return None\n"
        "    def set_password(self, service, username, password): raise AssertionError('stored in plain text')\n"
        "    def delete_password(self, service, username): pass\n"
    )
    result = init(
        data_dir,
        env={
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "PYTHONPATH": f"{package.parent.parent}{os.pathsep}{Path(__file__).resolve().parents[2]}",
        },
    )
    assert_message(result, "系统密钥环不可用", "plain-text backend", code=1)
    assert not (data_dir / "branch.toml").exists()


def test_init_with_no_keyring_works_without_one(data_dir: Path) -> None:
    result = init(data_dir, "--no-keyring", "--json", env=FAIL_KEYRING)
    assert_exit(result, 0)
    assert result.json()["keyring"] is False
    assert result.json()["recovery_sheet"] is None
    assert read_config(data_dir)["keys"]["use_keyring"] is False
    listed = run_cli(
        "user",
        "list",
        "--data-dir",
        str(data_dir),
        "--as",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(ADMIN[1]),
        env=FAIL_KEYRING,
    )
    assert_exit(listed, 0)


def test_branchvault_home_is_the_data_directory(tmp_path: Path) -> None:
    home = tmp_path / "home-dir"
    env = {"BRANCHVAULT_HOME": str(home)}
    result = init(None, "--json", env=env)
    assert_exit(result, 0)
    assert Path(result.json()["data_dir"]) == home.resolve()
    assert (home / "branch.toml").exists()
    verify = run_cli("audit", "verify", "--as", ADMIN[0], "--password-stdin", stdin=lines(ADMIN[1]), env=env)
    assert_exit(verify, 0)
    # --data-dir wins over BRANCHVAULT_HOME.
    other = tmp_path / "explicit"
    elsewhere = run_cli(
        "audit",
        "verify",
        "--data-dir",
        str(other),
        "--as",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(ADMIN[1]),
        env=env,
    )
    assert_message(elsewhere, "branchvault init", "branchvault init", code=1)
    assert str(other) in elsewhere.stderr


def test_init_needs_the_password_on_stdin(data_dir: Path) -> None:
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
        stdin="",
    )
    assert_message(
        result, "标准输入中缺少管理员密码", "Expected the admin password on standard input", code=2
    )


def test_init_without_a_terminal_says_to_use_password_stdin(data_dir: Path) -> None:
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
        stdin=lines(ADMIN[1]),
    )
    assert_message(result, "请使用 --password-stdin", "use --password-stdin", code=2)
    assert not data_dir.exists()


def test_init_console_script_is_installed(data_dir: Path) -> None:
    """The `branchvault` entry point (what installers and IT call) runs the same command line."""
    script = Path(shutil.which("branchvault", path=str(Path(sys.executable).parent)) or "")
    if not script.is_file():
        pytest.skip("the branchvault console script is not installed next to this Python")
    proc = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, env=cli_env(), timeout=60
    )
    assert proc.returncode == 0 and proc.stdout.startswith("BranchVault "), proc
