"""``branchvault backup create|verify|restore|list``: one file per backup, verify exits 1 naming what
is wrong, restore into a new folder or (confirmed) in place; bilingual errors, never a traceback."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.recovery_code import format_code
from tests.cli.support import ADMIN, CliBranch, assert_exit, assert_message, audit_entries, lines, run_cli


def _create(branch: CliBranch, out: Path) -> Path:
    made = branch.as_role("it_admin", "backup", "create", "--out", str(out), "--json")
    assert_exit(made, 0)
    return Path(made.json()["file"])


def test_create_verify_list(cli_branch: CliBranch, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    path = _create(cli_branch, out)
    assert path.parent == out and path.name.endswith(".bvbackup")
    verified = cli_branch.as_role("it_admin", "backup", "verify", str(path), "--json")
    assert_exit(verified, 0)
    assert verified.json()["ok"] and verified.json()["recorded_run"]
    by_code = run_cli(
        "backup", "verify", str(path), "--recovery-code-stdin", "--data-dir", str(cli_branch.data_dir),
        stdin=lines(format_code(cli_branch.recovery_code)),
    )  # fmt: skip
    assert_exit(by_code, 0)
    assert "Not recorded" in by_code.stdout
    listed = cli_branch.as_role("manager", "backup", "list", "--folder", str(out), "--json")
    assert_exit(listed, 0)
    kinds = [run["kind"] for run in listed.json()["runs"]]
    assert "create" in kinds and "verify" in kinds
    assert [f["file"] for f in listed.json()["files"]] == [path.name]
    actions = [e.action for e in audit_entries(cli_branch)]
    assert "backup.create" in actions and "backup.verify" in actions
    refused = cli_branch.as_role("agent", "backup", "create", "--out", str(out))
    assert_message(refused, "无权", "not allowed", code=1)
    inside = cli_branch.as_role("it_admin", "backup", "create", "--out", str(cli_branch.data_dir))
    assert_exit(inside, 1)
    missing = cli_branch.as_role("it_admin", "backup", "create", "--out", str(tmp_path / "gone"))
    assert_message(missing, "不存在", "does not exist", code=2)


def test_a_damaged_backup_exits_1_naming_the_member(cli_branch: CliBranch, tmp_path: Path) -> None:
    path = _create(cli_branch, tmp_path)
    data = bytearray(path.read_bytes())
    start = data.find(b"branch.db") + 4096 * 3  # inside branch.db's stored bytes
    data[start : start + 64] = bytes(64)
    path.write_bytes(bytes(data))
    bad = cli_branch.as_role("it_admin", "backup", "verify", str(path))
    assert_exit(bad, 1)
    assert "backup:branch.db" in bad.stdout and "FAILED" in bad.stdout
    wrong = cli_branch.run("backup", "verify", str(path), as_user=ADMIN[0], password="Wrong!Password#1")
    assert_message(wrong, "用户名或密码错误", "Wrong username or password", code=1)


def test_restore_into_a_new_folder_and_in_place(cli_branch: CliBranch, tmp_path: Path) -> None:
    path = _create(cli_branch, tmp_path)
    target = tmp_path / "restored"
    restored = run_cli(
        "backup", "restore", str(path), "--data-dir", str(target), "--as", ADMIN[0], "--password-stdin", "--json",
        stdin=lines(ADMIN[1]),
    )  # fmt: skip
    assert_exit(restored, 0)
    assert (target / "branch.db").exists() and restored.json()["kept_aside"] is None
    unconfirmed = cli_branch.run("backup", "restore", str(path), "--replace-current", as_user=ADMIN[0])
    assert_message(unconfirmed, "--yes", "--yes", code=2)
    in_place = cli_branch.run(
        "backup", "restore", str(path), "--replace-current", "--yes", "--json", as_user=ADMIN[0]
    )
    assert_exit(in_place, 0)
    kept = Path(in_place.json()["kept_aside"])
    assert kept.exists() and kept.name.startswith(cli_branch.data_dir.name + ".before-restore-")
    assert "backup.restored" in [e.action for e in audit_entries(cli_branch)]


def test_an_enrolled_it_admin_verifies_with_the_code_on_the_next_line(
    cli_branch: CliBranch, tmp_path: Path
) -> None:
    """``backup verify --as IT`` signs in to the live branch to record the run: an IT administrator
    with an authenticator gives its code (here a recovery code) as the next line, like every command."""
    from tests.cli.test_totp_cli import enrol

    out = tmp_path / "usb"
    out.mkdir()
    path = _create(cli_branch, out)
    _, codes, _ = enrol(cli_branch, ADMIN)
    args = ("backup", "verify", str(path), "--data-dir", str(cli_branch.data_dir), "--as", ADMIN[0])
    without = run_cli(*args, "--password-stdin", "--json", stdin=lines(ADMIN[1]))
    assert_exit(without, 0)  # the backup itself is fine; the live branch wanted a code it did not get
    assert without.json()["recorded_run"] is None
    verified = run_cli(*args, "--password-stdin", "--json", stdin=lines(ADMIN[1], codes[0]))
    assert_exit(verified, 0)
    assert verified.json()["ok"] and verified.json()["recorded_run"]
