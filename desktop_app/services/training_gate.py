"""The training gate: a member whose quarter's privacy training is overdue cannot act on client data.

Rule: ``services/audit_trail.check_permission`` — the check every service runs before it acts, and
the single place where client-data actions are told apart — calls ``enforce_training_gate`` after
the role and client-key checks. When the action is gated (domain/training_due.py: the client-data
actions; for IT, only with ``training_gate_it_admin``) and the member's training is overdue past
the grace period, the refusal is audited (``access.denied``, ``{"training": "overdue"}``) and
``TrainingOverdue`` is raised. The policy is read first, so a branch with the gate off pays nothing
more. Training, the programme area, incidents and signing out are never gated.
Reason: PIPL Art. 51(4) (staff trained before they handle personal information); enforced in the
services, so a script calling them directly is refused as the GUI is.
"""

from __future__ import annotations

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.permissions import Action
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.training_due import TrainingDue, gate_applies, gated_action
from desktop_app.services.signed_in import SignedIn


class TrainingOverdue(BranchVaultError):
    code = "training_overdue"

    def __init__(self) -> None:
        super().__init__(
            "本季度隐私保护培训测验未完成，请先完成测验。",
            "This quarter's privacy training quiz is not done yet: take it first.",
        )


def current_due(me: SignedIn) -> TrainingDue:
    """The signed-in member's training due this quarter (no permission check: their own)."""
    from desktop_app.services.training_records import member_due  # local: it imports audit_trail
    from desktop_app.store.training_repository import TrainingRepository

    repo = TrainingRepository(me.db)
    today = me.today()
    member = next(m for m in repo.staff_dates() if m.staff_id == me.session.staff_id)
    completed = repo.completed(Quarter.of(today).key(), member.staff_id)
    return member_due(me, member, completed, today)


def enforce_training_gate(me: SignedIn, action: Action) -> None:
    """Raise TrainingOverdue (audited) when the gate closes ``action`` for the signed-in member."""
    role = me.session.role
    if not gated_action(action, role):
        return
    from desktop_app.services.programme_settings import programme_policy  # local: import cycle

    policy = programme_policy(me)
    if not gate_applies(
        role, gate_client_data=policy.training_gate_client_data, gate_it_admin=policy.training_gate_it_admin
    ):
        return
    key = (
        me.today(),
        policy.training_grace_days,
        policy.training_gate_client_data,
        policy.training_gate_it_admin,
    )
    if me.training_gate_clear == key:  # checked already today under these settings (~0.1 ms saved)
        return
    if not current_due(me).gated:
        me.training_gate_clear = key
        return
    from desktop_app.services.audit_trail import record  # local: audit_trail imports us lazily

    with me.db.transaction():
        record(
            me,
            "access.denied",
            target_type="action",
            target_id=action.value,
            outcome="denied",
            details={"training": "overdue"},
        )
    raise TrainingOverdue()
