"""The programme's figures on a real branch: who may see them, the client-facts snapshot (managers
refresh it, auditors read it), the breach baseline, future quarters refused, and the counts the
dashboard gathers from every part of the programme."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.programme_targets import TargetId
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_requests import register_request
from desktop_app.services.programme_client_facts import (
    latest_client_facts,
    refresh_client_facts,
)
from desktop_app.services.programme_settings import set_programme_settings
from desktop_app.services.programme_status import (
    programme_counts,
    programme_status,
    trend_quarters,
)
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Clock

SignIn = Callable[[Role], SignedIn]
DAY = 86_400.0


@pytest.mark.parametrize("role", [Role.AGENT, Role.IT_ADMIN])
def test_only_managers_and_auditors_see_the_figures(signed_in: SignIn, role: Role) -> None:
    me = signed_in(role)
    with pytest.raises(PermissionDenied):
        programme_status(me)
    with pytest.raises(PermissionDenied):
        programme_counts(me, Quarter.of(me.today()))


def test_status_has_six_targets_a_five_quarter_trend_and_six_due_items(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    status = programme_status(manager)
    quarter = Quarter.of(manager.today())
    assert status.quarter == quarter and status.counts.quarter == quarter.key()
    assert [r.target for r in status.results] == list(TargetId)
    assert [p.quarter for p in status.trend] == [q.key() for q in trend_quarters(quarter)]
    assert status.trend[-1].results == status.results
    assert len(status.due) == 6
    assert programme_counts(manager, quarter) == status.counts


def test_a_future_quarter_is_refused(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    with pytest.raises(InvalidInput):
        programme_status(manager, Quarter.of(manager.today()).next())


def test_a_past_quarter_is_judged_as_of_its_last_day(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    past = Quarter.of(manager.today()).previous()
    assert programme_status(manager, past).as_of == past.end


def _client_with_overdue_request(manager: SignedIn) -> None:
    client = create_client(manager, ClientDraft(name="欧阳春花", phone="13987654321"))
    received = manager.today() - timedelta(days=40)
    register_request(manager, client.id, "copy", received, identity_verified=True)


def test_manager_refreshes_the_snapshot_and_the_auditor_reads_it(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    auditor = signed_in(Role.AUDITOR)
    assert latest_client_facts(auditor) is None
    _client_with_overdue_request(manager)
    with manager.db.transaction():  # an ID number held without the consent (as an old import left it)
        manager.db.execute(
            "UPDATE client_data.clients SET id_type = 'resident_id', id_number = '110101199003074514'"
        )
    facts = refresh_client_facts(manager)
    assert facts.requests_overdue == 1
    assert facts.clients_without_consent == 1
    assert facts.retention_due_unprocessed == 0
    assert facts.computed_by == manager.session.staff_id
    assert facts.year == manager.today().year
    seen = latest_client_facts(auditor)
    assert seen == facts
    # counts only: nothing in the row names a client
    row = auditor.db.execute("SELECT * FROM programme_client_facts").fetchone()
    assert all(isinstance(v, int | str) or v is None for v in row)
    assert not any("春花" in str(v) or "1398765" in str(v) for v in row)


def test_refreshing_needs_the_client_key(signed_in: SignIn) -> None:
    auditor = signed_in(Role.AUDITOR)
    with pytest.raises(Exception) as info:
        refresh_client_facts(auditor)
    assert not isinstance(info.value, AssertionError)
    assert latest_client_facts(auditor) is None


def test_the_auditor_sees_how_old_the_client_figures_are(signed_in: SignIn, branch) -> None:  # type: ignore[no-untyped-def]
    auditor = signed_in(Role.AUDITOR)
    before = programme_status(auditor)
    assert before.client_facts.computed_at is None
    assert before.counts.education_active_clients is None
    manager = signed_in(Role.MANAGER)
    programme_status(manager)  # a manager's view refreshes the snapshot
    after = programme_status(signed_in(Role.AUDITOR))
    assert after.client_facts.live is False
    assert after.client_facts.computed_at is not None
    assert after.client_facts.computed_by == "lina"


def test_breach_baseline_set_by_the_manager(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    quarter = Quarter.of(manager.today())
    unset = programme_counts(manager, quarter)
    assert unset.baseline_year == quarter.year - 1
    # the test branch was set up this year and recorded nothing last year: unknown, no data
    assert unset.breaches_baseline is None
    by_id = {r.target: r for r in programme_status(manager).results}
    assert by_id[TargetId.BREACH_REDUCTION].met is None
    set_programme_settings(manager, {"breach_baseline_count": 0, "breach_baseline_year": 2025})
    counts = programme_counts(manager, quarter)
    assert (counts.breaches_baseline, counts.baseline_year) == (0, 2025)
    by_id = {r.target: r for r in programme_status(manager).results}
    assert by_id[TargetId.BREACH_REDUCTION].met is (counts.breaches_this_year == 0)


def test_review_due_now_without_a_finished_review(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    due = {item.kind.value: item for item in programme_status(manager).due}
    if due["review"].due_on is None:
        assert due["review"].state.value == "due"
