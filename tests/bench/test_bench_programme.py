"""The privacy programme's figures on the benchmark store (100,000 clients, tests/bench/big_store.py):
the counts behind the six targets (what the HQ summary adds) and the dashboard's whole status (with
its five-quarter trend), as the manager. Run on demand: ``pytest tests/bench -m bench``."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator

import pytest

from desktop_app.domain.programme_periods import Quarter
from desktop_app.services.programme_status import programme_counts, programme_status
from desktop_app.services.signed_in import SignedIn
from tests.bench.big_store import CLIENTS, MANAGER, BigStore

pytestmark = pytest.mark.bench
ROUNDS = 5


@pytest.fixture(scope="module")
def manager(big_store: BigStore) -> Iterator[SignedIn]:
    ctx = big_store.signed_in(*MANAGER)
    yield ctx
    ctx.close()


def _median(run) -> float:  # type: ignore[no-untyped-def]
    run()
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def test_programme_counts_and_status(manager: SignedIn) -> None:
    quarter = Quarter.of(manager.today())
    counts = _median(lambda: programme_counts(manager, quarter))
    status = _median(lambda: programme_status(manager, quarter))
    print(
        f"\nprogramme counts, {CLIENTS} clients: median {counts * 1000:.0f} ms; "
        f"dashboard status (5-quarter trend): median {status * 1000:.0f} ms"
    )
