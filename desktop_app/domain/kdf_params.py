"""Argon2id cost parameters (time, memory in KiB, lanes) of the key slots: a plain value.

Calibrated once per machine from a target unlock time (store/kdf_calibration.py), kept in the branch
config and never lowered below the floor of the security table. A value here so the GUI can pass it
around without importing the store.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int

    def at_least(self, other: KdfParams) -> bool:
        return (
            self.time_cost >= other.time_cost
            and self.memory_kib >= other.memory_kib
            and self.parallelism >= other.parallelism
        )

    def as_dict(self) -> dict[str, int]:
        return {"time_cost": self.time_cost, "memory_kib": self.memory_kib, "parallelism": self.parallelism}
