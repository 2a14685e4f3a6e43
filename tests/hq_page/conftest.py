"""Fixtures for the HQ page tests: the real HQ app (create_app) on a fresh SQLite file and on a fresh
PostgreSQL database, a settable clock, a TestClient on https://testserver (so Secure cookies
travel), and one HQ staff member."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from desktop_app.hq.app import create_app
from desktop_app.hq.settings import HqSettings
from tests.conftest import Clock
from tests.support.hq_page import STAFF_PASSWORD, STAFF_USER
from tests.support.postgres import postgres_server_url, postgres_url  # noqa: F401  (fixtures)


@dataclass
class HqPage:
    app: FastAPI
    client: TestClient
    clock: Clock
    db_path: Path | None  # the SQLite file; None on PostgreSQL

    def sessions(self):  # type: ignore[no-untyped-def]
        return self.app.state.hq.sessions()

    def new_client(self) -> TestClient:
        return TestClient(self.app, base_url="https://testserver", follow_redirects=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_page(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[HqPage]:
    from datetime import UTC, datetime

    from desktop_app.hq.web.staff_sign_in import add_staff

    clock = Clock(datetime(2026, 12, 6, 4, 0, tzinfo=UTC).timestamp())
    db_path: Path | None = None
    if request.param == "sqlite":
        db_path = tmp_path / "hq.sqlite3"
        url = f"sqlite+pysqlite:///{db_path}"
    else:
        url = request.getfixturevalue("postgres_url")
    app = create_app(HqSettings(db_url=url, clock=clock))
    with app.state.hq.sessions() as db:
        add_staff(db, STAFF_USER, STAFF_PASSWORD, app.state.hq.now())
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    yield HqPage(app, client, clock, db_path)
    client.close()
    app.state.hq.engine.dispose()
