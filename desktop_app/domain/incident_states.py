"""The life of an incident: open → assessed → contained → notified → closed.

Rule: a reported incident is ``open``; only the assessment moves it to ``assessed`` and it must say
whether personal information was breached (PIPL Art. 57: the handler decides whether the incident
"发生或者可能发生个人信息泄露、篡改、丢失") and, for a breach, which categories. ``contained`` records
that the leak was stopped; ``notified`` that the affected individuals were told. A breach is closed
only after ``notified`` unless the manager records why no notice is owed (Art. 57 para. 2: when the
measures taken effectively avoid harm, the handler may not notify individuals — the regulator can
still require it); a non-breach closes from ``assessed`` or ``contained`` with a note. Every step
is a row in the append-only timeline (``incident_events``), never an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.errors import BranchVaultError


class IncidentState(StrEnum):
    OPEN = "open"
    ASSESSED = "assessed"
    CONTAINED = "contained"
    NOTIFIED = "notified"
    CLOSED = "closed"


STATE_LABELS: dict[IncidentState, tuple[str, str]] = {
    IncidentState.OPEN: ("待评估", "Open"),
    IncidentState.ASSESSED: ("已评估", "Assessed"),
    IncidentState.CONTAINED: ("已控制", "Contained"),
    IncidentState.NOTIFIED: ("已告知", "Notified"),
    IncidentState.CLOSED: ("已关闭", "Closed"),
}

ORDER = (
    IncidentState.OPEN,
    IncidentState.ASSESSED,
    IncidentState.CONTAINED,
    IncidentState.NOTIFIED,
    IncidentState.CLOSED,
)


def state_label(state: str, language: str = "zh_CN") -> str:
    zh, en = STATE_LABELS.get(IncidentState(state), (state, state))
    return zh if language.startswith("zh") else en


class TransitionRefused(BranchVaultError):
    code = "incident_transition_refused"


@dataclass(frozen=True)
class Transition:
    """A permitted move; ``needs_note`` when the manager must say why (skipping notification)."""

    to: IncidentState
    needs_note: bool = False


def allowed_transitions(state: str, *, is_breach: bool | None) -> tuple[Transition, ...]:
    """Where an incident in ``state`` may go by ``advance`` (the assessment itself is not here:
    open → assessed happens only through ``assess``). A breach may skip ``notified`` only with a note."""
    s = IncidentState(state)
    if s is IncidentState.ASSESSED:
        return (Transition(IncidentState.CONTAINED), Transition(IncidentState.CLOSED, needs_note=True))
    if s is IncidentState.CONTAINED:
        if is_breach:
            return (Transition(IncidentState.NOTIFIED), Transition(IncidentState.CLOSED, needs_note=True))
        return (Transition(IncidentState.CLOSED, needs_note=True),)
    if s is IncidentState.NOTIFIED:
        return (Transition(IncidentState.CLOSED),)
    return ()


def check_transition(state: str, to_state: str, *, is_breach: bool | None, note: str) -> IncidentState:
    """The target state if ``state`` → ``to_state`` is allowed with ``note``; TransitionRefused otherwise."""
    try:
        target = IncidentState(to_state)
    except ValueError:
        raise TransitionRefused(
            f"未知的事件状态：{to_state}。", f"Unknown incident state: {to_state}."
        ) from None
    current = IncidentState(state)
    if current is IncidentState.OPEN:
        raise TransitionRefused(
            "事件尚未评估：请先评估是否构成个人信息泄露。",
            "The incident has not been assessed yet: assess whether personal information was breached first.",
        )
    for option in allowed_transitions(current, is_breach=is_breach):
        if option.to is target:
            if option.needs_note and not note.strip():
                raise TransitionRefused(
                    "跳过告知直接关闭时必须说明原因（例如：不构成个人信息泄露，或已采取措施有效避免危害）。",
                    "Closing without notifying needs a reason (e.g. no personal-information breach, or the "
                    "measures taken effectively avoid harm).",
                )
            return target
    zh_from, en_from = STATE_LABELS[current]
    zh_to, en_to = STATE_LABELS[target]
    raise TransitionRefused(
        f"事件不能从“{zh_from}”变为“{zh_to}”。", f"An incident cannot go from {en_from} to {en_to}."
    )


def check_assessable(state: str) -> None:
    """The assessment is made (or corrected) before the incident is closed."""
    if IncidentState(state) is IncidentState.CLOSED:
        raise TransitionRefused(
            "事件已关闭，不能再修改评估。", "The incident is closed; its assessment cannot change."
        )


def is_open(state: str) -> bool:
    """Not yet closed (the dashboard's open incidents)."""
    return IncidentState(state) is not IncidentState.CLOSED
