"""A backup of the benchmark store (100,000 clients, 500,000 follow-ups; tests/bench/big_store.py):
how long the branch is locked for writes (the copy under the write transaction), the whole backup,
and a verify as the manager (the integrity check on the opened copy, clients.db included); and a
staff write waiting behind the lock. Run on demand: ``pytest tests/bench -m bench -k backup -s``."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from desktop_app.services.backups import create_backup, verify_backup
from tests.bench.big_store import CLIENTS, MANAGER, BigStore
from tests.conftest import ADMIN

pytestmark = pytest.mark.bench


def test_backup_lock_hold_and_duration(
    big_store: BigStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in big_store.env().items():  # the store's keyring file: verify opens a password slot
        monkeypatch.setenv(name, value)
    it = big_store.signed_in(*ADMIN)
    manager = big_store.signed_in(*MANAGER)
    try:
        waited: list[float] = []

        def staff_write() -> None:  # a write that arrives during the backup waits for the lock, then runs
            time.sleep(0.05)
            started = time.perf_counter()
            with manager.db.transaction():
                manager.db.execute("SELECT 1")
            waited.append(time.perf_counter() - started)

        writer = threading.Thread(target=staff_write)
        started = time.perf_counter()
        writer.start()
        result = create_backup(it, tmp_path)
        total = time.perf_counter() - started
        writer.join()
        print(
            f"\nbackup of {CLIENTS} clients: {result.size / 1e6:.1f} MB, lock held {result.lock_held_ms} ms, "
            f"whole backup {total:.2f} s; a staff write arriving meanwhile waited {waited[0] * 1000:.0f} ms"
        )
        started = time.perf_counter()
        checked = verify_backup(it.context, result.path, username=MANAGER[0], password=MANAGER[1])
        verify_s = time.perf_counter() - started
        assert checked.ok and checked.clients_checked
        print(f"verify as the manager (clients.db checked): {verify_s:.2f} s")
        assert result.lock_held_ms < 5000
    finally:
        it.close()
        manager.close()
