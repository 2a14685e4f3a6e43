"""The client-facts snapshot lives in branch.db, which an IT administrator's password opens. IT, with
their own sign-in and a few lines of SQL through the app's own database object, rewrites the
snapshot to inflate the privacy-education figure (or hide overdue requests) before an HQ visit.
The auditor, who reads only the snapshot, must not be shown the edited counts: the snapshot is
used only while it matches the latest ``programme.client_facts`` audit entry of a key holder.

Checked by making ``services.programme_client_facts._matches_audit`` return True: then
``test_an_edited_snapshot_is_not_shown_to_the_auditor`` fails (the auditor sees 180 of 200, and
``latest_client_facts`` returns the edited row) and so does the audit-entry test.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlcipher3

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.programme_periods import Quarter
from desktop_app.domain.programme_targets import TargetId
from desktop_app.domain.roles import Role
from desktop_app.services.client_intake import create_client
from desktop_app.services.education import add_campaign, record_attendees
from desktop_app.services.programme_client_facts import latest_client_facts, refresh_client_facts
from desktop_app.services.programme_status import programme_status
from desktop_app.services.signed_in import SignedIn

SignIn = Callable[[Role], SignedIn]


def _manager_refreshes(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    first = create_client(manager, ClientDraft(name="欧阳娜娜", phone="13912345678")).id
    create_client(manager, ClientDraft(name="王芳", phone="13987654321"))
    campaign = add_campaign(manager, manager.today(), "store_talk", "识别诈骗电话讲座")
    record_attendees(manager, campaign.id, [first])
    refresh_client_facts(manager)


def test_an_edited_snapshot_is_not_shown_to_the_auditor(signed_in: SignIn) -> None:
    _manager_refreshes(signed_in)
    auditor = signed_in(Role.AUDITOR)
    honest = programme_status(auditor)
    assert (honest.counts.education_active_clients, honest.counts.education_participants) == (2, 1)
    # IT opens branch.db with their own password and rewrites the counts
    it = signed_in(Role.IT_ADMIN)
    with it.db.transaction():
        it.db.execute(
            "UPDATE programme_client_facts SET education_active_clients = 200, "
            "education_participants = 180, requests_overdue = 0"
        )
    auditor = signed_in(Role.AUDITOR)
    seen = programme_status(auditor)
    assert seen.counts.education_participants is None and seen.counts.education_active_clients is None
    by_id = {r.target: r for r in seen.results}
    assert by_id[TargetId.EDUCATION].met is None  # no data, not the forged 90 %
    assert seen.client_facts.mismatch is True
    assert latest_client_facts(auditor) is None


def test_the_audit_entry_cannot_be_edited_to_match(signed_in: SignIn) -> None:
    """Rewriting the audit entry to match the edited row is refused (the log is append-only; dropping
    the trigger and rewriting the chain is tests/attack/test_audit_tampering.py's subject)."""
    _manager_refreshes(signed_in)
    it = signed_in(Role.IT_ADMIN)
    with it.db.transaction():
        it.db.execute("UPDATE programme_client_facts SET education_participants = 2")
    with pytest.raises(sqlcipher3.IntegrityError), it.db.transaction():
        it.db.execute(
            "UPDATE audit_log SET details = replace(details, '\"education_participants\":1', "
            "'\"education_participants\":2') WHERE action = 'programme.client_facts'"
        )
    assert programme_status(signed_in(Role.AUDITOR)).counts.education_participants is None


def test_a_managers_next_view_restores_the_true_counts(signed_in: SignIn) -> None:
    _manager_refreshes(signed_in)
    it = signed_in(Role.IT_ADMIN)
    with it.db.transaction():
        it.db.execute("UPDATE programme_client_facts SET education_participants = 2")
    manager = signed_in(Role.MANAGER)
    programme_status(manager, Quarter.of(manager.today()))
    seen = programme_status(signed_in(Role.AUDITOR))
    assert seen.counts.education_participants == 1 and seen.client_facts.mismatch is False
