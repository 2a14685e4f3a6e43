"""The incident register: any staff member reports an incident, the manager assesses it and takes
it through open → assessed → contained → notified → closed, with the three deadline clocks.

Rule: reporting is open to every role (``Action.INCIDENT_REPORT``: the person who lost the phone
must be able to say so at once — PIPL Art. 57 "立即"); everything after it is the manager's
(``Action.INCIDENT_ASSESS``). A reporter sees their own incidents; managers and auditors
(``Action.PROGRAMME_VIEW``) see the register. Every step is audited with the incident's id and
reference, never a client's name; each state change is also a row of the append-only timeline.
The incident row names no client (branch.db, readable by IT and auditors): the affected clients,
letters and notification log are in services/incident_clients.py (clients.db). Deadlines come from
the programme policy (domain/incident_deadlines.py documents the defaults and their sources).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from desktop_app.domain.branch_time import BRANCH_TIME, branch_day_of, utc_timestamp
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.incident_codes import CATEGORY_FIELD, KIND_FIELD, IncidentKind, InfoCategory
from desktop_app.domain.incident_deadlines import (
    Deadline,
    DeadlineHours,
    IncidentTimes,
    deadlines,
    overdue_count,
    parse_utc,
)
from desktop_app.domain.incident_figures import BreachBaseline, IncidentCounts, baseline_year, breach_baseline
from desktop_app.domain.incident_record import (
    Incident,
    IncidentEvent,
    check_times,
    clean_text,
    reference_for,
)
from desktop_app.domain.incident_states import (
    IncidentState,
    TransitionRefused,
    check_assessable,
    check_transition,
    is_open,
)
from desktop_app.domain.permissions import Action, can
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.programme_settings import programme_policy
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.incident_repository import IncidentRepository
from desktop_app.store.staff_repository import StaffRepository


class IncidentNotFound(BranchVaultError):
    code = "incident_not_found"

    def __init__(self) -> None:
        super().__init__("没有这个安全事件，或您无权查看。", "No such incident, or you may not see it.")


@dataclass(frozen=True)
class IncidentView:
    """An incident with its timeline and the deadlines as they stand now."""

    incident: Incident
    events: tuple[IncidentEvent, ...]
    deadlines: tuple[Deadline, ...]
    reporter: str
    staff_names: dict[int, str]


def now_moment(me: SignedIn) -> datetime:
    return datetime.fromtimestamp(me.clock(), UTC)


def stored(moment: datetime) -> str:
    """A moment as stored (UTC ISO with ``Z``); a naive moment is Beijing time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BRANCH_TIME)
    return utc_timestamp(moment.timestamp())


def deadline_hours(me: SignedIn) -> DeadlineHours:
    policy = programme_policy(me)
    return DeadlineHours(
        internal=policy.incident_internal_report_hours,
        regulator=policy.incident_regulator_report_hours,
        clients=policy.incident_client_notice_hours,
    )


def times_of(incident: Incident) -> IncidentTimes:
    return IncidentTimes(
        discovered_at=incident.discovered_at,
        is_breach=incident.is_breach,
        internal_reported_at=incident.internal_reported_at,
        regulator_reported_at=incident.regulator_reported_at,
        clients_notified_at=incident.clients_notified_at,
        closed_without_notice=incident.closed_without_notice,
    )


def sees_register(me: SignedIn) -> bool:
    return can(me.session.role, Action.PROGRAMME_VIEW)


def visible_incident(me: SignedIn, incident_id: int) -> Incident:
    incident = IncidentRepository(me.db).get(incident_id)
    if incident is None:
        raise IncidentNotFound()
    if not sees_register(me) and incident.reported_by != me.session.staff_id:
        raise IncidentNotFound()
    return incident


def _audit(me: SignedIn, action: str, incident: Incident, **details: object) -> None:
    record(
        me,
        action,
        target_type="incident",
        target_id=str(incident.id),
        details={"reference": incident.reference, **details},
    )


# ------------------------------------------------------------------------------------------- reporting


