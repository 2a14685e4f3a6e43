"""Privacy education on a real encrypted branch: campaigns (managers add, auditors read), each
client's participation (client key, an agent only for their own clients), the yearly figure, the
leaflet recording participation, attendee lists, and destruction taking participation with it.

The clock starts at 2027-01-15 16:00 Beijing time; "last year" is 2026.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop_app.domain.attendee_list import RowOutcome
from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.roles import Role
from desktop_app.services.client_destruction import destroy_client
from desktop_app.services.client_directory import NotYourClient
from desktop_app.services.client_followups import add_followup
from desktop_app.services.client_intake import create_client
from desktop_app.services.education import (
    CampaignNotFound,
    add_campaign,
    campaign_count,
    campaign_participants,
    education_counts,
    list_campaigns,
    print_leaflet,
    record_attendees,
    record_participation,
)
from desktop_app.services.education_import import import_attendees
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.education_repository import ParticipationRepository
from tests.conftest import Clock

SignIn = Callable[[Role], SignedIn]
THIS_YEAR = 2027
LAST_YEAR = 2026


def _at(clock: Clock, day: date) -> None:
    clock.now = datetime(day.year, day.month, day.day, 4, tzinfo=UTC).timestamp()


def _client(me: SignedIn, name: str, phone: str) -> int:
    return create_client(me, ClientDraft(name=name, phone=phone)).id


def _actions(me: SignedIn) -> list[str]:
    return [entry.action for entry in AuditRepository(me.db).iter_all()]


def test_a_manager_adds_campaigns_and_the_auditor_counts_them(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    first = add_campaign(manager, date(2027, 1, 10), "门店讲座", "识别冒充开发商“退定金”诈骗", "讲座 PPT")
    add_campaign(manager, date(2027, 1, 12), "sms_wechat", "验证码不告诉任何人")
    add_campaign(manager, date(2026, 11, 1), "公众号文章", "身份证复印件怎么写")
    assert "education.campaign_add" in _actions(manager)
    auditor = signed_in(Role.AUDITOR)
    assert campaign_count(auditor, THIS_YEAR) == 2
    assert campaign_count(auditor, LAST_YEAR) == 1
    assert [c.id for c in list_campaigns(auditor, THIS_YEAR)][-1] == first.id
    with pytest.raises(PermissionDenied):
        add_campaign(signed_in(Role.AGENT), date(2027, 1, 10), "other", "x")
    with pytest.raises(PermissionDenied):
        campaign_count(signed_in(Role.IT_ADMIN), THIS_YEAR)
    with pytest.raises(InvalidField):
        add_campaign(manager, date(2027, 2, 1), "other", "未来的活动")


def test_education_counts_active_clients_and_participants_of_the_year(
    signed_in: SignIn, clock: Clock
) -> None:
    start = clock.now
    _at(clock, date(2026, 3, 1))
    manager = signed_in(Role.MANAGER)
    old_followed_up = _client(manager, "王小明", "13800000001")
    old_silent = _client(manager, "李小红", "13800000002")
    old_took_part_last_year = _client(manager, "赵小刚", "13800000003")
    record_participation(manager, old_silent, None, "leaflet", date(2026, 3, 1))
    clock.now = start
    record_participation(manager, old_took_part_last_year, None, "leaflet", date(2026, 12, 31))
    add_followup(manager, old_followed_up, "call", "电话回访，客户仍在看房")
    add_followup(manager, old_took_part_last_year, "visit", "带看两套")
    new_client = _client(manager, "钱小芳", "13800000004")
    destroyed = _client(manager, "孙小强", "13800000005")
    campaign = add_campaign(manager, date(2027, 1, 10), "store_talk", "讲座")
    record_attendees(manager, campaign.id, [old_followed_up, destroyed])
    destroy_client(manager, destroyed, "no_longer_necessary", "客户要求不再联系")

    counts = education_counts(manager, THIS_YEAR)
    # active: the one followed up this year, the one with a follow-up this year, the new one
    assert (counts.active_clients, counts.participants, counts.campaigns) == (3, 1, 1)
    assert new_client not in (old_followed_up, old_silent)
    last_year = education_counts(manager, LAST_YEAR)  # the three created in 2026; two took part then
    assert (last_year.active_clients, last_year.participants, last_year.campaigns) == (3, 2, 0)
    for role in (Role.IT_ADMIN, Role.AUDITOR):
        with pytest.raises(PermissionDenied):
            education_counts(signed_in(role), THIS_YEAR)


def test_an_agent_records_only_for_their_own_clients(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    agent = signed_in(Role.AGENT)
    mine = _client(agent, "周小燕", "13900000001")
    theirs = _client(manager, "吴小龙", "13900000002")
    campaign = add_campaign(manager, date(2027, 1, 14), "sms_wechat", "防诈骗短信")
    assert record_participation(agent, mine, campaign.id, "message", date(2027, 1, 14))
    assert not record_participation(
        agent, mine, campaign.id, "message", date(2027, 1, 14)
    )  # once per campaign
    with pytest.raises(NotYourClient):
        record_participation(agent, theirs, campaign.id, "message", date(2027, 1, 14))
    with pytest.raises(NotYourClient):
        record_attendees(agent, campaign.id, [mine, theirs])
    assert "access.denied" in _actions(agent)
    with pytest.raises(CampaignNotFound):
        record_participation(agent, mine, 999, "attended", date(2027, 1, 14))
    counts = education_counts(agent, THIS_YEAR)
    assert (counts.active_clients, counts.participants) == (1, 1)  # an agent's figure: their own clients
    assert campaign_participants(manager, [campaign.id]) == {campaign.id: 1}
    entry = [e for e in AuditRepository(agent.db).iter_all() if e.action == "education.participation"][-1]
    assert (
        entry.target_id == str(mine)
        and "周小燕" not in str(entry.details)
        and "13900000001" not in str(entry.details)
    )


def test_printing_the_leaflet_for_a_client_records_participation(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = _client(agent, "郑小雨", "13700000001")
    blank = print_leaflet(agent)
    assert blank.startswith(b"%PDF") and ParticipationRepository(agent.db).count_for_client(client) == 0
    pdf = print_leaflet(agent, client)
    assert pdf.startswith(b"%PDF") and "郑小雨".encode() not in pdf
    rows = ParticipationRepository(agent.db).of_client(client)
    assert [(r.kind.value, r.campaign_id, r.day) for r in rows] == [("leaflet", None, agent.today())]
    print_leaflet(agent, client)  # the same day again: still one record
    assert ParticipationRepository(agent.db).count_for_client(client) == 1
    assert {"education.leaflet", "education.leaflet_blank"} <= set(_actions(agent))
    assert education_counts(agent, THIS_YEAR).participants == 1


def test_destroying_a_client_deletes_their_participation(signed_in: SignIn) -> None:
    """The rows go with the client (cascade), and the destruction record names the category."""
    manager = signed_in(Role.MANAGER)
    client = _client(manager, "冯小东", "13600000001")
    record_participation(manager, client, None, "leaflet", manager.today())
    assert ParticipationRepository(manager.db).count_for_client(client) == 1
    outcome = destroy_client(manager, client, "purpose_achieved", "交易完成且保存期满")
    assert outcome.record is not None and "privacy education" in outcome.record.categories
    left = manager.db.execute(
        "SELECT count(*) FROM client_data.education_participation WHERE client_id = ?", (client,)
    ).fetchone()[0]
    assert left == 0


def test_an_attendee_list_is_matched_by_phone_then_name_and_creates_no_client(
    signed_in: SignIn, tmp_path: Path
) -> None:
    manager = signed_in(Role.MANAGER)
    agent = signed_in(Role.AGENT)
    by_phone = _client(agent, "陈小安", "13500000001")
    by_name = _client(agent, "林小北", "13500000002")
    _client(agent, "同名人", "13500000003")
    _client(agent, "同名人", "13500000004")
    managers_own = _client(manager, "黄小南", "13500000005")
    campaign = add_campaign(manager, date(2027, 1, 13), "community_event", "社区防诈骗宣传")
    sheet = tmp_path / "签到表.csv"
    sheet.write_text(
        "社区防诈骗宣传签到表,,\n序号,姓名,手机号码\n"
        "1,陈某,135 0000 0001\n2,林小北,\n3,同名人,\n4,路人甲,13312345678\n5,黄小南,13500000005\n6,,12\n",
        encoding="gbk",
    )
    preview = import_attendees(agent, campaign.id, sheet, dry_run=True)
    assert ParticipationRepository(agent.db).count_for_client(by_phone) == 0
    assert [r.outcome for r in preview.rows][:2] == [RowOutcome.MATCHED, RowOutcome.MATCHED]
    report = import_attendees(agent, campaign.id, sheet)
    outcomes = {r.row: r.outcome for r in report.rows}
    assert outcomes == {
        3: RowOutcome.MATCHED,
        4: RowOutcome.MATCHED,
        5: RowOutcome.AMBIGUOUS,
        6: RowOutcome.NOT_FOUND,
        7: RowOutcome.NOT_FOUND,  # the manager's client: the agent may not see it
        8: RowOutcome.INVALID,
    }
    assert {r.client_id for r in report.rows if r.outcome is RowOutcome.MATCHED} == {by_phone, by_name}
    assert ParticipationRepository(agent.db).of_client(by_phone)[0].kind.value == "attended"
    again = import_attendees(manager, campaign.id, sheet)
    assert {r.row: r.outcome for r in again.rows}[7] is RowOutcome.MATCHED
    assert {r.row: r.outcome for r in again.rows}[3] is RowOutcome.ALREADY
    count = manager.db.execute("SELECT count(*) FROM client_data.clients").fetchone()[0]
    assert count == 5 and managers_own > 0
    assert "education.attendees_import" in _actions(manager)
