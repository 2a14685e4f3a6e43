"""HQ test fixtures: the API in-process (FastAPI's TestClient) on SQLite and on PostgreSQL, a
settable clock, and a helper that enrols fake branches."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from desktop_app.hq import enrolment
from desktop_app.hq.app import HqState, create_app
from desktop_app.hq.settings import HqSettings, database_url
from tests.hq.fake_branch import ENROL, FakeBranch
from tests.support.hq_server import hq_server  # noqa: F401  (fixture)
from tests.support.postgres import postgres_server_url, postgres_url  # noqa: F401  (fixtures)


class HqClock:
    """Real time plus a settable offset (periods are checked against today's date)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return database_url(tmp_path / "hq-data", None)
    url: str = request.getfixturevalue("postgres_url")
    return url


@dataclass
class Hq:
    client: TestClient
    state: HqState
    clock: HqClock

    def issue_token(self, branch_code: str) -> str:
        with self.state.sessions() as session:
            issued = enrolment.issue_token(
                session, branch_code, enrolment.new_pseudonym_key(), datetime.fromtimestamp(self.clock(), UTC)
            )
        return issued.token

    def enrol(self, code: str = "BJ001") -> FakeBranch:
        branch = FakeBranch(code)
        secret = self.issue_token(code).split(".", 1)[0]
        response = self.client.post(ENROL, content=branch.enrol_body(secret))
        assert response.status_code == 201, response.text
        branch.hq_public_key = response.json()["hq_public_key"]
        return branch


@pytest.fixture
def hq(db_url: str) -> Iterator[Hq]:
    clock = HqClock()
    app = create_app(HqSettings(db_url=db_url, clock=clock))
    state: HqState = app.state.hq
    with TestClient(app) as client:
        yield Hq(client, state, clock)
    state.engine.dispose()
