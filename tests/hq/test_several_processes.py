"""Several ``branchvault-hq serve`` processes on one database (what runs behind a load balancer):
they start at once on an empty database (migrations under a lock), and the same submission sent to
two processes at the same moment is stored once, both answering with the same signed receipt.
PostgreSQL is the production case; SQLite (one data dir, two processes) must hold too."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, select

from desktop_app.domain.hq_summary import verify_receipt
from desktop_app.hq.settings import database_url
from desktop_app.hq.storage.models import Submission
from tests.hq.fake_branch import ENROL, SUBMISSIONS, FakeBranch, secret_of
from tests.support.hq_server import HqServer

ROUNDS = 15


@pytest.fixture(params=["postgresql", "sqlite"])
def shared_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return database_url(tmp_path / "shared-data", None)
    url: str = request.getfixturevalue("postgres_url")
    return url


def test_two_processes_racing_on_one_submission_store_it_once(tmp_path: Path, shared_db: str) -> None:
    sqlite_dir = Path(shared_db.split("///", 1)[1]).parent if shared_db.startswith("sqlite") else None
    servers = [
        HqServer(tmp_path / f"hq{i}", None if sqlite_dir else shared_db, data_dir=sqlite_dir)
        for i in range(2)
    ]
    for server in servers:  # both start at once on the empty database
        server.launch()
    try:
        for server in servers:
            server.wait_ready()
        branch = FakeBranch("BJ001")
        secret = secret_of(servers[0].issue_token("BJ001"))
        clients = [server.client(timeout=60) for server in servers]
        enrolled = clients[1].post(ENROL, content=branch.enrol_body(secret))
        assert enrolled.status_code == 201, enrolled.text
        hq_key = enrolled.json()["hq_public_key"]
        assert clients[0].post(ENROL, content=branch.enrol_body(secret)).status_code == 403  # used, shared DB

        submission_ids = []
        with ThreadPoolExecutor(max_workers=2) as pool:
            for _ in range(ROUNDS):
                payload, body = branch.submission()
                submission_ids.append(payload["submission_id"])
                barrier = threading.Barrier(2)

                def send(
                    client: httpx.Client, body: bytes = body, barrier: threading.Barrier = barrier
                ) -> httpx.Response:
                    headers = branch.headers("POST", SUBMISSIONS, body)
                    barrier.wait()
                    return client.post(SUBMISSIONS, content=body, headers=headers)

                answers = list(pool.map(send, clients))
                assert sorted(a.status_code for a in answers) == [200, 201], [a.text for a in answers]
                assert answers[0].json() == answers[1].json()
                receipt = verify_receipt(hq_key, answers[0].json())
                assert receipt["submission_id"] == payload["submission_id"]
        for client in clients:
            client.close()
    finally:
        for server in servers:
            server.stop()

    engine = create_engine(shared_db)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(Submission.submission_id, func.count()).group_by(Submission.submission_id)
            ).all()
    finally:
        engine.dispose()
    assert sorted(rows) == sorted((sid, 1) for sid in submission_ids)


def test_a_replayed_request_is_refused_by_the_other_process(tmp_path: Path, postgres_url: str) -> None:
    servers = [HqServer(tmp_path / f"hq{i}", postgres_url) for i in range(2)]
    try:
        for server in servers:
            server.start()
        branch = FakeBranch("BJ001")
        secret = secret_of(servers[0].issue_token("BJ001"))
        with servers[0].client() as first, servers[1].client() as second:
            assert first.post(ENROL, content=branch.enrol_body(secret)).status_code == 201
            _, body = branch.submission()
            headers = branch.headers("POST", SUBMISSIONS, body)
            assert first.post(SUBMISSIONS, content=body, headers=headers).status_code == 201
            replay = second.post(SUBMISSIONS, content=body, headers=headers)
            assert replay.status_code == 401
            assert json.loads(replay.text)["error"] == "replayed_nonce"
    finally:
        for server in servers:
            server.stop()


def test_a_rollback_arriving_at_two_processes_at_once_is_still_flagged(
    tmp_path: Path, postgres_url: str
) -> None:
    """Two summaries of one branch, the later one with a lower audit head, reach two processes at
    the same moment: the second to be stored sees the first's anchor (the branch row lock), so the
    rollback is flagged every time."""
    servers = [HqServer(tmp_path / f"hq{i}", postgres_url) for i in range(2)]
    try:
        for server in servers:
            server.start()
        clients = [server.client(timeout=60) for server in servers]
        with ThreadPoolExecutor(max_workers=2) as pool:
            for round_ in range(8):
                branch = FakeBranch(f"R{round_:03d}")
                assert (
                    clients[0]
                    .post(ENROL, content=branch.enrol_body(secret_of(servers[0].issue_token(branch.code))))
                    .status_code
                    == 201
                )
                start = datetime.now(UTC) - timedelta(hours=2)
                bodies = [
                    branch.submission(sequence=100, generated_at=start)[1],
                    branch.submission(
                        sequence=80, head_hash="cd" * 32, generated_at=start + timedelta(hours=1)
                    )[1],
                ]
                barrier = threading.Barrier(2)

                def send(
                    pair: tuple[httpx.Client, bytes],
                    barrier: threading.Barrier = barrier,
                    branch: FakeBranch = branch,
                ) -> int:
                    client, body = pair
                    headers = branch.headers("POST", SUBMISSIONS, body)
                    barrier.wait()
                    return client.post(SUBMISSIONS, content=body, headers=headers).status_code

                assert list(pool.map(send, zip(clients, bodies, strict=True))) == [201, 201]
                path = f"/api/v1/branches/{branch.code}/anchors"
                anchors = clients[0].get(path, headers=branch.headers("GET", path, b"")).json()["anchors"]
                assert sum(anchor["anomaly"] for anchor in anchors) == 1, anchors
        for client in clients:
            client.close()
    finally:
        for server in servers:
            server.stop()
