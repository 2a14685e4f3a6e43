"""``branchvault-hq serve`` on this computer without certificates: a local CA and server certificate
in ``<data dir>/tls/``, made once and reused, renewed near expiry, remade when damaged; a real TLS
handshake (strict X.509 checks) for 127.0.0.1, localhost and ::1; any other host refused (exit 2)."""

from __future__ import annotations

import re
import ssl
import stat
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import trustme
from cryptography import x509

from desktop_app.hq import local_certificate as lc
from desktop_app.hq.cli import main
from tests.support.hq_server import HqServer, free_port, trusting, wait_until_ready

NOW = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


def handshake(local: lc.LocalCertificate, server_hostname: str, ca_file: Path | None = None) -> None:
    """A TLS handshake in memory: the server with the local certificate, a client that trusts only
    ``ca_file`` (default: the local CA) and checks ``server_hostname`` strictly."""
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(str(local.cert_file), str(local.key_file))
    client_ctx = ssl.create_default_context(cafile=str(ca_file or local.ca_file))
    client_ctx.verify_flags |= ssl.VERIFY_X509_STRICT
    c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
    client = client_ctx.wrap_bio(c_in, c_out, server_hostname=server_hostname)
    server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
    done = {"client": False, "server": False}
    for _ in range(20):
        for name, side in (("client", client), ("server", server)):
            if not done[name]:
                try:
                    side.do_handshake()
                    done[name] = True
                except ssl.SSLWantReadError:
                    pass
        s_in.write(c_out.read())
        c_in.write(s_out.read())
        if all(done.values()):
            return
    raise AssertionError("handshake did not finish")


def assert_issued_by_its_ca(local: lc.LocalCertificate) -> None:
    """(For certificates made at another time than now, where a handshake would check the date.)"""
    ca = x509.load_pem_x509_certificate(local.ca_file.read_bytes())
    cert = x509.load_pem_x509_certificate(local.cert_file.read_bytes())
    cert.verify_directly_issued_by(ca)


def test_loopback_hosts_only() -> None:
    for host in ("127.0.0.1", "::1", "localhost", "LOCALHOST"):
        assert lc.is_loopback(host), host
    for host in ("0.0.0.0", "::", "[::1]", "192.168.1.20", "hq.example.cn", "127.0.0.1.example.cn", ""):
        assert not lc.is_loopback(host), host


def test_made_once_private_and_verifiable_for_each_loopback_name(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "tls"
    local = lc.ensure_local_certificate(folder, NOW)
    assert local.new_ca and local.new_server_certificate
    assert (local.ca_file, local.cert_file, local.key_file) == (
        folder / "local-ca.pem",
        folder / "server.pem",
        folder / "server.key",
    )
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for key in ("local-ca.key", "server.key"):
        assert stat.S_IMODE((folder / key).stat().st_mode) == 0o600
    assert b"PRIVATE KEY" not in local.ca_file.read_bytes() + local.cert_file.read_bytes()
    assert local.expires_at == NOW + lc.SERVER_LIFETIME
    for name in ("127.0.0.1", "localhost", "::1"):
        handshake(local, name)
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(local, "hq.example.cn")  # names only this computer
    other_ca = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other_ca))
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(local, "127.0.0.1", ca_file=other_ca)


def test_reused_until_near_expiry_then_renewed(tmp_path: Path) -> None:
    folder = tmp_path / "tls"
    first = lc.ensure_local_certificate(folder, NOW)
    ca, server = first.ca_file.read_bytes(), first.cert_file.read_bytes()

    again = lc.ensure_local_certificate(folder, NOW + timedelta(days=300))
    assert not again.new_ca and not again.new_server_certificate
    assert (again.ca_file.read_bytes(), again.cert_file.read_bytes()) == (ca, server)

    near_server_expiry = NOW + lc.SERVER_LIFETIME - timedelta(days=10)
    renewed = lc.ensure_local_certificate(folder, near_server_expiry)
    assert renewed.new_server_certificate and not renewed.new_ca
    assert renewed.ca_file.read_bytes() == ca and renewed.cert_file.read_bytes() != server
    # never valid past its CA
    assert renewed.expires_at == NOW + lc.CA_LIFETIME
    assert_issued_by_its_ca(renewed)  # the same CA

    near_ca_expiry = NOW + lc.CA_LIFETIME - timedelta(days=10)
    new_ca = lc.ensure_local_certificate(folder, near_ca_expiry)
    assert new_ca.new_ca and new_ca.new_server_certificate
    assert new_ca.ca_file == first.ca_file and new_ca.ca_file.read_bytes() != ca  # same path for branches
    assert new_ca.expires_at == near_ca_expiry + lc.SERVER_LIFETIME
    assert_issued_by_its_ca(new_ca)


