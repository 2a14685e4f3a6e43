"""The witness rule and the time-order rule of the audit chain (domain/audit_chain.py), without I/O.

Witness: the log may run ahead of the witness, but the entry at the witness's sequence must carry
the witness's hash. Time order: consecutive regular entries never go back beyond the tolerance;
entries recorded late keep their own time and are only checked against the entry written after them.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.audit_chain import (
    TIME_TOLERANCE_SECONDS,
    AuditEntry,
    AuditVerification,
    ChainHead,
    ChainReport,
    TimeRegression,
    WitnessCheck,
    WitnessState,
    compare_witness,
    time_regressions,
)
from tests.unit.test_audit_chain import build_chain

BASE = 1_800_000_000.0


def hashes(n: int) -> list[str]:
    return [entry.hash for entry in build_chain(n)]


def check(witness_seq: int | None, log: list[str], *, witness_hash: str | None = None) -> WitnessCheck:
    """Compare a witness of entry ``witness_seq`` of ``log`` (or with ``witness_hash``) with ``log``."""
    head = ChainHead(len(log), log[-1]) if log else None
    if witness_seq is None:
        return compare_witness(None, head, None)
    at = log[witness_seq - 1] if witness_seq <= len(log) else None
    witness = ChainHead(witness_seq, witness_hash or hashes(witness_seq)[-1])
    return compare_witness(witness, head, at)


def test_matching_and_ahead_are_fine() -> None:
    log = hashes(10)
    assert check(10, log).state is WitnessState.MATCHES
    ahead = check(7, log)  # a crash after the commit, before the witness caught up
    assert ahead.state is WitnessState.AHEAD and not ahead.is_problem


def test_a_shorter_log_is_behind() -> None:
    result = check(10, hashes(7))
    assert result.state is WitnessState.BEHIND and result.is_problem
    assert result.details()["witness_seq"] == 10 and result.details()["log_seq"] == 7
    assert check(3, []).state is WitnessState.BEHIND  # everything gone


def test_another_entry_at_the_witnessed_place_is_diverged() -> None:
    result = check(5, hashes(9), witness_hash="f" * 64)
    assert result.state is WitnessState.DIVERGED and result.is_problem
    assert result.found_hash == hashes(5)[-1]


def test_no_witness() -> None:
    assert check(None, []).state is WitnessState.EMPTY
    missing = check(None, hashes(3))
    assert missing.state is WitnessState.MISSING and missing.is_problem


@given(st.integers(1, 40), st.integers(1, 40))
def test_witness_of_a_prefix_of_the_same_chain_is_never_a_problem(length: int, seen: int) -> None:
    """Property: any head this chain really had is accepted; a longer one is always reported."""
    log = hashes(length)
    result = check(seen, log)
    if seen <= length:
        assert result.state in (WitnessState.MATCHES, WitnessState.AHEAD)
    else:
        assert result.state is WitnessState.BEHIND


@given(st.integers(2, 30), st.data())
def test_any_rewritten_entry_at_or_before_the_witness_is_caught(length: int, data: st.DataObject) -> None:
    """Property: change one entry, recompute the chain from there: the witness no longer matches."""
    original = build_chain(length)
    changed_at = data.draw(st.integers(1, length))
    seen = data.draw(st.integers(changed_at, length))
    rewritten = build_chain(
        length, actions=["auth.sign_in"] * (changed_at - 1) + ["staff.add"] * (length - changed_at + 1)
    )
    log = [entry.hash for entry in rewritten]
    witness = ChainHead(seen, original[seen - 1].hash)
    assert compare_witness(witness, ChainHead(length, log[-1]), log[seen - 1]).state is WitnessState.DIVERGED


def at(seconds: float) -> str:
    return (
        datetime.fromtimestamp(BASE + seconds, UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    )


def entries(times: list[float], late: set[int] | None = None) -> list[AuditEntry]:
    late = late or set()
    chain = build_chain(len(times))
    return [
        dataclasses.replace(
            entry,
            ts=at(t),
            details={"recorded_late": True} if entry.seq in late else entry.details,
        )
        for entry, t in zip(chain, times, strict=True)
    ]


def test_time_order_allows_small_steps_back_and_reports_large_ones() -> None:
    assert time_regressions(entries([0, 60, 60 - TIME_TOLERANCE_SECONDS, 120])) == []
    found = time_regressions(entries([0, 3600, 100, 3700]))
    assert found == [TimeRegression(seq=3, previous_seq=2, seconds_back=3500)]


def test_late_entries_keep_their_time_but_cannot_be_from_after_they_were_written() -> None:
    # a failed sign-in at t=60, written into the log at the next sign-in at t=7200
    assert time_regressions(entries([0, 3600, 60, 7200], late={3})) == []
    # a queued event dated after the sign-in that wrote it is forged or from a wrong clock
    found = time_regressions(entries([0, 3600, 90_000, 7200], late={3}))
    assert found == [TimeRegression(seq=4, previous_seq=3, seconds_back=82_800, late=True)]


@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=40))
def test_time_order_reports_exactly_the_big_steps_back(steps: list[float]) -> None:
    """Property: with no late entries, a regression is reported at seq i+1 iff t[i] - t[i+1] > tolerance."""
    times = steps
    found = {(r.seq, r.previous_seq) for r in time_regressions(entries(times))}

    expected = {
        (i + 2, i + 1)
        for i in range(len(times) - 1)
        if times[i] - times[i + 1] > TIME_TOLERANCE_SECONDS + 1e-3
    }
    borderline = {
        (i + 2, i + 1)
        for i in range(len(times) - 1)
        if abs(times[i] - times[i + 1] - TIME_TOLERANCE_SECONDS) <= 1e-3
    }
    assert expected <= found <= expected | borderline


def test_verification_is_ok_only_when_every_check_is() -> None:
    intact = ChainReport(True, 5)
    witnessed = WitnessCheck(WitnessState.MATCHES)
    assert AuditVerification(intact, (), witnessed).ok
    assert AuditVerification(intact, (), WitnessCheck(WitnessState.UNAVAILABLE)).ok  # said, not failed
    assert not AuditVerification(ChainReport(False, 2, 3, "missing entry"), (), witnessed).ok
    assert not AuditVerification(intact, (TimeRegression(3, 2, 999),), witnessed).ok
    assert not AuditVerification(intact, (), WitnessCheck(WitnessState.BEHIND)).ok
    assert not AuditVerification(intact, (), WitnessCheck(WitnessState.MISSING)).ok
    assert not AuditVerification(intact, (), witnessed, ("audit_log_no_delete",)).ok
