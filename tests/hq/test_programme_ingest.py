"""HQ receives the summary's programme block (SQLite and PostgreSQL): stored per submission,
checked on ingest with the existing error shape, and optional (an older branch sends none)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from desktop_app.hq.storage.models import ProgrammeFigures, Submission
from tests.hq.conftest import Hq
from tests.hq.fake_branch import SUBMISSIONS, FakeBranch, approve, summary_payload
from tests.support.programme_blocks import sample_block


def post(hq: Hq, branch: FakeBranch, payload: dict[str, Any]) -> Any:
    body = branch.envelope(approve(payload))
    return hq.client.post(SUBMISSIONS, content=body, headers=branch.headers("POST", SUBMISSIONS, body))


def rows(hq: Hq) -> list[ProgrammeFigures]:
    with hq.state.sessions() as session:
        return list(session.scalars(select(ProgrammeFigures).order_by(ProgrammeFigures.id)))


def count(hq: Hq, model: type) -> int:
    with hq.state.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_summary_with_the_programme_block_is_stored_with_it(hq: Hq) -> None:
    branch = hq.enrol("BJ001")
    block = sample_block("2026Q4", trained_staff=8)
    payload = {**summary_payload("BJ001"), "programme": block}
    response = post(hq, branch, payload)
    assert response.status_code == 201, response.text
    [stored] = rows(hq)
    assert (stored.branch_code, stored.submission_id, stored.quarter) == (
        "BJ001",
        payload["submission_id"],
        "2026Q4",
    )
    assert json.loads(stored.block) == block
    assert stored.period_to == payload["period"]["to"]
    # an identical re-send stores nothing more
    assert post(hq, branch, payload).status_code in (200, 201)
    assert len(rows(hq)) == 1


def test_a_summary_without_the_block_is_still_accepted(hq: Hq) -> None:
    branch = hq.enrol("BJ001")
    older = summary_payload("BJ001")  # an older branch: no "programme" key at all
    assert "programme" not in older
    assert post(hq, branch, older).status_code == 201
    agent_prepared = {**summary_payload("BJ001"), "programme": None}  # a preparer who may not see it
    assert post(hq, branch, agent_prepared).status_code == 201
    assert count(hq, Submission) == 2 and rows(hq) == []


def test_malformed_blocks_are_refused_422_and_nothing_is_stored(hq: Hq) -> None:
    branch = hq.enrol("BJ001")
    good = sample_block()
    without_key = {k: v for k, v in good.items() if k != "quiz_takers"}
    bad_blocks: list[Any] = [
        {**good, "active_staff": -3},
        {**good, "trained_staff": 11},  # more trained than active
        {**good, "staff_names": ["王伟"]},
        without_key,
        {**good, "targets": {**good["targets"], "quiz_pass": 250}},
        {**good, "quarter": "Q4"},
        "2026Q4",
    ]
    for bad in bad_blocks:
        response = post(hq, branch, {**summary_payload("BJ001"), "programme": bad})
        assert response.status_code == 422, (bad, response.text)
        assert response.json()["error"] == "invalid_programme", response.text
        assert response.json()["zh"] and response.json()["en"]
    assert count(hq, Submission) == 0 and rows(hq) == []


def test_a_float_in_the_block_is_refused_before_anything_else(hq: Hq) -> None:
    branch = hq.enrol("BJ001")
    payload = approve({**summary_payload("BJ001"), "programme": sample_block()})
    text = branch.envelope(payload).decode("utf-8").replace('"active_staff":10', '"active_staff":10.0')
    body = text.encode("utf-8")
    response = hq.client.post(SUBMISSIONS, content=body, headers=branch.headers("POST", SUBMISSIONS, body))
    assert response.status_code == 400 and response.json()["error"] == "invalid_json"
    assert rows(hq) == []
