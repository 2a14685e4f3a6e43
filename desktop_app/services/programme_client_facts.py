"""The client-facts snapshot: counts from clients.db computed by a key holder, read by everyone who
may see the programme (the rule and the reason: domain/programme_client_facts.py).

``refresh_client_facts`` needs the client-data key (a manager session: the counts include the
request and retention queues only managers handle); it counts, stores the counts in branch.db with
when, by whom and for which year, and returns them. ``latest_client_facts`` returns the latest
snapshot (any year) or None; ``client_facts_for_year`` the one for a year. Reading needs
``programme.view`` (managers, auditors). Counts only: not audited as a client access, since no
client is shown; the snapshot row itself says who computed it and when.
"""

from __future__ import annotations

from datetime import date

from desktop_app.domain.client_requests import RequestStatus, is_overdue
from desktop_app.domain.permissions import Action
from desktop_app.domain.programme_client_facts import ClientFacts
from desktop_app.services.audit_trail import check_permission
from desktop_app.services.client_key_grants import require_client_key
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.client_request_repository import ClientRequestRepository
from desktop_app.store.programme_facts_repository import ProgrammeFactsRepository


def requests_overdue(me: SignedIn) -> int:
    """Open client requests past their due date (PIPL Art. 50: answered in time). Needs the key."""
    require_client_key(me)
    today = me.today()
    return sum(
        1
        for stored in ClientRequestRepository(me.db).list(RequestStatus.OPEN.value)
        if is_overdue(stored.status, date.fromisoformat(stored.due_on), today)
    )


def clients_without_consent(me: SignedIn) -> int:
    """Clients holding sensitive data without the recorded separate consent. Needs the key."""
    require_client_key(me)
    return ClientRepository(me.db).count_sensitive_without_consent()


def retention_due_unprocessed(me: SignedIn) -> int:
    """Clients due for destruction today and still held. Needs the key."""
    require_client_key(me)
    from desktop_app.services.client_retention import due_count

    return due_count(me)


def _education(me: SignedIn, year: int) -> tuple[int | None, int | None]:
    from desktop_app.services.programme_parts import education_counts_or_none

    counts = education_counts_or_none(me, year)
    if counts is None:
        return None, None
    return counts.active_clients, counts.participants


def refresh_client_facts(me: SignedIn, year: int | None = None) -> ClientFacts:
    """Count (needs the client-data key and ``programme.view``), store and return the facts for
    ``year`` (default: this year)."""
    check_permission(me, Action.PROGRAMME_VIEW)
    require_client_key(me)
    year = me.today().year if year is None else year
    active, participants = _education(me, year)
    facts = ClientFacts(
        computed_at=me.now_utc(),
        computed_by=me.session.staff_id,
        year=year,
        education_active_clients=active,
        education_participants=participants,
        requests_overdue=requests_overdue(me),
        retention_due_unprocessed=retention_due_unprocessed(me),
        clients_without_consent=clients_without_consent(me),
    )
    with me.db.transaction():
        ProgrammeFactsRepository(me.db).save(facts)
    return facts


def latest_client_facts(me: SignedIn) -> ClientFacts | None:
    """The latest snapshot, whatever its year; None when no key holder has computed one yet."""
    check_permission(me, Action.PROGRAMME_VIEW)
    return ProgrammeFactsRepository(me.db).latest()


def client_facts_for_year(me: SignedIn, year: int) -> ClientFacts | None:
    check_permission(me, Action.PROGRAMME_VIEW)
    return ProgrammeFactsRepository(me.db).for_year(year)