def report_incident(
    me: SignedIn,
    *,
    kind: str,
    occurred_at: datetime,
    discovered_at: datetime,
    description: str,
) -> Incident:
    """Register a new incident (any role); ``open`` until a manager assesses it."""
    check_permission(me, Action.INCIDENT_REPORT)
    code = IncidentKind.parse(kind, KIND_FIELD)
    text = clean_text(description, "事件描述", "description", required=True)
    now = now_moment(me)
    occurred, discovered = _aware(occurred_at), _aware(discovered_at)
    check_times(occurred, discovered, now)
    reported = stored(now)
    db = me.db
    repo = IncidentRepository(db)
    with db.transaction():
        year = branch_day_of(reported).year
        reference = reference_for(year, repo.next_reference_number(year))
        incident_id = repo.add(
            reference=reference,
            kind=code.value,
            occurred_at=stored(occurred),
            discovered_at=stored(discovered),
            reported_at=reported,
            reported_by=me.session.staff_id,
            description=text,
        )
        repo.add_event(
            incident_id,
            at=reported,
            by=me.session.staff_id,
            state_from=None,
            state_to=IncidentState.OPEN,
            note="",
        )
        incident = repo.get(incident_id)
        assert incident is not None
        _audit(me, "incident.report", incident, kind=code.value)
    return incident


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=BRANCH_TIME) if moment.tzinfo is None else moment


def list_incidents(me: SignedIn) -> list[Incident]:
    """The register (managers, auditors) or the incidents the user reported, newest first."""
    check_permission(me, Action.INCIDENT_REPORT)
    repo = IncidentRepository(me.db)
    return repo.all() if sees_register(me) else repo.all(reported_by=me.session.staff_id)


@dataclass(frozen=True)
class IncidentRow:
    """A register row with its deadlines as they stand now (the Incidents tab's list)."""

    incident: Incident
    deadlines: tuple[Deadline, ...]


def list_with_deadlines(me: SignedIn) -> list[IncidentRow]:
    """``list_incidents`` with each incident's three clocks computed now (policy hours)."""
    rows = list_incidents(me)
    hours = deadline_hours(me)
    now = now_moment(me)
    return [IncidentRow(i, deadlines(times_of(i), hours, now)) for i in rows]


def incident_deadlines(me: SignedIn, incident: Incident) -> tuple[Deadline, ...]:
    return deadlines(times_of(incident), deadline_hours(me), now_moment(me))


def show_incident(me: SignedIn, incident_id: int) -> IncidentView:
    check_permission(me, Action.INCIDENT_REPORT)
    incident = visible_incident(me, incident_id)
    events = tuple(IncidentRepository(me.db).events(incident_id))
    names = {m.id: m.display_name for m in StaffRepository(me.db).list()}
    return IncidentView(
        incident=incident,
        events=events,
        deadlines=incident_deadlines(me, incident),
        reporter=names.get(incident.reported_by, str(incident.reported_by)),
        staff_names=names,
    )


# ----------------------------------------------------------------------------------------- the manager


def _manageable(me: SignedIn, incident_id: int) -> Incident:
    check_permission(me, Action.INCIDENT_ASSESS)
    incident = IncidentRepository(me.db).get(incident_id)
    if incident is None:
        raise IncidentNotFound()
    return incident


def parse_categories(codes: list[str]) -> list[str]:
    parsed: list[str] = []
    for code in codes:
        value = InfoCategory.parse(code, CATEGORY_FIELD).value
        if value not in parsed:
            parsed.append(value)
    return [c.value for c in InfoCategory if c.value in parsed]


