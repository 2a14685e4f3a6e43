"""Client search at branch scale: 100,000 clients and 500,000 follow-ups written through the
repositories (one transaction per 10,000 clients), then search-as-you-type keystrokes as the manager
(the whole branch: the broadest search) and one intake save with its audit entry.

Targets: a keystroke search under 30 ms median and 50 ms p95; an intake save under 20 ms median; the
encrypted database at most 1.5x the same search on a plain-SQLite build of the same schema and data
(the same engine unkeyed, built in the same run).
"""

from __future__ import annotations

import dataclasses
import itertools
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlcipher3
from pypinyin import Style, lazy_pinyin

from desktop_app.domain.client_record import ClientDraft, ClientValues, FollowupKind
from desktop_app.domain.roles import Role
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_search import search_clients
from desktop_app.services.context import AppContext, build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.staff_accounts import add_staff
from desktop_app.store import migrations
from desktop_app.store.client_repository import ClientRepository, FollowupRepository
from desktop_app.store.database import Database
from tests.conftest import ADMIN, FAST_KDF, Clock

pytestmark = pytest.mark.timeout(600)

CLIENTS = 100_000
FOLLOWUPS_PER_CLIENT = 5
BATCH = 10_000
AGENTS = 8
ROUNDS = 60
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红建文辉鹏斌宇浩凯健俊帆晨阳"
    "欣怡婷雪琳梅莉燕颖慧佳嘉博思雨涵子轩梓涵一诺浩然宇航欣妍梦瑶晓东志强海燕春梅国庆"
)
PASSWORD = "Bench!Agent#2026x"
MANAGER = ("bench.manager", "Bench!Mgr#2026xy")


@dataclass
class World:
    encrypted: AppContext  # the manager, signed in
    plain: AppContext  # the same session over the unkeyed copy
    agent: AppContext  # agent0 (1/8 of the clients), signed in
    plain_agent: AppContext
    queries: dict[str, str]


def _clients(staff_ids: list[int]) -> Iterator[tuple[ClientValues, int, list[str]]]:
    """Deterministic synthetic clients: (values, assigned agent, follow-up timestamps)."""
    rng = random.Random(20260101)
    for i in range(CLIENTS):
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
        phone = f"+86{rng.choice(('138', '139', '186', '150'))}{(i * 7919 + 12345) % 10**8:08d}"
        values = ClientValues(
            full_name=rng.choice(SURNAMES) + given,
            phone_e164=phone,
            phone_kind="mobile",
            stage=rng.choice(("lead", "visiting", "subscription")),
            intention_level=rng.choice(("A", "B", "C", None)),
            notes="看房意向：两居室，预算待定",
        )
        days = sorted(rng.randrange(0, 720) for _ in range(FOLLOWUPS_PER_CLIENT))
        stamps = [f"2025-{1 + d // 60:02d}-{1 + d % 28:02d}T{9 + i % 9:02d}:00:00Z" for d in days]
        yield values, staff_ids[i % len(staff_ids)], stamps


def _fill(db: Database, staff_ids: list[int]) -> None:
    clients, followups = ClientRepository(db), FollowupRepository(db)
    rows = _clients(staff_ids)
    while batch := list(itertools.islice(rows, BATCH)):
        with db.transaction():
            for values, agent_id, stamps in batch:
                client_id = clients.add(values, assigned_agent_id=agent_id, now="2025-01-01T00:00:00Z")
                for n, at in enumerate(stamps):
                    kind = FollowupKind.VISIT if n % 2 else FollowupKind.CALL
                    followups.add(client_id=client_id, at=at, kind=kind, note="电话回访", staff_id=agent_id)
                clients.note_contact(client_id, stamps[-1])


def _plain_copy(path: Path, source: Database) -> Database:
    connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "secure_delete = ON", "foreign_keys = ON"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("PRAGMA temp_store = MEMORY")
    db = Database(connection, path)
    migrations.migrate(db)
    columns = "id, username, display_name, role, active, password_changed_at, created_at"
    with db.transaction():
        for row in source.execute(f"SELECT {columns} FROM staff ORDER BY id"):
            db.execute(f"INSERT INTO staff ({columns}) VALUES (?,?,?,?,?,?,?)", tuple(row))
    return db


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    base = tmp_path_factory.mktemp("client-search-bench")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRANCHVAULT_TEST_KEYRING_FILE", str(base / "keyring.json"))
        (base / "machine-policy.toml").write_text("", encoding="utf-8")
        mp.setenv("BRANCHVAULT_POLICY", str(base / "machine-policy.toml"))
        setup = build_context(base / "branch", clock=Clock())
        init_branch(
            setup,
            BranchDetails("SZ001", "深圳南山店", "示例地产经纪有限公司", "400-000-0000"),
            admin_username=ADMIN[0],
            admin_display_name="IT 王工",
            admin_password=ADMIN[1],
            kdf=FAST_KDF,
        )
        add_staff(setup, MANAGER[0], MANAGER[0], Role.MANAGER, password=MANAGER[1], must_change=False)
        for n in range(AGENTS):
            add_staff(setup, f"agent{n}", f"agent{n}", Role.AGENT, password=PASSWORD, must_change=False)
        sign_out(setup)
        manager = build_context(base / "branch", clock=Clock())
        sign_in(manager, *MANAGER)
        agent = build_context(base / "branch", clock=Clock())
        sign_in(agent, "agent0", PASSWORD)
        _, db = manager.require_session()
        staff_ids = [int(r[0]) for r in db.execute("SELECT id FROM staff WHERE role = 'agent' ORDER BY id")]
        started = time.perf_counter()
        _fill(db, staff_ids)
        encrypted_s = time.perf_counter() - started
        plain_db = _plain_copy(base / "plain.db", db)
        started = time.perf_counter()
        _fill(plain_db, staff_ids)
        plain_s = time.perf_counter() - started
        print(
            f"\nbuilt {CLIENTS} clients + {CLIENTS * FOLLOWUPS_PER_CLIENT} follow-ups: "
            f"encrypted {encrypted_s:.1f} s, plain {plain_s:.1f} s"
        )
        assert (base / "plain.db").read_bytes()[:16] == b"SQLite format 3\x00"  # really unencrypted
        name = next(v.full_name for v, _, _ in _clients(staff_ids) if len(v.full_name) == 3)
        phone = next(v.phone_e164 for v, _, _ in _clients(staff_ids) if v.full_name == name)
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
            dataclasses.replace(manager, db=plain_db),
            agent,
            dataclasses.replace(agent, db=plain_db),
            queries,
        )
        plain_db.close()
        agent.close()
        manager.close()
        setup.close()


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
