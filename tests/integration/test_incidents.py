"""The incident register end to end on a real encrypted branch: report (any role), assess, pick the
affected clients, letters (one PDF per client, read back with poppler), the notification log, the
state machine, deadlines with the test clock, and the year's breach count."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.incident_deadlines import DeadlineKind, DeadlineStatus
from desktop_app.domain.incident_states import TransitionRefused
from desktop_app.domain.roles import Role
from desktop_app.services import incident_clients, incidents
from desktop_app.services.client_intake import create_client
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.output_paths import OutputRefused
from tests.conftest import Clock
from tests.documents.pdf_tools import pdf_text, requires_poppler

SignIn = Callable[[Role], SignedIn]


def _now(me: SignedIn) -> datetime:
    return datetime.fromtimestamp(me.clock(), UTC)


def _report(me: SignedIn, *, hours_ago: float = 2.0, kind: str = "lost_device") -> incidents.Incident:
    now = _now(me)
    return incidents.report_incident(
        me,
        kind=kind,
        occurred_at=now - timedelta(hours=hours_ago + 1),
        discovered_at=now - timedelta(hours=hours_ago),
        description="门店笔记本电脑在地铁上遗失，电脑装有客户资料表格",
    )


def _assess_breach(me: SignedIn, incident_id: int) -> incidents.Incident:
    return incidents.assess(
        me,
        incident_id,
        is_breach=True,
        categories=["name", "phone", "身份证号码"],
        cause="笔记本电脑遗失，硬盘未加密",
        measures="已远程锁定设备\n已报警并通知总部",
        harm="您的姓名、手机号码和身份证号码可能被他人获取，存在被冒用或诈骗电话的风险",
        advice="警惕自称本公司的陌生来电\n如发现证件被冒用请及时报警",
    )


def test_any_role_reports_and_sees_only_their_own(signed_in: SignIn) -> None:
    it = signed_in(Role.IT_ADMIN)
    agent = signed_in(Role.AGENT)
    mine = _report(it)
    _report(agent, kind="forms_lost")
    assert mine.reference == f"INC-{it.today().year}-0001"
    assert mine.state == "open" and mine.is_breach is None
    assert [i.id for i in incidents.list_incidents(it)] == [mine.id]
    manager = signed_in(Role.MANAGER)
    auditor = signed_in(Role.AUDITOR)
    assert len(incidents.list_incidents(manager)) == 2
    assert len(incidents.list_incidents(auditor)) == 2
    with pytest.raises(incidents.IncidentNotFound):
        incidents.show_incident(agent, mine.id)
    with pytest.raises(PermissionDenied):
        incidents.assess(
            it, mine.id, is_breach=False, categories=[], cause="", measures="", harm="", advice=""
        )
    actions = [
        str(r[0]) for r in manager.db.execute("SELECT action FROM audit_log WHERE target_type = 'incident'")
    ]
    assert actions.count("incident.report") == 2


def test_description_refuses_long_numbers(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    now = _now(agent)
    with pytest.raises(InvalidInput):
        incidents.report_incident(
            agent,
            kind="misdirected_message",
            occurred_at=now,
            discovered_at=now,
            description="把 13912345678 的资料发错了",
        )


def test_state_machine_through_the_service(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    incident = _report(manager)
    with pytest.raises(TransitionRefused):
        incidents.advance(manager, incident.id, "contained")
    with pytest.raises(InvalidInput):
        incidents.assess(
            manager, incident.id, is_breach=True, categories=[], cause="", measures="", harm="", advice=""
        )
    incidents.assess(
        manager, incident.id, is_breach=False, categories=["name"], cause="", measures="", harm="", advice=""
    )
    assessed = incidents.show_incident(manager, incident.id)
    assert assessed.incident.state == "assessed" and assessed.incident.categories == ()
    with pytest.raises(TransitionRefused):
        incidents.advance(manager, incident.id, "closed")  # no reason given
    closed = incidents.advance(manager, incident.id, "closed", "设备已全盘加密，不构成泄露")
    assert closed.state == "closed" and closed.closed_at is not None
    states = [(e.state_from, e.state_to) for e in incidents.show_incident(manager, incident.id).events]
    assert states == [(None, "open"), ("open", "assessed"), ("assessed", "closed")]


def test_deadlines_move_with_the_clock(signed_in: SignIn, branch) -> None:  # type: ignore[no-untyped-def]
    manager = signed_in(Role.MANAGER)
    clock: Clock = branch.ctx.clock  # type: ignore[assignment]
    incident = _report(manager, hours_ago=0)
    internal = incidents.show_incident(manager, incident.id).deadlines[0]
    assert internal.kind is DeadlineKind.INTERNAL and internal.status is DeadlineStatus.PENDING
    assert internal.seconds == 24 * 3600
    clock.advance(25 * 3600)
    view = incidents.show_incident(manager, incident.id)
    assert view.deadlines[0].status is DeadlineStatus.OVERDUE
    assert view.deadlines[0].seconds == 3600
    assert incidents.incident_counts(manager, _year(manager)).overdue_deadlines == 1
    incidents.record_report(manager, incident.id, "internal")
    view = incidents.show_incident(manager, incident.id)
    assert view.deadlines[0].status is DeadlineStatus.MET and view.deadlines[0].late


def _year(me: SignedIn) -> int:
    return me.today().year


def _clients(agent: SignedIn, names: list[str]) -> list[int]:
    return [
        create_client(agent, ClientDraft(name=name, phone=f"1391234{i:04d}")).id
        for i, name in enumerate(names)
    ]


@requires_poppler
def test_breach_to_letters_and_log(signed_in: SignIn, tmp_path: Path) -> None:
    agent = signed_in(Role.AGENT)
    ids = _clients(agent, ["欧阳娜娜", "李建国"])
    manager = signed_in(Role.MANAGER)
    incident = _report(agent)
    _assess_breach(manager, incident.id)
    updated = incident_clients.set_affected_clients(manager, incident.id, ids)
    assert updated.affected_count == 2
    # the incident row in branch.db holds the count only
    row = manager.db.execute("SELECT * FROM main.incidents WHERE id = ?", (incident.id,)).fetchone()
    assert "欧阳娜娜" not in repr(row)
    out = tmp_path / "letters"
    out.mkdir()
    paths = incident_clients.save_letters(manager, incident.id, out)
    assert [p.name for p in paths] == [f"{incident.reference}-001.pdf", f"{incident.reference}-002.pdf"]
    texts = [pdf_text(p.read_bytes(), tmp_path) for p in paths]
    assert "欧阳娜娜" in texts[0] and "李建国" in texts[1]
    for text in texts:
        assert "身份证号码" in text and "手机号码" in text and "姓名" in text
        assert "笔记本电脑遗失" in text and "警惕自称本公司的陌生来电" in text and "400-000-0000" in text
    log = incident_clients.notification_log(manager, incident.id)
    assert sorted(r.entry.client_id for r in log) == ids
    assert {r.entry.channel for r in log} == {"letter_saved"}
    assert "欧阳娜娜" not in {r.client_name for r in log}  # masked
    shown = incidents.show_incident(manager, incident.id)
    assert shown.incident.clients_notified_at is not None
    clients_deadline = next(d for d in shown.deadlines if d.kind is DeadlineKind.CLIENTS)
    assert clients_deadline.status is DeadlineStatus.MET
    incidents.advance(manager, incident.id, "contained")
    incidents.advance(manager, incident.id, "notified")
    incidents.advance(manager, incident.id, "closed")
    counts = incidents.incident_counts(manager, _year(manager))
    assert (counts.breaches, counts.incidents, counts.open_incidents) == (1, 1, 0)
    details = " ".join(
        str(row[0])
        for row in manager.db.execute("SELECT details FROM audit_log WHERE action LIKE 'incident.%'")
    )
    assert "欧阳娜娜" not in details and "李建国" not in details


def test_notified_needs_every_client_logged(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    ids = _clients(agent, ["王小明", "赵丽"])
    manager = signed_in(Role.MANAGER)
    incident = _report(manager)
    _assess_breach(manager, incident.id)
    incident_clients.set_affected_clients(manager, incident.id, ids)
    incidents.advance(manager, incident.id, "contained")
    incident_clients.record_notification(manager, incident.id, ids[0], "phone", note="已电话告知")
    with pytest.raises(TransitionRefused):
        incidents.advance(manager, incident.id, "notified")
    with pytest.raises(InvalidInput):
        incident_clients.record_notification(manager, incident.id, 999999, "sms")
    incident_clients.record_notification(manager, incident.id, ids[1], "sms")
    assert incidents.advance(manager, incident.id, "notified").state == "notified"


def test_letters_refused_to_it_and_auditor_and_into_the_data_dir(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    ids = _clients(agent, ["孙悟空"])
    manager = signed_in(Role.MANAGER)
    incident = _report(manager)
    _assess_breach(manager, incident.id)
    incident_clients.set_affected_clients(manager, incident.id, ids)
    for role in (Role.IT_ADMIN, Role.AUDITOR, Role.AGENT):
        with pytest.raises(PermissionDenied):
            incident_clients.letters(signed_in(role), incident.id)
    with pytest.raises(OutputRefused):
        incident_clients.save_letters(manager, incident.id, manager.paths.root)


def test_non_breach_has_no_letters_and_no_regulator_clock(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    incident = _report(manager)
    incidents.assess(
        manager, incident.id, is_breach=False, categories=[], cause="", measures="", harm="", advice=""
    )
    with pytest.raises(TransitionRefused):
        incident_clients.letters(manager, incident.id)
    statuses = {d.kind: d.status for d in incidents.show_incident(manager, incident.id).deadlines}
    assert statuses[DeadlineKind.REGULATOR] is DeadlineStatus.NOT_REQUIRED
    assert statuses[DeadlineKind.CLIENTS] is DeadlineStatus.NOT_REQUIRED


def test_breach_count_by_reported_year(signed_in: SignIn, branch) -> None:  # type: ignore[no-untyped-def]
    manager = signed_in(Role.MANAGER)
    clock: Clock = branch.ctx.clock  # type: ignore[assignment]
    first_year = _year(manager)
    for _ in range(3):
        _assess_breach(manager, _report(manager).id)
    clock.advance(366 * 24 * 3600)
    next_year = _year(manager)
    assert next_year == first_year + 1
    _assess_breach(manager, _report(manager).id)
    incidents.assess(
        manager,
        _report(manager).id,
        is_breach=False,
        categories=[],
        cause="",
        measures="",
        harm="",
        advice="",
    )
    assert incidents.incident_counts(manager, first_year).breaches == 3
    now = incidents.incident_counts(manager, next_year)
    assert (now.breaches, now.incidents, now.open_incidents) == (1, 2, 2)
    with pytest.raises(PermissionDenied):
        incidents.incident_counts(signed_in(Role.AGENT), next_year)


def test_breaches_against_the_baseline(signed_in: SignIn, branch) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.programme_settings import set_programme_settings

    manager = signed_in(Role.MANAGER)
    clock: Clock = branch.ctx.clock  # type: ignore[assignment]
    first_year = _year(manager)
    # a branch that started this year has no baseline for last year: "no data", never 0
    this_year, baseline = incidents.breach_comparison(manager, first_year)
    assert (this_year, baseline.year, baseline.count, baseline.source) == (0, first_year - 1, None, "none")
    for _ in range(3):
        _assess_breach(manager, _report(manager).id)
    clock.advance(366 * 24 * 3600)
    _assess_breach(manager, _report(manager).id)
    this_year, baseline = incidents.breach_comparison(manager, first_year + 1)
    assert (this_year, baseline.year, baseline.count, baseline.source) == (1, first_year, 3, "records")
    set_programme_settings(manager, {"breach_baseline_count": 5})
    assert incidents.breach_comparison(manager, first_year + 1)[1].count == 5
    with pytest.raises(PermissionDenied):
        incidents.breach_comparison(signed_in(Role.IT_ADMIN), first_year + 1)
