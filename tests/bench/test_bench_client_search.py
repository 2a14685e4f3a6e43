"""Client search at branch scale: 100,000 clients and 500,000 follow-ups (the session's shared
store, tests/bench/big_store.py: written through the repositories, one transaction per 10,000
clients), then search-as-you-type keystrokes as the manager
(the whole branch: the broadest search) and one intake save with its audit entry.

Targets: a keystroke search under 30 ms median and 50 ms p95; an intake save under 20 ms median; the
encrypted database at most 1.5x the same search on a plain-SQLite build of the same schema and data
(the same engine unkeyed, built in the same run).
"""

from __future__ import annotations

import dataclasses
import itertools
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from pypinyin import Style, lazy_pinyin

from desktop_app.domain.client_record import ClientDraft
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_search import search_clients
from desktop_app.services.signed_in import SignedIn
from tests.bench.big_store import FIRST_AGENT, MANAGER, BigStore, synthetic_clients

pytestmark = pytest.mark.timeout(600)

ROUNDS = 60


@dataclass
class World:
    encrypted: SignedIn  # the manager, signed in
    plain: SignedIn  # the same session over the unkeyed copy
    agent: SignedIn  # agent0 (1/8 of the clients), signed in
    plain_agent: SignedIn
    queries: dict[str, str]


@pytest.fixture(scope="module")
def world(big_store: BigStore) -> Iterator[World]:
    manager = big_store.signed_in(*MANAGER)
    agent = big_store.signed_in(*FIRST_AGENT)
    plain_db = big_store.open_plain()
    staff_ids = big_store.staff_ids
    name = next(v.full_name for v, _, _ in synthetic_clients(staff_ids) if len(v.full_name) == 3)
    phone = next(v.phone_e164 for v, _, _ in synthetic_clients(staff_ids) if v.full_name == name)
    queries = {
        "name_1": name[0],
        "name_2": name[:2],
        "name_3": name,
        "initials": "".join(p[0] for p in lazy_pinyin(name, style=Style.NORMAL)),
        "phone_last4": phone[-4:],
    }
    queries["letter_1"] = queries["initials"][0]
    queries["agent_name_1"] = queries["name_1"]
    yield World(
        manager,
        SignedIn(manager.context, plain_db, dataclasses.replace(manager.session)),
        agent,
        SignedIn(agent.context, plain_db, dataclasses.replace(agent.session)),
        queries,
    )
    plain_db.close()
    agent.close()
    manager.close()


def _timings(run: Callable[[], object]) -> list[float]:
    run()
    out = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        run()
        out.append(time.perf_counter() - started)
    return out


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


@pytest.mark.parametrize(
    "kind", ["name_1", "name_2", "name_3", "initials", "letter_1", "phone_last4", "agent_name_1"]
)
def test_keystroke_search(benchmark, world: World, kind: str) -> None:  # type: ignore[no-untyped-def]
    """As the manager (the whole branch), or as an agent for ``agent_*``."""
    query = world.queries[kind]
    ctx, plain_ctx = (
        (world.agent, world.plain_agent) if kind.startswith("agent_") else (world.encrypted, world.plain)
    )
    found = search_clients(ctx, query)
    assert found and [r.id for r in found] == [r.id for r in search_clients(plain_ctx, query)]
    plain = _timings(lambda: search_clients(plain_ctx, query))
    benchmark.pedantic(lambda: search_clients(ctx, query), rounds=ROUNDS, warmup_rounds=1)
    encrypted = list(benchmark.stats.stats.data)
    median, p95 = statistics.median(encrypted), _p95(encrypted)
    ratio = median / statistics.median(plain)
    benchmark.extra_info.update(
        query_kind=kind,
        results=len(found),
        median_ms=round(median * 1000, 2),
        p95_ms=round(p95 * 1000, 2),
        plain_median_ms=round(statistics.median(plain) * 1000, 2),
        plain_p95_ms=round(_p95(plain) * 1000, 2),
        encrypted_over_plain=round(ratio, 2),
    )
    print(
        f"\nsearch {kind} ({len(found)} rows): encrypted median {median * 1000:.2f} ms, "
        f"p95 {p95 * 1000:.2f} ms; plain median {statistics.median(plain) * 1000:.2f} ms; "
        f"ratio {ratio:.2f}x"
    )
    assert median < 0.030, f"median {median * 1000:.1f} ms"
    assert p95 < 0.050, f"p95 {p95 * 1000:.1f} ms"
    assert ratio <= 1.5, f"encrypted/plain {ratio:.2f}x"


def test_intake_save_with_audit_entry(benchmark, world: World) -> None:  # type: ignore[no-untyped-def]
    numbers = itertools.count(1)

    def save() -> None:
        create_client(world.agent, ClientDraft(name="测试客户", phone=f"137{next(numbers):08d}"))

    benchmark.pedantic(save, rounds=ROUNDS, warmup_rounds=2)
    samples = list(benchmark.stats.stats.data)
    median = statistics.median(samples)
    benchmark.extra_info.update(median_ms=round(median * 1000, 2), p95_ms=round(_p95(samples) * 1000, 2))
    print(f"\nintake save + audit: median {median * 1000:.2f} ms, p95 {_p95(samples) * 1000:.2f} ms")
    assert median < 0.020, f"median {median * 1000:.1f} ms"
