"""The integrity check on the benchmark store (100,000 clients, 500,000 follow-ups,
tests/bench/big_store.py): as the manager (branch.db and clients.db) and as IT (branch.db, clients.db
only its file shape), and how long another session's write waits while the check reads (the check
holds a read lock per statement, never the write lock). Run on demand: ``pytest tests/bench -m bench``."""

from __future__ import annotations

import threading
import time

import pytest

from desktop_app.services.integrity_check import run_integrity_check
from tests.bench.big_store import CLIENTS, FIRST_AGENT, MANAGER, BigStore
from tests.conftest import ADMIN

pytestmark = pytest.mark.bench


def test_integrity_check_at_scale(big_store: BigStore) -> None:
    manager = big_store.signed_in(*MANAGER)
    it = big_store.signed_in(*ADMIN)
    agent = big_store.signed_in(*FIRST_AGENT)
    try:
        size_mb = (big_store.branch / "clients.db").stat().st_size / 1e6
        started = time.perf_counter()
        report = run_integrity_check(manager)
        full = time.perf_counter() - started
        assert report.ok, [p.en for p in report.problems]
        started = time.perf_counter()
        assert run_integrity_check(it).ok
        branch_only = time.perf_counter() - started
        slowest: list[float] = []
        done = threading.Event()

        def check() -> None:
            try:
                run_integrity_check(manager)
            finally:
                done.set()

        thread = threading.Thread(target=check)
        thread.start()
        while not done.is_set():  # another session writes while the check reads
            began = time.perf_counter()
            with agent.db.transaction():
                agent.db.execute("UPDATE staff SET display_name = display_name WHERE id = ?", (1,))
            slowest.append(time.perf_counter() - began)
            time.sleep(0.05)
        thread.join()
        print(
            f"\nintegrity check, {CLIENTS} clients (clients.db {size_mb:.0f} MB): manager {full:.2f} s, "
            f"IT {branch_only:.2f} s; {len(slowest)} writes by another session meanwhile, slowest "
            f"{max(slowest, default=0) * 1000:.0f} ms"
        )
    finally:
        for ctx in (manager, it, agent):
            ctx.close()
