"""``branchvault backup schedule`` and ``backup drill`` through their hook (cli/backup_schedule_commands.py),
run in this process on a real branch: show and set the schedule, refusals and usage errors as exit
codes with bilingual messages, a drill that passes (exit 0), with the recovery code too, and a missing file (exit 1)."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pytest

from desktop_app.cli import commands
from desktop_app.cli.backup_schedule_commands import add_backup_schedule_parsers, cmd_backup_schedule
from desktop_app.cli.parser import _common
from desktop_app.cli.terminal import Output
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.roles import Role
from desktop_app.services.backup_schedule import back_up_now
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from tests.conftest import Branch


def run(
    branch: Branch, argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """What ``branchvault backup …`` does with ``argv``: parse, run, map errors to exit codes."""
    parser = argparse.ArgumentParser(prog="branchvault backup")
    sub = parser.add_subparsers(dest="backup_command", required=True)
    add_backup_schedule_parsers(sub, _common)
    monkeypatch.setattr(
        commands, "build_context", lambda data_dir=None: build_context(data_dir, clock=branch.ctx.clock)
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    args = parser.parse_args([*argv, "--data-dir", str(branch.ctx.paths.root), "--password-stdin", "--json"])
    out = Output(True)
    capsys.readouterr()
    try:
        code = cmd_backup_schedule(args, out)
    except BranchVaultError as exc:
        out.error(exc)
        code = exc.exit_code
    return code, capsys.readouterr().out


def test_schedule_show_set_and_refuse(branch: Branch, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    it_user, it_password = branch.users[Role.IT_ADMIN]
    code, text = run(branch, ["schedule", "--as", it_user], it_password + "\n", monkeypatch, capsys)
    shown = json.loads(text)
    assert code == 0 and shown["schedule"]["enabled"] is False and shown["backup_overdue"] is True
    usb = tmp_path / "usb"
    usb.mkdir()
    code, text = run(
        branch,
        ["schedule", "--as", it_user, "--time", "12:30", "--folder", str(usb), "--generations", "5"],
        it_password + "\n",
        monkeypatch,
        capsys,
    )
    assert code == 0 and json.loads(text)["schedule"] == {
        "enabled": True,
        "time": "12:30",
        "folder": str(usb.resolve()),
        "generations": 5,
    }
    code, text = run(
        branch, ["schedule", "--as", it_user, "--time", "25:99"], it_password + "\n", monkeypatch, capsys
    )
    assert code == 2 and json.loads(text.splitlines()[-1])["error"] == "invalid_input"
    code, text = run(
        branch,
        ["schedule", "--as", it_user, "--off", "--time", "12:00"],
        it_password + "\n",
        monkeypatch,
        capsys,
    )
    assert code == 2
    agent_user, agent_password = branch.users[Role.AGENT]
    code, text = run(
        branch, ["schedule", "--as", agent_user, "--off"], agent_password + "\n", monkeypatch, capsys
    )
    assert code == 1 and json.loads(text.splitlines()[-1])["error"] == "permission_denied"
    code, text = run(branch, ["schedule", "--as", it_user, "--off"], it_password + "\n", monkeypatch, capsys)
    assert code == 0 and json.loads(text)["schedule"]["enabled"] is False


def test_drill_passes_with_the_password_or_the_recovery_code_and_a_missing_file_is_refused(
    branch: Branch, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    manager_user, manager_password = branch.users[Role.MANAGER]
    usb = tmp_path / "usb"
    usb.mkdir()
    me = sign_in(branch.context(), manager_user, manager_password)
    try:
        made = back_up_now(me, usb)
    finally:
        sign_out(me)
    code, text = run(
        branch, ["drill", str(made.path), "--as", manager_user], manager_password + "\n", monkeypatch, capsys
    )
    result = json.loads(text)
    assert (
        code == 0 and result["ok"] is True and result["clients_checked"] is True and result["problems"] == []
    )
    it_user, it_password = branch.users[Role.IT_ADMIN]
    code, text = run(
        branch,
        ["drill", str(made.path), "--as", it_user, "--recovery-code-stdin"],
        f"{it_password}\n{branch.recovery_code}\n",
        monkeypatch,
        capsys,
    )
    assert code == 0 and json.loads(text)["ok"] is True
    code, text = run(
        branch,
        ["drill", str(tmp_path / "none.bvbackup"), "--as", it_user],
        it_password + "\n",
        monkeypatch,
        capsys,
    )
    assert code == 1 and json.loads(text.splitlines()[-1])["error"] == "no_backup_to_drill"


def test_wired_into_branchvault_backup(branch: Branch, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.cli.main import main

    monkeypatch.setattr(
        commands, "build_context", lambda data_dir=None: build_context(data_dir, clock=branch.ctx.clock)
    )
    usb = tmp_path / "usb"
    usb.mkdir()
    user, password = branch.users[Role.MANAGER]
    base = ["--data-dir", str(branch.ctx.paths.root), "--as", user, "--password-stdin", "--json"]
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    assert main(["backup", "schedule", *base, "--time", "07:45", "--folder", str(usb)]) == 0
    assert json.loads(capsys.readouterr().out)["schedule"]["time"] == "07:45"
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    assert main(["backup", "create", *base, "--out", str(usb)]) == 0
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    assert main(["backup", "drill", *base]) == 0  # the newest backup in the schedule's folder
    assert json.loads(capsys.readouterr().out)["ok"] is True
