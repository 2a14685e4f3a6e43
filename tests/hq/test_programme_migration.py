"""An HQ database made before the programme figures (schema hq0001 + the page's hqweb0001, with a
submission in it) upgrades at start to ``programme_figures`` (hq0002) on SQLite and PostgreSQL:
the old submission stays, and new submissions' blocks are stored."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import inspect, make_url, select

from desktop_app.hq.app import create_app
from desktop_app.hq.settings import HqSettings
from desktop_app.hq.storage.database import alembic_config, make_engine, normalise_url
from desktop_app.hq.storage.models import ProgrammeFigures, Submission
from tests.hq.conftest import HqClock
from tests.hq.fake_branch import ENROL, SUBMISSIONS, FakeBranch, approve, summary_payload
from tests.support.programme_blocks import sample_block


def test_an_older_hq_database_gains_the_programme_table(db_url: str) -> None:
    database = make_url(normalise_url(db_url)).database
    if db_url.startswith("sqlite") and database:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(db_url)
    with engine.begin() as connection:
        config = alembic_config(normalise_url(db_url))
        config.attributes["connection"] = connection
        command.upgrade(config, "hqweb0001")  # the schema before issue 14
    assert "programme_figures" not in inspect(engine).get_table_names()
    engine.dispose()

    clock = HqClock()
    app = create_app(HqSettings(db_url=db_url, clock=clock))
    state = app.state.hq
    try:
        with TestClient(app) as client:
            from datetime import UTC, datetime

            from desktop_app.hq import enrolment

            with state.sessions() as session:
                issued = enrolment.issue_token(
                    session, "BJ001", enrolment.new_pseudonym_key(), datetime.fromtimestamp(clock(), UTC)
                )
            branch = FakeBranch("BJ001")
            enrolled = client.post(ENROL, content=branch.enrol_body(issued.token.split(".", 1)[0]))
            assert enrolled.status_code == 201, enrolled.text
            for payload in (
                summary_payload("BJ001"),
                {**summary_payload("BJ001"), "programme": sample_block()},
            ):
                body = branch.envelope(approve(payload))
                response = client.post(
                    SUBMISSIONS, content=body, headers=branch.headers("POST", SUBMISSIONS, body)
                )
                assert response.status_code == 201, response.text
        assert "programme_figures" in inspect(state.engine).get_table_names()
        with state.sessions() as session:
            assert len(list(session.scalars(select(Submission)))) == 2
            assert [row.quarter for row in session.scalars(select(ProgrammeFigures))] == ["2026Q4"]
    finally:
        state.engine.dispose()
