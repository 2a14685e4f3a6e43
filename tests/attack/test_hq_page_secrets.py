"""What someone who can read HQ's database file (a copy of hq.sqlite3, a backup, a DBA) can do with
the HQ page's tables: nothing that signs them in. The sessions table holds only SHA-256 digests of the
cookies, and the staff table only argon2id hashes; each test uses what it reads from the file as a
cookie or a password against the real app and must be refused."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from desktop_app.hq.app import create_app
from desktop_app.hq.settings import HqSettings
from desktop_app.hq.web.page_security import SESSION_COOKIE
from desktop_app.hq.web.staff_sign_in import add_staff
from tests.hq_page.page_client import sign_in
from tests.support.hq_page import STAFF_PASSWORD, STAFF_USER


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    db_path = tmp_path / "hq.sqlite3"
    app = create_app(HqSettings(db_url=f"sqlite+pysqlite:///{db_path}"))
    with app.state.hq.sessions() as db:
        add_staff(db, STAFF_USER, STAFF_PASSWORD, datetime.now(UTC))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        yield client, db_path
    app.state.hq.engine.dispose()


def _read(db_path: Path, query: str) -> list[str]:
    with sqlite3.connect(db_path) as db:
        return [row[0] for row in db.execute(query)]


def test_a_session_row_read_from_the_database_is_not_a_usable_cookie(hq: tuple[TestClient, Path]) -> None:
    client, db_path = hq
    assert sign_in(client, STAFF_USER, STAFF_PASSWORD).status_code == 303
    stolen = _read(db_path, "SELECT token_sha256 FROM hq_web_sessions")
    assert len(stolen) == 1
    attacker = TestClient(client.app, base_url="https://testserver", follow_redirects=False)
    assert attacker.get("/", headers={"Cookie": f"{SESSION_COOKIE}={stolen[0]}"}).status_code == 303


def test_a_password_hash_read_from_the_database_does_not_sign_in(hq: tuple[TestClient, Path]) -> None:
    client, db_path = hq
    (stored,) = _read(db_path, "SELECT password_hash FROM hq_staff")
    assert stored.startswith("$argon2id$")
    assert sign_in(client, STAFF_USER, stored).status_code == 401
