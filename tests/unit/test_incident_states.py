"""The incident state machine (domain/incident_states.py): open → assessed → contained → notified →
closed; notification skipped only with a reason."""

from __future__ import annotations

import itertools

import pytest

from desktop_app.domain.incident_states import (
    IncidentState,
    TransitionRefused,
    allowed_transitions,
    check_assessable,
    check_transition,
)


def test_the_full_path_of_a_breach() -> None:
    path = ["assessed", "contained", "notified", "closed"]
    for before, after in itertools.pairwise(path):
        assert check_transition(before, after, is_breach=True, note="") is IncidentState(after)


def test_open_moves_only_by_assessment() -> None:
    assert allowed_transitions("open", is_breach=None) == ()
    for target in ("assessed", "contained", "closed"):
        with pytest.raises(TransitionRefused):
            check_transition("open", target, is_breach=None, note="x")


@pytest.mark.parametrize("state", ["assessed", "contained"])
def test_closing_without_notice_needs_a_reason(state: str) -> None:
    with pytest.raises(TransitionRefused):
        check_transition(state, "closed", is_breach=True, note="  ")
    assert (
        check_transition(state, "closed", is_breach=True, note="措施有效避免了危害") is IncidentState.CLOSED
    )
    assert check_transition(state, "closed", is_breach=False, note="不构成泄露") is IncidentState.CLOSED


def test_no_skipping_backwards_or_unknown() -> None:
    with pytest.raises(TransitionRefused):
        check_transition("assessed", "notified", is_breach=True, note="")
    with pytest.raises(TransitionRefused):
        check_transition("notified", "contained", is_breach=True, note="")
    with pytest.raises(TransitionRefused):
        check_transition("contained", "notified", is_breach=False, note="")  # nobody to notify
    with pytest.raises(TransitionRefused):
        check_transition("closed", "open", is_breach=True, note="")
    with pytest.raises(TransitionRefused):
        check_transition("assessed", "archived", is_breach=True, note="")


def test_closed_assessment_is_final() -> None:
    check_assessable("contained")
    with pytest.raises(TransitionRefused):
        check_assessable("closed")
