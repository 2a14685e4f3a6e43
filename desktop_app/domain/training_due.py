"""Whether a staff member's privacy training is due, overdue, or done this quarter, and the gate.

Rule: the quarter's training is due from the quarter's first day, or from the day the account was
created if later (a new member gets the whole grace period from their first day; the service also
passes the day the branch got the programme, so an upgrade mid-quarter closes nothing at once). It must be done
within ``training_grace_days`` days (the deadline is the last of those days, inclusive); after the
deadline it is *overdue*. An overdue member is *gated* — every action on client data is refused
until they pass the quiz or attend a classroom session — when the policy's
``training_gate_client_data`` is on. IT administrators never see client data; with
``training_gate_it_admin`` on (off by default) their actions on the stores and flows that hold it
(branch configuration incl. the HQ link, backups) are closed instead. Staff management and key
rotation never are (disabling a leaver and rotating keys are security measures). Training itself, the programme area,
incident reporting and signing out are never gated, and incident assessment never is (a breach's
deadlines run regardless: PIPL Art. 57).
Reason: PIPL Art. 51(4) asks the handler to train staff regularly; the gate makes "before you
handle clients' data this quarter" true without anyone chasing it. Plain Python, dates injected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.domain.permissions import CLIENT_DATA_ACTIONS, Action
from desktop_app.domain.roles import Role


class DueStatus(StrEnum):
    DONE = "done"  # completed this quarter: nothing due
    DUE = "due"  # not yet done, within the grace period
    OVERDUE = "overdue"  # past the deadline


@dataclass(frozen=True)
class TrainingDue:
    quarter: str  # "2026Q4"
    status: DueStatus
    deadline: date  # last day of the grace period
    days_left: int  # days until the gate, today included (0 once overdue or done)
    gated: bool  # overdue and the policy closes client data for this role

    @property
    def needs_attention(self) -> bool:
        return self.status is not DueStatus.DONE


# Never closed by the gate, even if a later issue adds them to CLIENT_DATA_ACTIONS: a breach's
# assessment has legal deadlines of its own.
_NEVER_GATED = frozenset(a for a in Action if a.value.startswith("incident."))


_IT_GATED = frozenset({Action.CONFIG_EDIT, Action.BACKUP_RUN})


def gated_action(action: Action, role: Role) -> bool:
    """Whether the training gate closes ``action`` for ``role``."""
    if role is Role.IT_ADMIN:
        return action in _IT_GATED
    return action in CLIENT_DATA_ACTIONS and action not in _NEVER_GATED


def gate_applies(role: Role, *, gate_client_data: bool, gate_it_admin: bool) -> bool:
    if not gate_client_data:
        return False
    if role is Role.IT_ADMIN:
        return gate_it_admin
    return role in (Role.AGENT, Role.MANAGER)  # auditors have no client-data action to close


def training_due(
    *,
    quarter_key: str,
    quarter_start: date,
    quarter_end: date,
    today: date,
    created_on: date,
    completed: bool,
    role: Role,
    grace_days: int,
    gate_client_data: bool,
    gate_it_admin: bool,
) -> TrainingDue:
    """The member's status on ``today`` (a day inside the quarter)."""
    start = max(quarter_start, created_on)
    deadline = min(start + timedelta(days=max(grace_days, 1) - 1), quarter_end)
    if completed:
        return TrainingDue(quarter_key, DueStatus.DONE, deadline, 0, False)
    if today <= deadline:
        return TrainingDue(quarter_key, DueStatus.DUE, deadline, (deadline - today).days + 1, False)
    gated = gate_applies(role, gate_client_data=gate_client_data, gate_it_admin=gate_it_admin)
    return TrainingDue(quarter_key, DueStatus.OVERDUE, deadline, 0, gated)
