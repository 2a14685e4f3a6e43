"""``branchvault-hq``: pseudonym keys, enrolment tokens, the submissions list, serve's refusals;
exit codes 0 / 1 / 2 and bilingual messages without tracebacks."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from desktop_app.domain.hq_summary import sha256_hex
from desktop_app.hq.cli import main
from tests.hq.fake_branch import ENROL, SUBMISSIONS, FakeBranch, secret_of
from tests.support.hq_server import HqServer, free_port, trusting


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_pseudonym_key_new_writes_a_private_file_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "pseudonym.key"
    assert run(capsys, "pseudonym-key", "new", "--out", str(key))[0] == 0
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    first = key.read_text()
    code, _, err = run(capsys, "pseudonym-key", "new", "--out", str(key))
    assert code == 1 and "未覆盖" in err and "not overwritten" in err
    assert key.read_text() == first


def test_issue_token_combines_the_secret_and_the_pseudonym_key_and_stores_only_a_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "pseudonym.key"
    run(capsys, "pseudonym-key", "new", "--out", str(key))
    data = tmp_path / "hq"
    code, out, _ = run(
        capsys,
        "issue-token",
        "--data-dir",
        str(data),
        "--branch-code",
        "bj001",
        "--pseudonym-key-file",
        str(key),
        "--json",
    )
    assert code == 0
    issued = json.loads(out)
    assert issued["branch_code"] == "BJ001"
    secret, pseudonym_key = issued["token"].split(".")
    assert pseudonym_key == key.read_text().strip()
    engine = create_engine(f"sqlite:///{data / 'hq.sqlite3'}")
    with engine.connect() as conn:
        dump = repr(conn.execute(text("SELECT * FROM enrol_tokens")).all())
        everything = repr([conn.execute(text(f"SELECT * FROM {t}")).all() for t in ("hq_keys", "branches")])
    engine.dispose()
    assert sha256_hex(secret.encode()) in dump
    assert secret not in dump and pseudonym_key not in dump + everything
    code, out, _ = run(
        capsys,
        "issue-token",
        "--data-dir",
        str(data),
        "--branch-code",
        "BJ001",
        "--pseudonym-key-file",
        str(key),
    )
    assert code == 0 and "登记令牌" in out and "enrolment token" in out


def test_issue_token_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "hq")]
    missing = tmp_path / "nope.key"
    code, _, err = run(
        capsys, "issue-token", *data, "--branch-code", "BJ001", "--pseudonym-key-file", str(missing)
    )
    assert code == 1 and "假名化密钥" in err and "pseudonym key" in err and "Traceback" not in err
    bad = tmp_path / "bad.key"
    bad.write_text("not a key\n")
    assert (
        run(capsys, "issue-token", *data, "--branch-code", "BJ001", "--pseudonym-key-file", str(bad))[0] == 1
    )
    key = tmp_path / "good.key"
    run(capsys, "pseudonym-key", "new", "--out", str(key))
    code, _, err = run(
        capsys, "issue-token", *data, "--branch-code", "北京 1", "--pseudonym-key-file", str(key)
    )
    assert code == 2 and "门店编码" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["serve", "--tls-cert"], ["no-such-command"], ["issue-token", "--branch-code", "X"], []):
        with pytest.raises(SystemExit) as exit_info:
            main(args)
        assert exit_info.value.code == 2
    capsys.readouterr()


def test_serve_refuses_missing_tls_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys,
        "serve",
        "--data-dir",
        str(tmp_path),
        "--tls-cert",
        str(tmp_path / "a.pem"),
        "--tls-key",
        str(tmp_path / "b.pem"),
    )
    assert code == 1 and "TLS" in err and "Traceback" not in err


def test_an_unreachable_database_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    server = HqServer(tmp_path)
    proc = server.cli(
        "submissions", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "--json", check=False
    )
    assert proc.returncode == 1
    assert "总部数据库无法使用" in proc.stderr and "The HQ database cannot be used" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_submissions_lists_what_arrived(hq_server: HqServer) -> None:
    branch = FakeBranch("BJ001")
    with hq_server.client() as client:
        assert (
            client.post(
                ENROL, content=branch.enrol_body(secret_of(hq_server.issue_token("BJ001")))
            ).status_code
            == 201
        )
        other = FakeBranch("SH002")
        assert (
            client.post(
                ENROL, content=other.enrol_body(secret_of(hq_server.issue_token("SH002")))
            ).status_code
            == 201
        )
        sent = []
        for sender in (branch, other, branch):
            payload, body = sender.submission()
            response = client.post(
                SUBMISSIONS, content=body, headers=sender.headers("POST", SUBMISSIONS, body)
            )
            assert response.status_code == 201
            sent.append(payload)
    listed = json.loads(hq_server.cli("submissions", *hq_server.db_args, "--json").stdout)
    assert [item["submission_id"] for item in listed] == [p["submission_id"] for p in sent]
    mine = json.loads(hq_server.cli("submissions", *hq_server.db_args, "--branch", "BJ001", "--json").stdout)
    assert {item["branch_code"] for item in mine} == {"BJ001"} and len(mine) == 2
    assert set(mine[0]) == {
        "hq_sequence",
        "submission_id",
        "branch_code",
        "period",
        "payload_sha256",
        "received_at",
        "anomaly",
    }
    text_out = hq_server.cli("submissions", *hq_server.db_args).stdout
    assert "3 submission(s)" in text_out


def test_serve_speaks_only_https_with_its_certificate(hq_server: HqServer) -> None:
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{hq_server.port}/healthz", timeout=5)
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{hq_server.url}/healthz", verify=trusting(hq_server.wrong_ca_file), timeout=5)
    with hq_server.client() as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get("/docs").status_code == 404  # no interactive docs (they load CDN scripts)


def test_serve_refuses_an_unusable_key_and_a_taken_port(
    hq_server: HqServer, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(hq_server.folder / "other")]
    cert = str(hq_server.cert_file)
    code, _, err = run(
        capsys, "serve", *data, "--tls-cert", cert, "--tls-key", cert, "--port", str(free_port())
    )
    assert code == 1 and "TLS 证书或私钥无法使用" in err and "cannot be used" in err
    key = str(hq_server.key_file)
    code, _, err = run(
        capsys, "serve", *data, "--tls-cert", cert, "--tls-key", key, "--port", str(hq_server.port)
    )
    assert code == 1 and "无法在" in err and "Cannot listen" in err and "Traceback" not in err


def test_without_the_hq_extra_every_command_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``pip install -e .`` installs the ``branchvault-hq`` script without the ``[hq]`` libraries: it
    crashed with ModuleNotFoundError (alembic) instead of saying what to install."""
    import importlib.util

    from desktop_app.hq import cli

    real = importlib.util.find_spec
    monkeypatch.setattr(
        cli.importlib.util, "find_spec", lambda name, *a: None if name == "alembic" else real(name, *a)
    )
    assert cli.main(["submissions", "--data-dir", "/nonexistent-hq"]) == 1
    err = capsys.readouterr().err
    assert "alembic" in err and "pip install -e '.[hq]'" in err and "未安装" in err
