"""Audit append: at least 2,000 entries/s inside one transaction; a single audited action under 5 ms
(WAL with synchronous=NORMAL: no fsync per commit)."""

from __future__ import annotations

import pytest

from desktop_app.services.audit_trail import record
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from tests.conftest import ADMIN, Branch

BATCH = 2000


@pytest.fixture
def admin_ctx(branch: Branch) -> SignedIn:
    ctx = sign_in(branch.context(), *ADMIN)
    return ctx


def test_audit_append_batch(benchmark, admin_ctx: SignedIn) -> None:  # type: ignore[no-untyped-def]
    db = admin_ctx.db
    assert db is not None

    def batch() -> None:
        with db.transaction():
            for i in range(BATCH):
                record(admin_ctx, "bench.append", target_type="bench", target_id=str(i), details={"i": i})

    benchmark.pedantic(batch, rounds=5, iterations=1)
    rate = BATCH / benchmark.stats.stats.median
    benchmark.extra_info["entries_per_second"] = round(rate)
    assert rate >= 2000, f"{rate:.0f} entries/s"


def test_single_audited_action(benchmark, admin_ctx: SignedIn) -> None:  # type: ignore[no-untyped-def]
    db = admin_ctx.db
    assert db is not None

    def one() -> None:
        with db.transaction():
            record(admin_ctx, "bench.single", target_type="bench", target_id="1")

    benchmark.pedantic(one, rounds=200, iterations=1, warmup_rounds=5)
    median = benchmark.stats.stats.median
    assert median < 0.005, f"single audited action median {median * 1000:.2f} ms"
