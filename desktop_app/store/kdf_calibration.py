"""One-off Argon2id benchmark: the cheapest parameters that reach a target unlock time.

Memory cost is at least the policy floor (64 MiB).
Runs in a worker thread from the GUI and inline from the CLI.
"""

from __future__ import annotations

import math
import os
import time

from argon2.low_level import Type, hash_secret_raw

from desktop_app.store.branch_config import KdfParams

MAX_TIME_COST = 16
MAX_MEMORY_KIB = 256 * 1024


def _measure(params: KdfParams) -> float:
    """Best of two runs, so a cold page-fault pass does not inflate the estimate."""
    best = math.inf
    for _ in range(2):
        start = time.perf_counter()
        hash_secret_raw(
            b"calibration",
            os.urandom(16),
            params.time_cost,
            params.memory_kib,
            params.parallelism,
            32,
            Type.ID,
        )
        best = min(best, time.perf_counter() - start)
    return best


def calibrate(target_seconds: float, min_memory_kib: int) -> KdfParams:
    """Return parameters whose single derivation takes about ``target_seconds`` on this machine.

    Starts from RFC 9106's second recommendation (t=3, 64 MiB) and spends extra time on memory first
    (up to 256 MiB, which makes guessing costlier on GPUs), then on passes. Cost is close to linear
    in passes × memory, so one measurement at the floor is enough to scale from.
    """
    parallelism = 2 if (os.cpu_count() or 1) >= 2 else 1
    base_passes = 3
    floor = KdfParams(base_passes, min_memory_kib, parallelism)
    seconds = _measure(floor)
    ratio = target_seconds / seconds
    if ratio <= 1:
        return KdfParams(max(1, round(base_passes * ratio)), min_memory_kib, parallelism)
    memory = max(min_memory_kib, min(MAX_MEMORY_KIB, int(min_memory_kib * ratio) // 1024 * 1024))
    remaining = ratio * min_memory_kib / memory
    passes = max(1, min(MAX_TIME_COST, round(base_passes * remaining)))
    return KdfParams(passes, memory, parallelism)