def assess(
    me: SignedIn,
    incident_id: int,
    *,
    is_breach: bool,
    categories: list[str],
    cause: str,
    measures: str,
    harm: str,
    advice: str,
    note: str = "",
) -> Incident:
    """The manager's assessment: breach or not and, for a breach, the categories affected (required),
    with cause, measures, possible harm and what clients can do. The first assessment moves an
    open incident to ``assessed``; a later one revises it (until closed), both on the timeline."""
    incident = _manageable(me, incident_id)
    check_assessable(incident.state)
    chosen = parse_categories(categories) if is_breach else []
    if is_breach and not chosen:
        raise InvalidInput(
            "构成个人信息泄露时必须选择涉及的个人信息种类。",
            "A personal-information breach needs the categories of information affected.",
        )
    texts = {
        "cause": clean_text(cause, "事件原因", "cause"),
        "measures": clean_text(measures, "已采取的措施", "measures"),
        "harm": clean_text(harm, "可能造成的危害", "possible harm"),
        "client_advice": clean_text(advice, "客户可采取的措施", "advice to clients"),
    }
    remark = clean_text(note, "备注", "note")
    db = me.db
    repo = IncidentRepository(db)
    at = me.now_utc()
    with db.transaction():
        repo.set_assessment(
            incident_id, is_breach=is_breach, categories=chosen, at=at, by=me.session.staff_id, **texts
        )
        target = IncidentState.ASSESSED if incident.state == IncidentState.OPEN else incident.state
        if target != incident.state:
            repo.set_state(incident_id, target)
        repo.add_event(
            incident_id,
            at=at,
            by=me.session.staff_id,
            state_from=incident.state,
            state_to=target,
            note=remark
            or ("评估 / assessed" if target != incident.state else "评估已修改 / assessment revised"),
        )
        _audit(me, "incident.assess", incident, is_breach=is_breach, categories=chosen)
        updated = repo.get(incident_id)
    assert updated is not None
    return updated


def advance(me: SignedIn, incident_id: int, to_state: str, note: str = "") -> Incident:
    """Move the incident on (manager). ``notified`` needs every affected client in the notification
    log (client-data key); closing a breach that was not notified needs the reason in ``note``."""
    incident = _manageable(me, incident_id)
    remark = clean_text(note, "备注", "note")
    target = check_transition(incident.state, to_state, is_breach=incident.is_breach, note=remark)
    at = me.now_utc()
    db = me.db
    repo = IncidentRepository(db)
    if target is IncidentState.NOTIFIED:
        from desktop_app.services.incident_clients import unnotified_clients  # local: import cycle

        missing = unnotified_clients(me, incident)
        if incident.affected_count == 0:
            raise TransitionRefused(
                "尚未登记受影响的客户，不能标记为已告知。",
                "No affected clients are recorded; the incident cannot be marked notified.",
            )
        if missing:
            raise TransitionRefused(
                f"还有 {missing} 位受影响的客户没有告知记录。",
                f"{missing} affected client(s) have no notification recorded yet.",
            )
    with db.transaction():
        without_notice = (
            target is IncidentState.CLOSED
            and bool(incident.is_breach)
            and (incident.state != IncidentState.NOTIFIED)
        )
        repo.set_state(
            incident_id,
            target,
            closed_at=at if target is IncidentState.CLOSED else None,
            without_notice=without_notice,
        )
        if target is IncidentState.NOTIFIED and incident.clients_notified_at is None:
            repo.set_report_time(incident_id, "clients", at)
        repo.add_event(
            incident_id,
            at=at,
            by=me.session.staff_id,
            state_from=incident.state,
            state_to=target,
            note=remark,
        )
        _audit(me, "incident.advance", incident, state_from=incident.state, state_to=target.value)
        updated = repo.get(incident_id)
    assert updated is not None
    return updated


REPORTS = ("internal", "regulator")


def record_report(me: SignedIn, incident_id: int, which: str, at: datetime | None = None) -> Incident:
    """Record when the internal report or the regulator report was made (now when ``at`` is None);
    the matching deadline is then met."""
    if which not in REPORTS:
        raise InvalidInput(
            "报告类型只能是 internal（内部）或 regulator（监管部门）。",
            "The report is either internal or regulator.",
        )
    incident = _manageable(me, incident_id)
    now = now_moment(me)
    moment = now if at is None else _aware(at)
    if moment > now:
        raise InvalidInput("报告时间不能晚于现在。", "The report cannot be in the future.")
    if moment < parse_utc(incident.occurred_at):
        raise InvalidInput(
            "报告时间不能早于事件发生时间。", "The report cannot be before the incident occurred."
        )
    db = me.db
    repo = IncidentRepository(db)
    with db.transaction():
        repo.set_report_time(incident_id, which, stored(moment))
        state = incident.state
        label = "内部报告 / internal report" if which == "internal" else "向监管部门报告 / regulator report"
        repo.add_event(
            incident_id,
            at=me.now_utc(),
            by=me.session.staff_id,
            state_from=state,
            state_to=state,
            note=f"{label}: {stored(moment)}",
        )
        _audit(me, "incident.reported", incident, which=which, at=stored(moment))
        updated = repo.get(incident_id)
    assert updated is not None
    return updated


