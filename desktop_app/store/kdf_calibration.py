"""One-off Argon2id benchmark: the cheapest parameters that reach a target unlock time.

Memory cost is at least the policy floor (64 MiB); time cost rises until one derivation takes the
target time. Runs in a worker thread from the GUI and inline from the CLI.
"""

from __future__ import annotations

import os
import time

from argon2.low_level import Type, hash_secret_raw

from desktop_app.store.branch_config import KdfParams

MAX_TIME_COST = 12


def _measure(params: KdfParams) -> float:
    start = time.perf_counter()
    hash_secret_raw(
        b"calibration", os.urandom(16), params.time_cost, params.memory_kib, params.parallelism, 32, Type.ID
    )
    return time.perf_counter() - start


def calibrate(target_seconds: float, min_memory_kib: int) -> KdfParams:
    """Return parameters whose single derivation takes about ``target_seconds`` on this machine."""
    parallelism = 2 if (os.cpu_count() or 1) >= 2 else 1
    params = KdfParams(1, min_memory_kib, parallelism)
    one_pass = _measure(params)
    if one_pass >= target_seconds:
        return params
    time_cost = max(1, min(MAX_TIME_COST, round(target_seconds / one_pass)))
    return KdfParams(time_cost, min_memory_kib, parallelism)
