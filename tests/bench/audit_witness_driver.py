"""Measures what the audit chain's witness costs, in whatever keyring the environment selects.

Run as ``python -m tests.bench.audit_witness_driver DIR`` (the bench test does, once with the test
file keyring and once inside a private gnome-keyring session). Prints one JSON object:

- ``keyring_write_ms`` / ``keyring_read_ms``: median of one ``set_password`` / ``get_password`` of
  the witness entry;
- ``action_ms_witness`` / ``action_ms_baseline``: median of one audited action (a transaction with
  one ``record``) with the witness writer armed, and disarmed (the code path of a branch before the
  witness: the commit hook returns at once), interleaved in the same run;
- ``paced_action_ms_witness`` / ``paced_action_ms_baseline``: actions with a pause after each (as a
  person works; the debounced background write happens in the pause), armed and disarmed;
- ``overlapped_action_ms_witness``: the worst case, no debounce: each action's own write starts on
  the background thread while the action is still finishing (reported, not budgeted);
- ``writes``: keyring writes made during the burst (coalesced: at most one per second).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from desktop_app.domain.audit_chain import ChainHead
from desktop_app.services.audit_trail import record
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import build_context
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_witness import WitnessKeyring, witness_for
from desktop_app.store.branch_config import KdfParams

ROUNDS = 10
PER_ROUND = 30
PACED = 30


def _ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 4)


def _one(ctx: SignedIn, n: int) -> float:
    assert ctx.db is not None
    started = time.perf_counter()
    with ctx.db.transaction():
        record(ctx, "bench.witness", target_type="bench", target_id=str(n))
    return time.perf_counter() - started


def main(root: Path) -> dict[str, object]:
    ctx = build_context(root / "branch")
    ctx = init_branch(
        ctx,
        BranchDetails("BENCH", "基准门店"),
        admin_username="it.bench",
        admin_display_name="Bench",
        admin_password="Adm1n!Secure#2026",
        kdf=KdfParams(time_cost=1, memory_kib=64 * 1024, parallelism=1),
    ).signed_in
    assert ctx.db is not None and ctx.config is not None
    store = WitnessKeyring(ctx.config.branch_id)
    writes, reads = [], []
    for seq in range(1, 31):
        started = time.perf_counter()
        store.write(ChainHead(seq, f"{seq:064x}"))
        writes.append(time.perf_counter() - started)
        started = time.perf_counter()
        store.read()
        reads.append(time.perf_counter() - started)

    witness = witness_for(ctx.db)
    assert witness is not None
    writer = witness.writer
    counted: list[ChainHead] = []
    write = writer._write

    def counting_write(head: ChainHead) -> None:
        write(head)
        counted.append(head)

    writer._write = counting_write
    with_witness: list[float] = []
    baseline: list[float] = []
    n = 0
    for _ in range(ROUNDS):
        for armed, samples in ((True, with_witness), (False, baseline)):
            writer.armed = armed
            for _ in range(PER_ROUND):
                n += 1
                samples.append(_one(ctx, n))
        writer.armed = True
        writer.flush()
    burst_writes = len(counted)
    paced: list[float] = []
    paced_baseline: list[float] = []
    for _ in range(PACED):
        for armed, samples in ((True, paced), (False, paced_baseline)):
            writer.armed = armed
            n += 1
            samples.append(_one(ctx, n))
            # the pause: armed, the debounced write happens in it; disarmed, the same write is made
            # from here at the same moment, so both runs do the same work and differ only in who does it
            time.sleep(writer.settle)
            if not armed:
                store.write(ChainHead(n, f"{n:064x}"))
            time.sleep(0.05)
            writer.flush()
    writer.armed = True
    overlapped: list[float] = []
    writer.min_interval = writer.settle = 0.0
    for _ in range(PACED):
        writer.flush()
        n += 1
        overlapped.append(_one(ctx, n))
    writer.flush()
    ctx.close()
    return {
        "keyring_write_ms": _ms(writes),
        "keyring_read_ms": _ms(reads),
        "action_ms_witness": _ms(with_witness),
        "action_ms_baseline": _ms(baseline),
        "paced_action_ms_witness": _ms(paced),
        "paced_action_ms_baseline": _ms(paced_baseline),
        "overlapped_action_ms_witness": _ms(overlapped),
        "actions": len(with_witness),
        "writes": burst_writes,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
