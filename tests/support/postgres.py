"""A real PostgreSQL for the HQ tests.

``BRANCHVAULT_TEST_PG_URL`` (set by ``.ci/run``: a role allowed to create databases) when present;
otherwise a temporary cluster for the test session made with Debian's binaries
(``/usr/lib/postgresql/*/bin``): ``initdb`` in a temporary folder, the server on a free
127.0.0.1 port with its socket in that folder. PostgreSQL refuses to run as root, so when the tests
run as root the folder belongs to the ``postgres`` user and the binaries run through ``runuser``.
No PostgreSQL binaries: the PostgreSQL tests are skipped with the reason (the README's command keeps
working for a newcomer without a server; with the Debian package it starts one itself).

Fixtures: ``postgres_server_url`` (session; a URL on the ``postgres`` maintenance database) and
``postgres_url`` (a fresh, empty database per test, dropped afterwards).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from tests.support.hq_server import free_port

ENV = "BRANCHVAULT_TEST_PG_URL"


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else None


def _as_postgres(args: list[str], cwd: str) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


class TemporaryCluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="bv-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            self.folder.chmod(0o700)

    def _run(self, *args: str) -> None:
        proc = subprocess.run(
            _as_postgres([*args], str(self.folder)),
            capture_output=True,
            text=True,
            cwd=str(self.folder),
            timeout=120,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed:\n{proc.stdout}\n{proc.stderr}")

    def start(self) -> str:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    configured = os.environ.get(ENV)
    if configured:
        yield configured
        return
    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.skip(f"no PostgreSQL: set {ENV} or install Debian's postgresql package")
    cluster = TemporaryCluster(bin_dir)
    try:
        url = cluster.start()
    except BaseException:
        cluster.stop()
        raise
    try:
        yield url
    finally:
        cluster.stop()


def create_database(server_url: str) -> str:
    name = f"bv_hq_{uuid.uuid4().hex[:12]}"
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, url: str) -> None:
    name = make_url(url).database
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for _ in range(3):
                try:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                    break
                except Exception:
                    time.sleep(0.5)
    finally:
        engine.dispose()


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A fresh empty database on the test PostgreSQL, dropped after the test."""
    url = create_database(postgres_server_url)
    try:
        yield url
    finally:
        drop_database(postgres_server_url, url)
