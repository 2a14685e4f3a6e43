"""The audit hash chain: verification finds the first altered, missing or re-ordered entry."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.audit_chain import (
    GENESIS_HASH,
    AuditEntry,
    canonical,
    compute_hash,
    verify_chain,
)


def build_chain(n: int, actions: list[str] | None = None) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        entry = AuditEntry(
            seq=seq,
            ts=f"2027-01-01T00:00:{seq % 60:02d}.000000Z",
            actor_id=seq % 3 or None,
            actor_username=f"user{seq % 4}",
            actor_role="agent",
            action=(actions[seq - 1] if actions else "auth.sign_in"),
            target_type="staff",
            target_id=str(seq),
            outcome="success",
            reason="",
            details={"n": seq, "名": "值"},
            prev_hash=prev,
        )
        entry = dataclasses.replace(entry, hash=compute_hash(entry))
        entries.append(entry)
        prev = entry.hash
    return entries


def test_intact_chain_verifies() -> None:
    report = verify_chain(build_chain(10))
    assert report.ok and report.checked == 10 and report.first_broken_seq is None


def test_empty_chain_verifies() -> None:
    assert verify_chain([]).ok


def test_first_entry_links_to_genesis() -> None:
    chain = build_chain(1)
    assert chain[0].prev_hash == "0" * 64
    bad = dataclasses.replace(chain[0], prev_hash="f" * 64)
    assert verify_chain([bad]).first_broken_seq == 1


def test_canonical_form_is_sorted_compact_utf8_without_hashes() -> None:
    entry = build_chain(1)[0]
    text = canonical(entry).decode("utf-8")
    assert "值" in text and " " not in text.replace("auth.sign_in", "")
    data = json.loads(text)
    assert "hash" not in data and "prev_hash" not in data
    assert list(data) == sorted(data)


def test_altered_entry_detected() -> None:
    chain = build_chain(8)
    chain[4] = dataclasses.replace(chain[4], outcome="failure")
    report = verify_chain(chain)
    assert not report.ok and report.first_broken_seq == 5 and report.checked == 4
    assert report.problem == "entry content altered"


def test_altered_and_rehashed_entry_detected_at_the_next_one() -> None:
    chain = build_chain(8)
    forged = dataclasses.replace(chain[4], actor_username="someone.else")
    chain[4] = dataclasses.replace(forged, hash=compute_hash(forged))
    report = verify_chain(chain)
    assert report.first_broken_seq == 6
    assert report.problem == "previous hash does not match"


def test_deleted_entry_is_a_gap() -> None:
    chain = build_chain(8)
    del chain[2]
    report = verify_chain(chain)
    assert report.first_broken_seq == 3 and report.problem == "missing entry"


def test_reordered_entries_detected() -> None:
    chain = build_chain(8)
    chain[3], chain[4] = chain[4], chain[3]
    assert verify_chain(chain).first_broken_seq == 4


def test_swapped_contents_with_renumbered_seq_detected() -> None:
    chain = build_chain(8)
    a, b = chain[3], chain[4]
    chain[3] = dataclasses.replace(b, seq=4)
    chain[4] = dataclasses.replace(a, seq=5)
    assert verify_chain(chain).first_broken_seq == 4


TAMPERS = ["alter", "alter_rehash", "delete", "swap_next", "change_hash", "change_prev"]


@given(
    n=st.integers(2, 40),
    data=st.data(),
    tamper=st.sampled_from(TAMPERS),
)
def test_property_tampering_a_random_entry_is_reported_at_that_seq(
    n: int, data: st.DataObject, tamper: str
) -> None:
    chain = build_chain(n)
    # Deleting or swapping needs a following entry; a rehashed alteration is caught at the next entry.
    last = n - 1 if tamper in ("delete", "swap_next", "alter_rehash") else n
    i = data.draw(st.integers(0, last - 1), label="index")
    seq = i + 1
    expected = seq
    if tamper == "alter":
        field = data.draw(st.sampled_from(["ts", "actor_username", "action", "target_id", "reason"]))
        chain[i] = dataclasses.replace(chain[i], **{field: getattr(chain[i], field) + "x"})
    elif tamper == "alter_rehash":
        forged = dataclasses.replace(chain[i], details={"forged": True})
        chain[i] = dataclasses.replace(forged, hash=compute_hash(forged))
        expected = seq + 1
    elif tamper == "delete":
        del chain[i]
    elif tamper == "swap_next":
        chain[i], chain[i + 1] = chain[i + 1], chain[i]
    elif tamper == "change_hash":
        chain[i] = dataclasses.replace(chain[i], hash="0" * 64)
    elif tamper == "change_prev":
        chain[i] = dataclasses.replace(chain[i], prev_hash="1" * 64)
    report = verify_chain(chain)
    assert not report.ok
    assert report.first_broken_seq == expected
    assert report.checked == expected - 1


@given(st.integers(0, 30))
def test_property_untouched_chains_verify(n: int) -> None:
    report = verify_chain(build_chain(n))
    assert report.ok and report.checked == n
