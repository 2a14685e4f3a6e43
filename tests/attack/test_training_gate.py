"""The training gate, attacked the way a staff member with the app's own modules would: calling the
client services directly, not through the GUI, once the quarter's training is overdue.

Each test fails without ``enforce_training_gate`` in ``services/audit_trail.check_permission``
(checked by removing that call: the overdue agent then lists and creates clients). The gate is on
by default (domain/programme_policy.py); tests/conftest.py switches its enforcement off for tests
not marked ``training_gate``, so every test here is marked.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.branch_settings import show_settings
from desktop_app.services.client_directory import count_clients, list_clients
from desktop_app.services.client_intake import create_client
from desktop_app.services.programme_settings import set_programme_settings
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import list_staff
from desktop_app.services.training_gate import TrainingOverdue
from desktop_app.services.training_records import my_training_status, start_quiz, submit_quiz
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import Clock

SignIn = Callable[[Role], SignedIn]
DAY = 86_400.0
pytestmark = pytest.mark.training_gate


def test_an_overdue_agent_calling_the_services_directly_is_refused_until_the_quiz_is_passed(
    signed_in: SignIn, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    create_client(agent, ClientDraft(name="欧阳娜娜", phone="13912345678"))  # within the grace period
    clock.advance(20 * DAY)  # past the 14 days from the account's first day
    agent = signed_in(Role.AGENT)
    assert my_training_status(agent).due.gated
    with pytest.raises(TrainingOverdue) as refused:
        list_clients(agent)
    assert "培训" in refused.value.zh and "training" in refused.value.en
    with pytest.raises(TrainingOverdue):
        count_clients(agent)
    with pytest.raises(TrainingOverdue):
        create_client(agent, ClientDraft(name="李雷", phone="13800001111"))
    denied = [
        e
        for e in AuditRepository(agent.db).iter_all()
        if e.action == "access.denied" and e.details.get("training") == "overdue"
    ]
    assert len(denied) == 3 and {e.actor_username for e in denied} == {"zhangwei"}
    quiz = start_quiz(agent)  # training itself stays open
    submit_quiz(agent, quiz, {q.id: q.correct for q in quiz.questions})
    assert [c.id for c in list_clients(agent)]  # open again at once


def test_a_failed_attempt_does_not_open_the_gate(signed_in: SignIn, clock: Clock) -> None:
    clock.advance(20 * DAY)
    manager = signed_in(Role.MANAGER)
    quiz = start_quiz(manager)
    submit_quiz(manager, quiz, {q.id: frozenset() for q in quiz.questions})
    with pytest.raises(TrainingOverdue):
        list_clients(manager)


def test_it_is_gated_only_when_the_policy_says_so(signed_in: SignIn, clock: Clock) -> None:
    clock.advance(20 * DAY)
    it = signed_in(Role.IT_ADMIN)
    show_settings(it)  # off for IT by default
    set_programme_settings(signed_in(Role.MANAGER), {"training_gate_it_admin": True})
    it = signed_in(Role.IT_ADMIN)
    with pytest.raises(TrainingOverdue):
        show_settings(it)
    assert list_staff(it)  # staff management (disabling a leaver) never waits for training


def test_within_the_grace_period_nothing_is_closed(signed_in: SignIn, clock: Clock) -> None:
    clock.advance(10 * DAY)
    agent = signed_in(Role.AGENT)
    due = my_training_status(agent).due
    assert not due.gated and due.days_left == 4
    assert count_clients(agent) == 0


def test_a_manager_may_switch_the_gate_off(signed_in: SignIn, clock: Clock) -> None:
    clock.advance(20 * DAY)
    set_programme_settings(signed_in(Role.MANAGER), {"training_gate_client_data": False})
    agent = signed_in(Role.AGENT)
    assert my_training_status(agent).due.status.value == "overdue" and not my_training_status(agent).due.gated
    assert count_clients(agent) == 0


def test_the_sessions_remembered_clearance_ends_with_the_day_or_a_stricter_setting(
    signed_in: SignIn, clock: Clock
) -> None:
    """A session remembers that its member was not gated today (services/training_gate.py, ~0.1 ms
    per client action); the verdict is checked again on another day or under other gate settings."""
    agent = signed_in(Role.AGENT)
    list_clients(agent)  # within the grace period: cleared for today
    clock.advance(20 * DAY)  # the same session, past the grace period
    with pytest.raises(TrainingOverdue):
        list_clients(agent)
    set_programme_settings(signed_in(Role.MANAGER), {"training_gate_client_data": False})
    list_clients(agent)  # cleared under the gate-off settings
    set_programme_settings(signed_in(Role.MANAGER), {"training_gate_client_data": True})
    with pytest.raises(TrainingOverdue):
        list_clients(agent)
