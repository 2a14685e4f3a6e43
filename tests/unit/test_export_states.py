"""The export states' table (domain/export_states.py): rejected and acknowledged are final, nothing
reaches the outbox without approval, and the repository's ``WHERE state IN`` comes from here."""

from __future__ import annotations

from desktop_app.domain.export_states import OUTBOX_STATES, TRANSITIONS, ExportState, can_move, sources_of


def test_final_states_and_the_four_eyes_path() -> None:
    assert TRANSITIONS[ExportState.REJECTED] == frozenset()
    assert TRANSITIONS[ExportState.ACKNOWLEDGED] == frozenset()
    assert sources_of(ExportState.APPROVED) == (ExportState.PREPARED,)
    assert sources_of(ExportState.REJECTED) == (ExportState.PREPARED,)
    assert sources_of(ExportState.QUEUED) == (ExportState.APPROVED,)  # only an approval is signed
    assert not can_move(ExportState.PREPARED, ExportState.QUEUED)
    assert not can_move(ExportState.REJECTED, ExportState.APPROVED)


def test_every_path_to_the_outbox_passes_through_approved() -> None:
    reachable = {ExportState.PREPARED}
    frontier = [ExportState.PREPARED]
    while frontier:  # every state reachable from prepared without an approval
        for nxt in TRANSITIONS[frontier.pop()] - {ExportState.APPROVED}:
            if nxt not in reachable:
                reachable.add(nxt)
                frontier.append(nxt)
    assert reachable == {ExportState.PREPARED, ExportState.REJECTED}
    assert not reachable & OUTBOX_STATES


def test_every_state_has_both_labels() -> None:
    for state in ExportState:
        zh, en = state.labels
        assert zh and en
