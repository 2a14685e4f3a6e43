"""The branch-scale store the client benchmarks share: 100,000 clients and 500,000 follow-ups.

Built once per test session (``big_store`` fixture in tests/bench/conftest.py) in a temporary
directory: a real encrypted branch (SQLCipher, key slots, a test keyring file), filled through the
repositories one transaction per 10,000 clients, and a plain-SQLite build of the same schema and
the same deterministic data (the same engine unkeyed), so encrypted and plain run side by side.
Subprocesses open the same store with ``BigStore.env()``.
"""

from __future__ import annotations

import itertools
import os
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.domain.client_record import ClientValues, FollowupKind
from desktop_app.domain.roles import Role
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import add_staff
from desktop_app.store import migrations
from desktop_app.store.client_repository import ClientRepository, FollowupRepository
from desktop_app.store.database import Database
from desktop_app.store.legacy_client_tables import drop_legacy_client_tables
from tests.bench.plain_sqlite import open_plain
from tests.conftest import ADMIN, FAST_KDF, Clock
from tests.support.client_access import grant_client_access
from tests.support.contexts import context_of

CLIENTS = 100_000
FOLLOWUPS_PER_CLIENT = 5
BATCH = 10_000
AGENTS = 8
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红建文辉鹏斌宇浩凯健俊帆晨阳"
    "欣怡婷雪琳梅莉燕颖慧佳嘉博思雨涵子轩梓涵一诺浩然宇航欣妍梦瑶晓东志强海燕春梅国庆"
)
PASSWORD = "Bench!Agent#2026x"
MANAGER = ("bench.manager", "Bench!Mgr#2026xy")
FIRST_AGENT = ("agent0", PASSWORD)


def synthetic_clients(staff_ids: list[int]) -> Iterator[tuple[ClientValues, int, list[str]]]:
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
            choices={}
            if (level := rng.choice(("A", "B", "C", None))) is None
            else {"intention_level": level},
            notes="看房意向：两居室，预算待定",
        )
        days = sorted(rng.randrange(0, 720) for _ in range(FOLLOWUPS_PER_CLIENT))
        stamps = [f"2025-{1 + d // 60:02d}-{1 + d % 28:02d}T{9 + i % 9:02d}:00:00Z" for d in days]
        yield values, staff_ids[i % len(staff_ids)], stamps


def fill(db: Database, staff_ids: list[int]) -> None:
    clients, followups = ClientRepository(db), FollowupRepository(db)
    rows = synthetic_clients(staff_ids)
    while batch := list(itertools.islice(rows, BATCH)):
        with db.transaction():
            for values, agent_id, stamps in batch:
                client_id = clients.add(values, assigned_agent_id=agent_id, now="2025-01-01T00:00:00Z")
                for n, at in enumerate(stamps):
                    kind = FollowupKind.VISIT if n % 2 else FollowupKind.CALL
                    followups.add(client_id=client_id, at=at, kind=kind, note="电话回访", staff_id=agent_id)
                clients.note_contact(client_id, stamps[-1])


def plain_copy(path: Path, source: Database) -> Database:
    """An empty plain-SQLite store with the same schema and the same staff rows as ``source``."""
    db = open_plain(path)
    migrations.migrate(db)
    with db.transaction():
        drop_legacy_client_tables(db)  # client tables live in the attached client-data file, as in the app
    columns = "id, username, display_name, role, active, password_changed_at, created_at"
    with db.transaction():
        for row in source.execute(f"SELECT {columns} FROM staff ORDER BY id"):
            db.execute(f"INSERT INTO staff ({columns}) VALUES (?,?,?,?,?,?,?)", tuple(row))
    return db


@dataclass(frozen=True)
class BigStore:
    base: Path
    staff_ids: list[int]
    encrypted_build_s: float
    plain_build_s: float

    @property
    def branch(self) -> Path:
        return self.base / "branch"

    @property
    def plain_path(self) -> Path:
        return self.base / "plain.db"

    def env(self) -> dict[str, str]:
        """What a process needs to open the encrypted store (the test keyring and an empty policy)."""
        return {
            "BRANCHVAULT_TEST_KEYRING_FILE": str(self.base / "keyring.json"),
            "BRANCHVAULT_POLICY": str(self.base / "machine-policy.toml"),
        }

    def signed_in(self, username: str, password: str) -> SignedIn:
        """A new context on the encrypted store with ``username`` signed in (caller closes it)."""
        with pytest.MonkeyPatch.context() as mp:
            for name, value in self.env().items():
                mp.setenv(name, value)
            ctx = build_context(self.branch, clock=Clock())
            ctx = sign_in(context_of(ctx), username, password)
        return ctx

    def open_plain(self) -> Database:
        return open_plain(self.plain_path)


def build(base: Path) -> BigStore:
    """Set up the branch (a manager and eight agents), fill it, then build and fill the plain copy."""
    (base / "machine-policy.toml").write_text("", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRANCHVAULT_TEST_KEYRING_FILE", str(base / "keyring.json"))
        mp.setenv("BRANCHVAULT_POLICY", str(base / "machine-policy.toml"))
        setup = build_context(base / "branch", clock=Clock())
        setup = init_branch(
            setup,
            BranchDetails("SZ001", "深圳南山店", "示例地产经纪有限公司", "400-000-0000"),
            admin_username=ADMIN[0],
            admin_display_name="IT 王工",
            admin_password=ADMIN[1],
            kdf=FAST_KDF,
        ).signed_in
        add_staff(setup, MANAGER[0], MANAGER[0], Role.MANAGER, password=MANAGER[1], must_change=False)
        for n in range(AGENTS):
            add_staff(setup, f"agent{n}", f"agent{n}", Role.AGENT, password=PASSWORD, must_change=False)
        sign_out(setup)
        agents = [(f"agent{n}", PASSWORD) for n in range(AGENTS)]
        grant_client_access(lambda: build_context(base / "branch", clock=Clock()), MANAGER, agents)
        filler = build_context(base / "branch", clock=Clock())
        filler = sign_in(context_of(filler), *MANAGER)
    db = filler.db
    staff_ids = [int(r[0]) for r in db.execute("SELECT id FROM staff WHERE role = 'agent' ORDER BY id")]
    started = time.perf_counter()
    fill(db, staff_ids)
    encrypted_s = time.perf_counter() - started
    plain_db = plain_copy(base / "plain.db", db)
    started = time.perf_counter()
    fill(plain_db, staff_ids)
    plain_s = time.perf_counter() - started
    plain_db.close()
    filler.close()
    setup.close()
    assert (base / "plain.db").read_bytes()[:16] == b"SQLite format 3\x00"  # really unencrypted
    assert (base / "branch" / "branch.db").read_bytes()[:16] != b"SQLite format 3\x00"
    print(
        f"\nbuilt {CLIENTS} clients + {CLIENTS * FOLLOWUPS_PER_CLIENT} follow-ups: "
        f"encrypted {encrypted_s:.1f} s, plain {plain_s:.1f} s (nproc {os.cpu_count()})"
    )
    return BigStore(base, staff_ids, encrypted_s, plain_s)
