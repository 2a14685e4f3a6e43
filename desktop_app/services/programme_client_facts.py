"""The client-facts snapshot: counts from clients.db computed by a key holder, read by everyone who
may see the programme (the rule and the reason: domain/programme_client_facts.py).

``refresh_client_facts`` needs the client-data key (a manager session: the counts include the
request and retention queues only managers handle); it counts, stores the counts in branch.db with
when, by whom and for which year, and returns them. ``latest_client_facts`` returns the latest
snapshot (any year) or None; ``client_facts_for_year`` the one for a year. Reading needs
``programme.view`` (managers, auditors). Counts only: not audited as a client access, since no
client is shown.

The snapshot sits in branch.db, which IT's key opens too, so IT could rewrite it (say, raise the
education figure before an HQ visit). Each refresh whose counts differ from the stored ones is
therefore also audited, ``programme.client_facts`` with the year and the counts, in the same
transaction; reading returns a snapshot only when it matches the latest such entry written by a
key holder (a manager or agent) — else None, and ``snapshot_mismatch`` says so. The audit log is
hash-chained and witnessed (domain/audit_chain.py): rewriting the row, or the entry, is detected;
a forged new entry in a key holder's name is not, which is the audit log's own limit.
"""

from __future__ import annotations

import json
from datetime import date

from desktop_app.domain.client_requests import RequestStatus, is_overdue
from desktop_app.domain.permissions import Action
from desktop_app.domain.programme_client_facts import ClientFacts
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import check_permission, record
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
    from desktop_app.services.education import education_counts

    counts = education_counts(me, year)
    return counts.active_clients, counts.participants


def refresh_client_facts(
    me: SignedIn, year: int | None = None, *, education: tuple[int, int] | None = None
) -> ClientFacts:
    """Count (needs the client-data key and ``programme.view``), store and return the facts for
    ``year`` (default: this year); ``education`` = (active, participants) the caller just counted
    in this session for that year (the dashboard), so the clients are not read twice."""
    check_permission(me, Action.PROGRAMME_VIEW)
    require_client_key(me)
    year = me.today().year if year is None else year
    active, participants = education if education is not None else _education(me, year)
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
    repo = ProgrammeFactsRepository(me.db)
    with me.db.transaction():
        before = repo.for_year(year)
        repo.save(facts)
        if before is None or _counts(before) != _counts(facts) or not _matches_audit(me, facts):
            record(
                me,
                AUDIT_ACTION,
                target_type="year",
                target_id=str(year),
                details=_counts(facts),
            )
    return facts


AUDIT_ACTION = "programme.client_facts"
_KEY_HOLDERS = frozenset({Role.MANAGER.value, Role.AGENT.value})


def _counts(facts: ClientFacts) -> dict[str, int | None]:
    return {
        "education_active_clients": facts.education_active_clients,
        "education_participants": facts.education_participants,
        "requests_overdue": facts.requests_overdue,
        "retention_due_unprocessed": facts.retention_due_unprocessed,
        "clients_without_consent": facts.clients_without_consent,
    }


def _matches_audit(me: SignedIn, facts: ClientFacts) -> bool:
    """The snapshot equals the counts of the latest ``programme.client_facts`` entry for its year."""
    rows = me.db.execute(
        "SELECT actor_role, details FROM audit_log WHERE action = ? AND target_id = ? "
        "AND outcome = 'success' ORDER BY seq DESC LIMIT 1",
        (AUDIT_ACTION, str(facts.year)),
    ).fetchall()
    if not rows:
        return False
    role, details = str(rows[0][0]), json.loads(str(rows[0][1]) or "{}")
    return role in _KEY_HOLDERS and details == _counts(facts)


def _verified(me: SignedIn, facts: ClientFacts | None) -> ClientFacts | None:
    return facts if facts is not None and _matches_audit(me, facts) else None


def latest_client_facts(me: SignedIn) -> ClientFacts | None:
    """The latest snapshot, whatever its year; None when no key holder has computed one yet."""
    check_permission(me, Action.PROGRAMME_VIEW)
    return _verified(me, ProgrammeFactsRepository(me.db).latest())


def client_facts_for_year(me: SignedIn, year: int) -> ClientFacts | None:
    """The year's snapshot, or None (none yet, or it does not match the audit log)."""
    check_permission(me, Action.PROGRAMME_VIEW)
    return _verified(me, ProgrammeFactsRepository(me.db).for_year(year))


def snapshot_mismatch(me: SignedIn, year: int) -> bool:
    """A snapshot for ``year`` is stored but does not match the audit log (it was edited)."""
    check_permission(me, Action.PROGRAMME_VIEW)
    stored = ProgrammeFactsRepository(me.db).for_year(year)
    return stored is not None and not _matches_audit(me, stored)
