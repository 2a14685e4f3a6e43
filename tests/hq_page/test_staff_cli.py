"""``branchvault-hq staff add --username U --password-stdin`` (in-process through the HQ CLI's main):
the account signs in; duplicates, weak passwords and an empty standard input are refused with a
bilingual message and exit code 1 or 2, never a traceback; only an argon2id hash is stored."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from desktop_app.hq.cli import main
from tests.support.hq_page import STAFF_PASSWORD


def _add(data_dir: Path, username: str, stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["staff", "add", "--data-dir", str(data_dir), "--username", username, "--password-stdin"])


def test_staff_add_stores_only_an_argon2id_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(tmp_path, "HQ.Lin", STAFF_PASSWORD + "\n", monkeypatch) == 0
    assert "hq.lin" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "hq.sqlite3") as db:
        (username, stored), *_ = db.execute("SELECT username, password_hash FROM hq_staff").fetchall()
    assert username == "hq.lin"
    assert stored.startswith("$argon2id$") and STAFF_PASSWORD not in stored
    assert STAFF_PASSWORD.encode() not in (tmp_path / "hq.sqlite3").read_bytes()


def test_staff_add_refusals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(tmp_path, "hq.lin", STAFF_PASSWORD + "\n", monkeypatch) == 0
    capsys.readouterr()
    assert _add(tmp_path, "HQ.LIN", STAFF_PASSWORD + "\n", monkeypatch) == 1
    assert "已存在" in capsys.readouterr().err
    assert _add(tmp_path, "hq.wang", "short\n", monkeypatch) == 1
    err = capsys.readouterr().err
    assert "密码不符合要求" in err and "Traceback" not in err
    assert _add(tmp_path, "hq.wang", "", monkeypatch) == 2
    assert "标准输入" in capsys.readouterr().err
    assert _add(tmp_path, "hq wang", STAFF_PASSWORD + "\n", monkeypatch) == 2
