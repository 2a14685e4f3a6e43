"""The audit log's hash chain: canonical form of an entry, its hash, and verification.

hash_n = SHA-256(canonical(entry_n) || prev_hash), with prev_hash of the first entry = 64 zeros.
Canonical form is JSON with sorted keys, no whitespace, UTF-8, so any reader can recompute it.

A chain that verifies can still be a shorter or rewritten one: whoever holds a database key can
restore an older ``branch.db``, cut off the tail or delete entries and recompute every hash. Two more
rules catch that (GB/T 22239-2019 8.1.4.3 c: audit records are protected from deletion, modification
and overwriting):

- the local witness (``compare_witness``): the latest chain head this PC saw is kept outside the
  database; the log may be ahead of it (a crash after a commit, before the witness caught up), but
  the entry at the witness's sequence must exist with the witness's hash;
- time order (``TimeOrder``): consecutive entries never go back in time by more than
  ``TIME_TOLERANCE_SECONDS``. Entries recorded late from the sign-in state file keep their original
  time, so they are not compared with the entries before them; instead none may be dated after the
  next regular entry, which was written after it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

GENESIS_HASH = "0" * 64
TIME_TOLERANCE_SECONDS = 5 * 60  # clock corrections by NTP stay well inside this
LATE_MARK = "recorded_late"  # details key of entries written at a later sign-in, with their own time


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


@dataclass(frozen=True)
class ChainHead:
    """The last entry of the chain: its sequence number and hash."""

    seq: int
    hash: str


class WitnessState(StrEnum):
    MATCHES = "matches"  # the log ends at the witnessed entry
    AHEAD = "ahead"  # the log continues the witnessed entry (the witness had not caught up yet)
    EMPTY = "empty"  # no entries and no witness: a branch being set up
    UNAVAILABLE = "unavailable"  # a branch without a keyring keeps no witness: rollback is not detectable
    BEHIND = "behind"  # the log ends before the witnessed entry: older copy restored or tail cut off
    DIVERGED = "diverged"  # the witnessed entry has another hash: the log was rewritten and re-chained
    MISSING = "missing"  # entries but no witness: the keyring entry was removed (or a new PC)


PROBLEM_STATES = frozenset({WitnessState.BEHIND, WitnessState.DIVERGED, WitnessState.MISSING})


@dataclass(frozen=True)
class WitnessCheck:
    state: WitnessState
    witness: ChainHead | None = None
    head: ChainHead | None = None
    found_hash: str | None = None  # the hash the log holds at the witness's sequence (DIVERGED)

    @property
    def is_problem(self) -> bool:
        return self.state in PROBLEM_STATES

    def details(self) -> dict[str, Any]:
        """What an audit entry records about the check (hashes, sequence numbers; no personal data)."""
        return {
            "witness_state": self.state.value,
            "witness_seq": self.witness.seq if self.witness else None,
            "witness_hash": self.witness.hash if self.witness else None,
            "log_seq": self.head.seq if self.head else 0,
            "log_hash": self.head.hash if self.head else None,
            "found_hash": self.found_hash,
        }


def compare_witness(
    witness: ChainHead | None, head: ChainHead | None, hash_at_witness: str | None
) -> WitnessCheck:
    """The witness rule. ``head`` is the log's last entry (None: empty log); ``hash_at_witness`` the
    hash of the log's entry at ``witness.seq`` (None: no such entry)."""
    if witness is None:
        return WitnessCheck(WitnessState.EMPTY if head is None else WitnessState.MISSING, None, head)
    if head is None or head.seq < witness.seq or hash_at_witness is None:
        return WitnessCheck(WitnessState.BEHIND, witness, head)
    if hash_at_witness != witness.hash:
        return WitnessCheck(WitnessState.DIVERGED, witness, head, hash_at_witness)
    state = WitnessState.MATCHES if head.seq == witness.seq else WitnessState.AHEAD
    return WitnessCheck(state, witness, head)


@dataclass(frozen=True)
class TimeRegression:
    """Entry ``seq`` is dated ``seconds_back`` seconds before entry ``previous_seq``, which precedes it
    in the log. ``late`` when ``previous_seq`` is an entry recorded late, dated after the entry that
    followed it."""

    seq: int
    previous_seq: int
    seconds_back: float
    late: bool = False


def entry_time(entry: AuditEntry) -> float | None:
    """Seconds since the epoch of ``entry.ts`` (ISO 8601, UTC), or None if it does not parse."""
    try:
        return datetime.fromisoformat(entry.ts).timestamp()
    except ValueError:
        return None


class TimeOrder:
    """Checks time order while the entries stream past (the log is walked once for all checks)."""

    def __init__(self, tolerance: float = TIME_TOLERANCE_SECONDS) -> None:
        self.tolerance = tolerance
        self.regressions: list[TimeRegression] = []
        self._previous: tuple[int, float] | None = None  # the last regular entry
        self._late: list[tuple[int, float]] = []  # late entries since then

    def add(self, entry: AuditEntry) -> None:
        at = entry_time(entry)
        if at is None:
            return
        if entry.details.get(LATE_MARK) is True:
            self._late.append((entry.seq, at))
            return
        for late_seq, late_at in self._late:
            if late_at - at > self.tolerance:
                self.regressions.append(TimeRegression(entry.seq, late_seq, late_at - at, late=True))
        self._late.clear()
        if self._previous is not None and self._previous[1] - at > self.tolerance:
            self.regressions.append(TimeRegression(entry.seq, self._previous[0], self._previous[1] - at))
        self._previous = (entry.seq, at)

    def watch(self, entries: Iterable[AuditEntry]) -> Iterator[AuditEntry]:
        """Pass ``entries`` through, checking each."""
        for entry in entries:
            self.add(entry)
            yield entry


def time_regressions(
    entries: Iterable[AuditEntry], tolerance: float = TIME_TOLERANCE_SECONDS
) -> list[TimeRegression]:
    order = TimeOrder(tolerance)
    for entry in entries:
        order.add(entry)
    return order.regressions


@dataclass(frozen=True)
class AuditVerification:
    """Everything ``audit verify`` found: the chain, time order, the witness, restored triggers;
    and, for the reader only, findings recorded earlier in the log as (seq, action)."""

    chain: ChainReport
    time_regressions: tuple[TimeRegression, ...] = ()
    witness: WitnessCheck = WitnessCheck(WitnessState.UNAVAILABLE)
    restored_triggers: tuple[str, ...] = ()
    recorded_findings: tuple[tuple[int, str], ...] = ()

    @property
    def ok(self) -> bool:
        return (
            self.chain.ok
            and not self.time_regressions
            and not self.witness.is_problem
            and not self.restored_triggers
        )

    @property
    def checked(self) -> int:
        return self.chain.checked

    @property
    def first_broken_seq(self) -> int | None:
        return self.chain.first_broken_seq

    @property
    def problem(self) -> str:
        return self.chain.problem
