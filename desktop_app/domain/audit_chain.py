"""The audit log's hash chain: canonical form of an entry, its hash, and verification.

hash_n = SHA-256(canonical(entry_n) || prev_hash), with prev_hash of the first entry = 64 zeros.
Canonical form is JSON with sorted keys, no whitespace, UTF-8, so any reader can recompute it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    ts: str
    actor_id: int | None
    actor_username: str
    actor_role: str
    action: str
    target_type: str
    target_id: str
    outcome: str
    reason: str
    details: dict[str, Any]
    prev_hash: str
    hash: str = ""

    def body(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("hash")
        data.pop("prev_hash")
        return data


def canonical(entry: AuditEntry) -> bytes:
    return json.dumps(entry.body(), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(canonical(entry) + entry.prev_hash.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    problem: str = ""


def verify_chain(entries: Iterable[AuditEntry]) -> ChainReport:
    """Walk entries in sequence order; report the first sequence number where the chain breaks.

    Detects an altered entry (its hash no longer matches), a deleted entry (a gap in the sequence,
    or the next entry's prev_hash not matching), and a re-ordered or inserted entry.
    """
    prev_hash = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainReport(False, checked, expected_seq, "missing entry")
        if entry.prev_hash != prev_hash:
            return ChainReport(False, checked, entry.seq, "previous hash does not match")
        if compute_hash(entry) != entry.hash:
            return ChainReport(False, checked, entry.seq, "entry content altered")
        prev_hash = entry.hash
        expected_seq += 1
        checked += 1
    return ChainReport(True, checked)