# ------------------------------------------------------------------------------------------- the figures


def _year_bounds_utc(year: int) -> tuple[str, str]:
    start = datetime(year, 1, 1, tzinfo=BRANCH_TIME)
    end = datetime(year + 1, 1, 1, tzinfo=BRANCH_TIME)
    return utc_timestamp(start.timestamp()), utc_timestamp(end.timestamp())


def incident_counts(me: SignedIn, year: int, until: date | None = None) -> IncidentCounts:
    """The year's figures (by the Beijing year the incident was reported in; with ``until``, the
    year to that day: a past quarter's figures as they stood at its end): breaches, incidents,
    those still open and their overdue deadlines now (domain/incident_figures.py)."""
    check_permission(me, Action.PROGRAMME_VIEW)
    return count_incidents(me, year, until)


def count_incidents(me: SignedIn, year: int, until: date | None = None) -> IncidentCounts:
    """``incident_counts`` without the permission check (the caller checked: dashboard, HQ summary)."""
    start, end = _year_bounds_utc(year)
    if until is not None and until.year == year:
        next_day = datetime(until.year, until.month, until.day, tzinfo=BRANCH_TIME) + timedelta(days=1)
        end = min(end, utc_timestamp(next_day.timestamp()))
    rows = IncidentRepository(me.db).reported_between(start, end)
    hours = deadline_hours(me)
    now = now_moment(me)
    open_rows = [i for i in rows if is_open(i.state)]
    return IncidentCounts(
        breaches=sum(1 for i in rows if i.is_breach),
        incidents=len(rows),
        open_incidents=len(open_rows),
        overdue_deadlines=sum(overdue_count(times_of(i), hours, now) for i in open_rows),
    )


def breaches_in_year(me: SignedIn, year: int) -> int:
    return count_incidents(me, year).breaches


def baseline_for(me: SignedIn, year: int) -> BreachBaseline:
    """The breach baseline ``year`` is compared with (policy ``breach_baseline_year`` /
    ``breach_baseline_count``, else the register's count when it covers that year: the branch's
    first staff account existed by the year's start, or incidents of that year or earlier are
    recorded). No permission check: the caller checked (dashboard, HQ summary)."""
    policy = programme_policy(me)
    base = baseline_year(year, policy.breach_baseline_year)
    start, end = _year_bounds_utc(base)
    db = me.db
    earliest_staff = db.execute("SELECT min(created_at) FROM staff").fetchone()[0]
    recorded_before = db.execute("SELECT count(*) FROM incidents WHERE reported_at < ?", (end,)).fetchone()[0]
    covers = bool(recorded_before) or (earliest_staff is not None and str(earliest_staff) <= start)
    return breach_baseline(
        year=year,
        year_setting=policy.breach_baseline_year,
        count_setting=policy.breach_baseline_count,
        recorded=breaches_in_year(me, base),
        register_covers_year=covers,
    )


def breach_comparison(me: SignedIn, year: int) -> tuple[int, BreachBaseline]:
    """This year's breaches and the baseline (managers and auditors)."""
    check_permission(me, Action.PROGRAMME_VIEW)
    return breaches_in_year(me, year), baseline_for(me, year)


def reported_day(incident: Incident) -> date:
    return branch_day_of(incident.reported_at)


__all__ = [
    "IncidentCounts",
    "IncidentNotFound",
    "IncidentRow",
    "IncidentView",
    "advance",
    "assess",
    "baseline_for",
    "breach_comparison",
    "count_incidents",
    "incident_counts",
    "list_incidents",
    "list_with_deadlines",
    "record_report",
    "report_incident",
    "show_incident",
]