def test_damaged_or_mismatched_files_are_made_again(tmp_path: Path) -> None:
    folder = tmp_path / "tls"
    first = lc.ensure_local_certificate(folder, NOW)
    ca = first.ca_file.read_bytes()

    first.cert_file.write_text("not a certificate")
    again = lc.ensure_local_certificate(folder, NOW)
    assert again.new_server_certificate and not again.new_ca
    handshake(again, "localhost")

    # a server key that does not belong to the certificate
    other = lc.ensure_local_certificate(tmp_path / "other", NOW)
    first.key_file.write_bytes(other.key_file.read_bytes())
    again = lc.ensure_local_certificate(folder, NOW)
    assert again.new_server_certificate and first.ca_file.read_bytes() == ca
    handshake(again, "127.0.0.1")

    # a server certificate (and key) issued by another CA
    first.cert_file.write_bytes(other.cert_file.read_bytes())
    first.key_file.write_bytes(other.key_file.read_bytes())
    again = lc.ensure_local_certificate(folder, NOW)
    assert again.new_server_certificate
    handshake(again, "127.0.0.1")

    # a missing CA key: a new CA, and a server certificate under it
    (folder / "local-ca.key").unlink()
    again = lc.ensure_local_certificate(folder, NOW)
    assert again.new_ca and again.new_server_certificate and first.ca_file.read_bytes() != ca
    handshake(again, "::1")


def test_serve_refuses_other_hosts_without_certificates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "hq"
    for host in ("0.0.0.0", "192.168.1.20", "hq.example.cn"):
        code = main(["serve", "--data-dir", str(data), "--host", host, "--port", str(free_port())])
        _, err = capsys.readouterr()
        assert code == 2
        assert "--tls-cert" in err and "须给出" in err and "needs a certificate" in err
        assert "Traceback" not in err
    assert not (data / "tls").exists()
    code = main(["serve", "--data-dir", str(data), "--tls-cert", str(tmp_path / "x.pem")])
    _, err = capsys.readouterr()
    assert code == 2 and "同时" in err and "both --tls-cert and --tls-key" in err


def test_serve_with_one_command_makes_then_reuses_the_local_certificate(tmp_path: Path) -> None:
    server = HqServer(tmp_path / "hq")  # its helpers; started here without certificates
    data = server.data_dir

    def start() -> tuple[subprocess.Popen[bytes], str]:
        log = tmp_path / "serve.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [*server_command(), "serve", "--data-dir", str(data), "--port", str(server.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=server.env(),
            )
        try:
            deadline = time.monotonic() + 60
            while not (data / "tls" / "server.pem").exists() and process.poll() is None:
                assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.05)
            wait_until_ready(server.url, data / "tls" / "local-ca.pem", process, log, 60)
        except BaseException:
            stop(process)
            raise
        return process, log.read_text(encoding="utf-8")

    process, printed = start()
    try:
        ca_line = re.search(r"\(--ca-file\): (.+)$", printed, flags=re.M)
        assert ca_line and Path(ca_line.group(1).strip()) == data / "tls" / "local-ca.pem"
        assert "新建 / new" in printed
        answer = httpx.get(f"{server.url}/healthz", verify=trusting(data / "tls" / "local-ca.pem"))
        assert answer.json() == {"status": "ok"}
        with pytest.raises(httpx.ConnectError):  # a client without that CA does not trust it
            httpx.get(f"{server.url}/healthz", verify=ssl.create_default_context())
    finally:
        stop(process)
    ca = (data / "tls" / "local-ca.pem").read_bytes()
    process, printed = start()
    try:
        assert "沿用 / reused" in printed
        assert (data / "tls" / "local-ca.pem").read_bytes() == ca
    finally:
        stop(process)


def server_command() -> list[str]:
    from tests.support.hq_server import hq_command

    return hq_command()


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)
