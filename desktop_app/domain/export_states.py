"""The states of a summary prepared for headquarters, and which moves between them are allowed.

Rule: prepared → approved | rejected; approved → queued (signed with the branch key); queued →
sent | failing; failing → sent | failing; sent → acknowledged (HQ's signed receipt stored) | failing
(a re-send failed) | sent; queued, failing and sent may also become acknowledged directly (HQ had
stored it and the receipt came back on a re-send). Rejected and acknowledged are final: a rejected
summary is never sent.

Reason: four eyes (a manager other than the preparer approves, GB/T 35273-2020 §9.2 on provision
to third parties; PIPL Art. 23 and 51) and an outbox that can be retried safely; a state the table
allows must be one the service meant to reach.
"""

from __future__ import annotations

from enum import StrEnum


class ExportState(StrEnum):
    PREPARED = "prepared"
    REJECTED = "rejected"
    APPROVED = "approved"
    QUEUED = "queued"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    FAILING = "failing"

    @property
    def labels(self) -> tuple[str, str]:
        """(Chinese, English) for the CLI's plain text; the GUI translates with tr()."""
        return _LABELS[self]


_LABELS: dict[ExportState, tuple[str, str]] = {
    ExportState.PREPARED: ("待审批", "awaiting approval"),
    ExportState.REJECTED: ("已驳回", "rejected"),
    ExportState.APPROVED: ("已批准（待签名）", "approved (awaiting signature)"),
    ExportState.QUEUED: ("待发送", "queued"),
    ExportState.SENT: ("已发送（待回执）", "sent (awaiting receipt)"),
    ExportState.ACKNOWLEDGED: ("总部已确认", "acknowledged by HQ"),
    ExportState.FAILING: ("发送失败（将重试）", "failing (will retry)"),
}

_P, _R, _A, _Q, _S, _K, _F = (
    ExportState.PREPARED,
    ExportState.REJECTED,
    ExportState.APPROVED,
    ExportState.QUEUED,
    ExportState.SENT,
    ExportState.ACKNOWLEDGED,
    ExportState.FAILING,
)

TRANSITIONS: dict[ExportState, frozenset[ExportState]] = {
    _P: frozenset({_A, _R}),
    _R: frozenset(),
    _A: frozenset({_Q}),
    _Q: frozenset({_S, _F, _K}),
    _S: frozenset({_S, _F, _K}),
    _F: frozenset({_S, _F, _K}),
    _K: frozenset(),
}

OUTBOX_STATES: frozenset[ExportState] = frozenset({_Q, _S, _F})
"""States whose signed body may still have to leave (or leave again) the branch."""

MAY_HAVE_LEFT: frozenset[ExportState] = frozenset({_S, _F, _K})
"""States in which the body may have reached HQ (a failing send may have been stored before it failed)."""


def can_move(old: ExportState, new: ExportState) -> bool:
    return new in TRANSITIONS[old]


def sources_of(new: ExportState) -> tuple[ExportState, ...]:
    """The states a move to ``new`` may start from (the repository's ``WHERE state IN``)."""
    return tuple(old for old in ExportState if new in TRANSITIONS[old])
