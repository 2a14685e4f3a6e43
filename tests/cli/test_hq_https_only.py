"""HQ's address is https:// only, wherever it is given: ``init --hq-url``, ``provision``'s machine
file, ``config set --hq-url`` and ``hq enroll --url`` all refuse ``http://`` (exit 2, both
languages) and change nothing; ``hq status`` before enrolment says so and shows no key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.support import ADMIN, CliBranch, assert_exit, assert_message, audit_entries, lines, run_cli
from tests.cli.test_provision import machine_file, provision, snapshot

HTTP = "http://hq.example.cn"


def test_init_refuses_an_http_hq_url(data_dir: Path) -> None:
    result = run_cli(
        "init",
        "--data-dir",
        str(data_dir),
        "--branch-code",
        "SZ001",
        "--branch-name",
        "南山店",
        "--admin-username",
        ADMIN[0],
        "--notice-details-later",
        "--hq-url",
        HTTP,
        "--password-stdin",
        stdin=lines(ADMIN[1]),
    )
    assert_message(result, "https://", "https:// address", code=2)
    assert not (data_dir / "branch.toml").exists() and not (data_dir / "branch.db").exists()


def test_provision_refuses_an_http_hq_url_and_creates_nothing(tmp_path: Path, data_dir: Path) -> None:
    config_file = machine_file(tmp_path / "branch-config.toml", url=HTTP)
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
    assert_message(result, "https://", "https://", code=2)
    assert "headquarters.url" in result.stderr
    assert not data_dir.exists() or not any(data_dir.iterdir())


def test_provision_refuses_changing_a_set_up_branch_to_an_http_hq_url(tmp_path: Path, data_dir: Path) -> None:
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
    before = snapshot(data_dir)
    machine_file(config_file, url=HTTP)
    again = provision(
        "--config",
        str(config_file),
        "--data-dir",
        str(data_dir),
        "--admin",
        ADMIN[0],
        "--password-stdin",
        stdin=lines(ADMIN[1]),
    )
    assert_message(again, "https://", "https://", code=2)
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("url", [HTTP, "ftp://hq.example.cn", "https://it:pw@hq.example.cn"])
def test_hq_enroll_refuses_anything_but_https_before_asking_for_a_password(
    cli_branch: CliBranch, url: str
) -> None:
    result = cli_branch.run("hq", "enroll", "--url", url, "--token", "abc.def", "--as", ADMIN[0])
    assert_message(result, "https://", "https://", code=2)
    assert not any(e.action == "hq.enrol" for e in audit_entries(cli_branch))


def test_hq_enroll_is_for_it_only(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("manager", "hq", "enroll", "--url", "https://127.0.0.1:9", "--token", "abc")
    assert_message(result, "无权", "not allowed", code=1)


def test_hq_status_before_enrolment(cli_branch: CliBranch) -> None:
    result = cli_branch.as_role("it_admin", "hq", "status", "--json")
    assert_exit(result, 0)
    assert result.json() == {"enrolled": False, "pseudonym_key_present": False}
