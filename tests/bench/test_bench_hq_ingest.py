"""HQ ingest: 1,000 submissions from 200 enrolled branches at 50 concurrent clients, against one
real ``branchvault-hq serve`` process over TLS, on the embedded SQLite file and on PostgreSQL, side
by side in one run (``pytest tests/bench/test_bench_hq_ingest.py -m bench -s``).

Measured: throughput (submissions/s, wall clock from the first request to the last answer) and
the p50/p95 latency of one submission (request signed and body built beforehand, so the figures are
HQ's: TLS, authentication, nonce, checks, the exactly-once insert and the signed receipt). The
clients run on the same machine as the server and share its cores. Budgets are regression guards
(this 2-core machine, shared): every submission 201, at least 20 submissions/s and p95 under 5 s on
each database.
"""

from __future__ import annotations

import json
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import func, select

from desktop_app.hq import enrolment
from desktop_app.hq.settings import database_url
from desktop_app.hq.storage.database import make_engine, session_factory
from desktop_app.hq.storage.models import Submission
from tests.hq.fake_branch import ENROL, SUBMISSIONS, FakeBranch, secret_of
from tests.support.hq_server import HqServer, trusting
from tests.support.postgres import postgres_server_url, postgres_url  # noqa: F401  (fixtures)

BRANCHES = 200
SUBMISSIONS_TOTAL = 1_000
CLIENTS = 50
MIN_THROUGHPUT = 20.0
MAX_P95_SECONDS = 5.0


def _enrol_all(server: HqServer, db_url: str) -> list[FakeBranch]:
    engine = make_engine(db_url, pool_size=2)
    sessions = session_factory(engine)
    branches = [FakeBranch(f"B{i:04d}") for i in range(BRANCHES)]
    now = datetime.now(UTC)
    with sessions() as session:
        secrets = [
            secret_of(enrolment.issue_token(session, b.code, enrolment.new_pseudonym_key(), now).token)
            for b in branches
        ]
    engine.dispose()
    with server.client() as client:
        for branch, secret in zip(branches, secrets, strict=True):
            assert client.post(ENROL, content=branch.enrol_body(secret)).status_code == 201
    return branches


def ingest(tmp_path: Path, name: str, db_url: str) -> dict[str, float]:
    folder = tmp_path / name
    sqlite_dir = Path(db_url.split("///", 1)[1]).parent if db_url.startswith("sqlite") else None
    server = HqServer(folder, None if sqlite_dir else db_url, data_dir=sqlite_dir)
    server.start()
    try:
        branches = _enrol_all(server, db_url)
        requests = []
        for i in range(SUBMISSIONS_TOTAL):
            branch = branches[i % BRANCHES]
            _, body = branch.submission(sequence=i)
            requests.append((body, branch.headers("POST", SUBMISSIONS, body)))
        local = threading.local()
        context = trusting(server.ca_file)
        clients: list[httpx.Client] = []

        def send(request: tuple[bytes, dict[str, str]]) -> tuple[int, float]:
            client = getattr(local, "client", None)
            if client is None:
                client = local.client = httpx.Client(base_url=server.url, verify=context, timeout=120)
                clients.append(client)
            started = time.perf_counter()
            status = client.post(SUBMISSIONS, content=request[0], headers=request[1]).status_code
            return status, time.perf_counter() - started

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            results = list(pool.map(send, requests))
        elapsed = time.perf_counter() - started
        for client in clients:
            client.close()
    finally:
        server.stop()
    engine = make_engine(db_url, pool_size=1)
    with session_factory(engine)() as session:
        stored = session.scalar(select(func.count()).select_from(Submission))
    engine.dispose()
    statuses = [status for status, _ in results]
    latencies = sorted(seconds for _, seconds in results)
    assert statuses == [201] * SUBMISSIONS_TOTAL, {s: statuses.count(s) for s in set(statuses)}
    assert stored == SUBMISSIONS_TOTAL
    return {
        "submissions_per_s": round(SUBMISSIONS_TOTAL / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(0.95 * len(latencies)) - 1] * 1000, 1),
        "wall_s": round(elapsed, 2),
    }


def test_hq_ingest_sqlite_and_postgresql(tmp_path: Path, postgres_url: str) -> None:  # noqa: F811
    figures = {
        "sqlite": ingest(tmp_path, "sqlite", database_url(tmp_path / "sqlite-data", None)),
        "postgresql": ingest(tmp_path, "postgresql", postgres_url),
    }
    print(f"\nHQ ingest: {SUBMISSIONS_TOTAL} submissions, {BRANCHES} branches, {CLIENTS} concurrent clients")
    print(f"{'database':<12}{'subm./s':>10}{'p50 ms':>10}{'p95 ms':>10}{'wall s':>10}")
    for name, row in figures.items():
        print(
            f"{name:<12}{row['submissions_per_s']:>10}{row['p50_ms']:>10}{row['p95_ms']:>10}{row['wall_s']:>10}"
        )
    print(json.dumps(figures))
    for row in figures.values():
        assert row["submissions_per_s"] >= MIN_THROUGHPUT, figures
        assert row["p95_ms"] <= MAX_P95_SECONDS * 1000, figures
