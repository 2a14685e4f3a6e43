"""The real HQ service for tests: ``branchvault-hq serve`` in a subprocess on 127.0.0.1 (a free
port) with trustme certificates, stopped at the end.

    def test_x(hq_server: HqServer) -> None:
        token = hq_server.issue_token("BJ001")       # "<secret>.<pseudonym key>" via the HQ CLI
        hq_server.url, hq_server.ca_file             # https://127.0.0.1:PORT, the CA to trust
        hq_server.stop(); hq_server.start()          # HQ down, then up again on the same port

``start_hq_server(tmp_dir, db_url=None)`` is the context manager behind the fixture (``db_url``: a
PostgreSQL URL instead of the SQLite file in ``tmp_dir/data``). ``hq_server.cli(...)`` runs any
``branchvault-hq`` command on the same database; ``hq_server.wrong_ca_file`` is a CA that did not
sign the server certificate (for "wrong HQ certificate refused").
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import trustme

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 60.0


def hq_command() -> list[str]:
    script = Path(sys.executable).parent / "branchvault-hq"
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop_app.hq.cli"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_certificates(folder: Path) -> tuple[Path, Path, Path, Path]:
    """(ca.pem, server chain, server key, another CA) for 127.0.0.1 and localhost."""
    folder.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_file, chain, key, wrong = (folder / n for n in ("ca.pem", "server.pem", "server.key", "wrong-ca.pem"))
    ca.cert_pem.write_to_path(str(ca_file))
    cert.private_key_pem.write_to_path(str(key))
    chain.write_bytes(b"".join(blob.bytes() for blob in cert.cert_chain_pems))
    trustme.CA().cert_pem.write_to_path(str(wrong))
    return ca_file, chain, key, wrong


class HqServer:
    """One HQ process (restartable) and its CLI on the same database."""

    def __init__(
        self, folder: Path, db_url: str | None = None, port: int | None = None, data_dir: Path | None = None
    ) -> None:
        self.folder = folder
        self.data_dir = data_dir or folder / "data"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.db_url = db_url
        self.ca_file, self.cert_file, self.key_file, self.wrong_ca_file = make_certificates(folder / "tls")
        self.pseudonym_key_file = folder / "pseudonym.key"
        self.port = port or free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.log_file = folder / "serve.log"

    @property
    def db_args(self) -> list[str]:
        return ["--db", self.db_url] if self.db_url else ["--data-dir", str(self.data_dir)]

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        return env

    def cli(
        self, *args: str, input_text: str | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """``branchvault-hq ARGS`` (the database options are added after the sub-command)."""
        proc = subprocess.run(
            [*hq_command(), *args],
            input=input_text,
            capture_output=True,
            text=True,
            env=self.env(),
            timeout=120,
            check=False,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"branchvault-hq {' '.join(args)} -> {proc.returncode}\n{proc.stderr}")
        return proc

    def issue_token(self, branch_code: str) -> str:
        """A one-time enrolment token ``<secret>.<pseudonym key>`` for ``branch_code``."""
        if not self.pseudonym_key_file.exists():
            self.cli("pseudonym-key", "new", "--out", str(self.pseudonym_key_file))
        proc = self.cli(
            "issue-token",
            *self.db_args,
            "--branch-code",
            branch_code,
            "--pseudonym-key-file",
            str(self.pseudonym_key_file),
            "--json",
        )
        token: str = json.loads(proc.stdout)["token"]
        return token

    def start(self, timeout: float = STARTUP_SECONDS) -> None:
        self.launch()
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = STARTUP_SECONDS) -> None:
        assert self.process is not None, "launch() first"
        wait_until_ready(self.url, self.ca_file, self.process, self.log_file, timeout)

    def launch(self) -> None:
        """Start the process without waiting for it (``wait_ready`` waits)."""
        if self.process is not None and self.process.poll() is None:
            return
        log = self.log_file.open("ab")
        self.process = subprocess.Popen(
            [
                *hq_command(),
                "serve",
                *self.db_args,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--tls-cert",
                str(self.cert_file),
                "--tls-key",
                str(self.key_file),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env(),
        )
        log.close()

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.process = None

    def kill(self) -> None:
        """Stop abruptly (SIGKILL), as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=15)
        self.process = None

    def client(self, timeout: float = 30) -> httpx.Client:
        return httpx.Client(base_url=self.url, verify=trusting(self.ca_file), timeout=timeout)


def trusting(ca_file: Path) -> ssl.SSLContext:
    """A client TLS context that trusts only ``ca_file``."""
    return ssl.create_default_context(cafile=str(ca_file))


def wait_until_ready(
    url: str, ca_file: Path, process: subprocess.Popen[bytes], log_file: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    context = trusting(ca_file)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"branchvault-hq serve exited with {process.returncode}:\n{log_file.read_text()}"
            )
        try:
            if httpx.get(f"{url}/healthz", verify=context, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"branchvault-hq serve did not answer within {timeout:.0f} s:\n{log_file.read_text()}")


@contextmanager
def start_hq_server(folder: Path, db_url: str | None = None) -> Iterator[HqServer]:
    server = HqServer(folder, db_url)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def hq_server(tmp_path: Path) -> Iterator[HqServer]:
    """A running HQ service on the embedded SQLite database in ``tmp_path/hq``."""
    with start_hq_server(tmp_path / "hq") as server:
        yield server
