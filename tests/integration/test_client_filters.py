"""List, count and search narrowed by ``ClientFilter``: intention levels, stages, source channels,
a manager's choice of agent and a last-contact date range (from inclusive, before exclusive), alone
and combined, always within what the signed-in user may see."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.domain.client_list_query import NO_FILTER, ClientFilter
from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_directory import count_clients, list_clients
from desktop_app.services.client_followups import add_followup
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_search import search_clients
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Branch
from tests.support.client_access import add_confirmed_staff

SignIn = Callable[[Role], SignedIn]
OTHER_AGENT = ("lisi", "Agt!Other#2026xy")


def at(day: int) -> datetime:
    return datetime(2027, 1, day, 10, 0, tzinfo=UTC)


def contact_stamp(day: int) -> str:
    return utc_timestamp(at(day).timestamp())


@dataclass
class Office:
    manager: SignedIn
    agent: SignedIn
    other: SignedIn
    ids: dict[str, int]

    def staff_id(self, ctx: SignedIn) -> int:
        return ctx.session.staff_id


@pytest.fixture
def office(branch: Branch, signed_in: SignIn) -> Iterator[Office]:
    """Five clients of three owners (the clock starts on 2027-01-15):

    name  owner    stage     level channel   last contact
    张伟  agent    lead      A     walk_in   2027-01-05
    张敏  agent    visiting  B     online    2027-01-10
    李娜  agent    lead      C     referral  -
    张强  other    visiting  A     walk_in   2027-01-10
    王芳  manager  contract  A     referral  2027-01-01
    """
    add_confirmed_staff(branch, OTHER_AGENT, "李四")
    other = sign_in(branch.context(), *OTHER_AGENT)
    manager, agent = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    rows = [
        (agent, "张伟", "13812340001", "lead", "A", "walk_in", 5),
        (agent, "张敏", "13812340002", "visiting", "B", "online", 10),
        (agent, "李娜", "13812340003", "lead", "C", "referral", None),
        (other, "张强", "13812340004", "visiting", "A", "walk_in", 10),
        (manager, "王芳", "13812340005", "contract", "A", "referral", 1),
    ]
    ids: dict[str, int] = {}
    for owner, name, phone, stage, level, channel, day in rows:
        draft = ClientDraft(
            name=name, phone=phone, stage=stage, choices={"intention_level": level, "source_channel": channel}
        )
        ids[name] = create_client(owner, draft).id
        if day is not None:
            add_followup(owner, ids[name], "call", "回访", at=at(day))
    yield Office(manager, agent, other, ids)
    other.close()


def names(office: Office, rows: list[int]) -> set[str]:
    by_id = {client_id: name for name, client_id in office.ids.items()}
    return {by_id[client_id] for client_id in rows}


def listed(office: Office, ctx: SignedIn, filters: ClientFilter) -> set[str]:
    rows = [row.id for row in list_clients(ctx, limit=200, filters=filters)]
    assert len(rows) == len(set(rows)) == count_clients(ctx, filters)
    return names(office, rows)


def found(office: Office, ctx: SignedIn, text: str, filters: ClientFilter) -> set[str]:
    return names(office, [row.id for row in search_clients(ctx, text, filters=filters)])


def test_no_filter_is_everything_visible(office: Office) -> None:
    assert listed(office, office.manager, NO_FILTER) == set(office.ids)
    assert listed(office, office.agent, NO_FILTER) == {"张伟", "张敏", "李娜"}
    assert listed(office, office.other, NO_FILTER) == {"张强"}


ALONE: list[tuple[ClientFilter, set[str], set[str], set[str]]] = [
    # filter, what the manager lists, what the agent lists, what the manager finds for "张"
    (
        ClientFilter(intention_levels=frozenset({"A"})),
        {"张伟", "张强", "王芳"},
        {"张伟"},
        {"张伟", "张强"},
    ),
    (ClientFilter(intention_levels=frozenset({"B", "C"})), {"张敏", "李娜"}, {"张敏", "李娜"}, {"张敏"}),
    (ClientFilter(stages=frozenset({"lead"})), {"张伟", "李娜"}, {"张伟", "李娜"}, {"张伟"}),
    (
        ClientFilter(stages=frozenset({"visiting", "contract"})),
        {"张敏", "张强", "王芳"},
        {"张敏"},
        {"张敏", "张强"},
    ),
    (ClientFilter(source_channels=frozenset({"referral"})), {"李娜", "王芳"}, {"李娜"}, set()),
    (
        ClientFilter(source_channels=frozenset({"walk_in", "online"})),
        {"张伟", "张敏", "张强"},
        {"张伟", "张敏"},
        {"张伟", "张敏", "张强"},
    ),
    (ClientFilter(intention_levels=frozenset({"D"})), set(), set(), set()),  # no such level: nothing
]


def test_each_filter_alone(office: Office) -> None:
    for filters, manager_sees, agent_sees, search_zhang in ALONE:
        assert listed(office, office.manager, filters) == manager_sees, filters
        assert listed(office, office.agent, filters) == agent_sees, filters
        assert found(office, office.manager, "张", filters) == search_zhang, filters
        assert found(office, office.agent, "zhang", filters) == search_zhang & {"张伟", "张敏"}, filters


def test_combined_filters_must_all_hold(office: Office) -> None:
    level_a_visiting = ClientFilter(intention_levels=frozenset({"A"}), stages=frozenset({"visiting"}))
    assert listed(office, office.manager, level_a_visiting) == {"张强"}
    assert listed(office, office.agent, level_a_visiting) == set()
    assert found(office, office.manager, "zq", level_a_visiting) == {"张强"}
    everything = ClientFilter(
        intention_levels=frozenset({"A", "B"}),
        stages=frozenset({"lead", "visiting"}),
        source_channels=frozenset({"walk_in", "online"}),
        contact_from=contact_stamp(5),
        contact_before=contact_stamp(11),
    )
    assert listed(office, office.manager, everything) == {"张伟", "张敏", "张强"}
    assert found(office, office.manager, "张", everything) == {"张伟", "张敏", "张强"}
    narrower = ClientFilter(**{**everything.__dict__, "agent_id": office.staff_id(office.agent)})
    assert listed(office, office.manager, narrower) == {"张伟", "张敏"}


def test_filters_keep_the_sort_order(office: Office) -> None:
    walk_in_or_referral = ClientFilter(source_channels=frozenset({"walk_in", "referral"}))
    by_name = [row.id for row in list_clients(office.manager, sort="name", filters=walk_in_or_referral)]
    # li na, wang fang, zhang qiang, zhang wei
    assert by_name == [office.ids[n] for n in ("李娜", "王芳", "张强", "张伟")]
    by_contact = [row.id for row in list_clients(office.manager, filters=walk_in_or_referral)]
    assert by_contact == [office.ids[n] for n in ("张强", "张伟", "王芳", "李娜")]  # never contacted last
    page = list_clients(office.manager, offset=1, limit=2, filters=walk_in_or_referral)
    assert [row.id for row in page] == by_contact[1:3]


def test_a_manager_narrows_to_one_agent(office: Office) -> None:
    for ctx, expected in ((office.agent, {"张伟", "张敏", "李娜"}), (office.other, {"张强"})):
        only = ClientFilter(agent_id=office.staff_id(ctx))
        assert listed(office, office.manager, only) == expected
        assert found(office, office.manager, "张", only) == expected & {"张伟", "张敏", "张强"}
        assert found(office, office.manager, "0004", only) == expected & {"张强"}  # phone last 4
    mine = ClientFilter(agent_id=office.staff_id(office.manager))
    assert listed(office, office.manager, mine) == {"王芳"}
    assert listed(office, office.manager, ClientFilter(agent_id=99999)) == set()


def test_an_agent_asking_for_another_agents_clients_gets_nothing(office: Office) -> None:
    theirs = ClientFilter(agent_id=office.staff_id(office.other))
    assert list_clients(office.agent, filters=theirs) == []
    assert count_clients(office.agent, theirs) == 0
    assert search_clients(office.agent, "张", filters=theirs) == []
    assert search_clients(office.agent, "13812340004", filters=theirs) == []
    assert search_clients(office.agent, "0004") == []  # and not without the filter either
    own = ClientFilter(agent_id=office.staff_id(office.agent))
    assert listed(office, office.agent, own) == {"张伟", "张敏", "李娜"}


def test_last_contact_range_from_is_inclusive_and_before_is_exclusive(office: Office) -> None:
    exact_5, exact_10 = contact_stamp(5), contact_stamp(10)
    assert listed(office, office.manager, ClientFilter(contact_from=exact_5)) == {"张伟", "张敏", "张强"}
    assert listed(office, office.manager, ClientFilter(contact_before=exact_10)) == {"张伟", "王芳"}
    both = ClientFilter(contact_from=exact_5, contact_before=exact_10)
    assert listed(office, office.manager, both) == {"张伟"}
    assert found(office, office.manager, "张", both) == {"张伟"}
    # whole UTC days: on or after 2027-01-05, before 2027-01-10 (contacts at 10:00 UTC)
    days = ClientFilter(contact_from="2027-01-05", contact_before="2027-01-10")
    assert listed(office, office.manager, days) == {"张伟"}
    through_10 = ClientFilter(contact_from="2027-01-05", contact_before="2027-01-11")
    assert listed(office, office.manager, through_10) == {"张伟", "张敏", "张强"}
    # a client never contacted is outside every range
    assert "李娜" not in listed(office, office.manager, ClientFilter(contact_from="1970-01-01"))
    assert (
        listed(office, office.manager, ClientFilter(contact_from=exact_10, contact_before=exact_5)) == set()
    )


def test_a_new_follow_up_moves_a_client_into_the_range(office: Office) -> None:
    recent = ClientFilter(contact_from="2027-01-12")
    assert listed(office, office.agent, recent) == set()
    add_followup(office.agent, office.ids["李娜"], "visit", "带看", at=at(14))
    assert listed(office, office.agent, recent) == {"李娜"}
    assert found(office, office.agent, "李娜", recent) == {"李娜"}
