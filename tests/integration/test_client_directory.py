"""Who sees which client, and the masked list and detail views."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, fields
from datetime import UTC, datetime

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services.client_directory import (
    ClientNotFound,
    ClientSummary,
    NotYourClient,
    count_clients,
    get_client,
    list_clients,
)
from desktop_app.services.client_followups import add_followup
from desktop_app.services.client_intake import create_client, reassign_client
from desktop_app.services.context import AppContext
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Branch
from tests.consent_support import signed_form
from tests.support.client_access import add_confirmed_staff

SignIn = Callable[[Role], SignedIn]
RESIDENT_ID = "110105199003071239"
OTHER_AGENT = ("lisi", "Agt!Other#2026xy")


def entries(ctx: SignedIn, action: str) -> list[tuple[str, str, str, str]]:
    db = ctx.db
    return db.execute(
        "SELECT actor_username, target_id, outcome, details FROM audit_log WHERE action = ? ORDER BY seq",
        (action,),
    ).fetchall()


@pytest.fixture
def other(branch: Branch, signed_in: SignIn) -> Iterator[AppContext]:
    add_confirmed_staff(branch, OTHER_AGENT, "李四")
    ctx = sign_in(branch.context(), *OTHER_AGENT)
    yield ctx
    ctx.close()


def at(day: int) -> datetime:
    return datetime(2027, 1, day, 10, 0, tzinfo=UTC)


def test_list_rows_are_masked_exactly_and_hold_no_notes(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    for name, phone in (
        ("张伟", "13812345678"),
        ("欧阳娜娜", "0755-26581234"),
        ("John Smith", "+852 9123 4567"),
    ):
        create_client(
            agent, ClientDraft(name=name, phone=phone, notes="秘密备注", choices={"intention_level": "B"})
        )
    rows = list_clients(agent, sort="name")
    assert {(row.name, row.phone) for row in rows} == {
        ("张*", "138****5678"),
        ("欧***", "0755-******34"),
        ("J*** S****", "+852 ****4567"),
    }
    names = {f.name for f in fields(ClientSummary)}
    assert not names & {"notes", "id_number", "birth_date", "email", "address"}
    assert "秘密备注" not in repr(rows) and "13812345678" not in repr(rows)


def test_agent_sees_only_own_clients_and_manager_sees_the_branch(signed_in: SignIn, other: SignedIn) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    mine = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    theirs = create_client(other, ClientDraft(name="王芳", phone="13912345678"))
    create_client(manager, ClientDraft(name="刘洋", phone="13712345678"))
    assert count_clients(agent) == 1 and [row.id for row in list_clients(agent)] == [mine.id]
    assert count_clients(other) == 1 and [row.id for row in list_clients(other)] == [theirs.id]
    assert count_clients(manager) == 3 and len(list_clients(manager)) == 3
    assert get_client(manager, theirs.id).name == "王*"
    with pytest.raises(NotYourClient):
        get_client(agent, theirs.id)
    assert entries(agent, "access.denied")[-1][:3] == ("zhangwei", str(theirs.id), "denied")
    assert not [row for row in entries(agent, "client.view") if row[0] == "zhangwei"]
    with pytest.raises(ClientNotFound):
        get_client(agent, 9999)


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_admin_and_auditor_never_read_client_data(signed_in: SignIn, role: Role) -> None:
    client = create_client(signed_in(Role.AGENT), ClientDraft(name="张伟", phone="13812345678"))
    ctx = signed_in(role)
    for read in (count_clients, list_clients, lambda c: get_client(c, client.id)):
        with pytest.raises(PermissionDenied):
            read(ctx)
    denied = [row for row in entries(ctx, "access.denied") if row[0] == ctx.session.username]
    assert [row[1] for row in denied] == ["client.view_own"] * 3
    assert not entries(ctx, "client.view")


def test_detail_masks_every_field_but_notes_and_audits_the_view(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(
        agent,
        ClientDraft(
            name="欧阳娜娜",
            phone="13812345678",
            stage="subscription",
            id_number=RESIDENT_ID,
            income_band="30_50",
            sensitive_consent=True,
            email="zhang.wei@example.cn",
            province="广东省",
            city="深圳市",
            district="南山区",
            address_detail="科技园路1号3栋",
            choices={"intention_level": "A"},
            notes="只看南向",
        ),
        consent=signed_form(agent),
    )
    view = get_client(agent, client.id)
    assert (view.name, view.phone, view.id_number) == ("欧***", "138****5678", "110***********1239")
    assert view.email == "z***@example.cn" and view.address == "广东省深圳市南山区******"
    assert view.income_band == "30_50" and view.income_band_shown and view.notes == "只看南向"
    assert "19900307" not in repr(asdict(view))
    [(actor, target, outcome, _)] = entries(agent, "client.view")
    assert (actor, target, outcome) == ("zhangwei", str(client.id), "success")


def test_sorts_and_paging_happen_in_the_query(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    made = {}
    for name, phone, level in (
        ("赵六", "13812345601", "C"),
        ("钱七", "13812345602", "A"),
        ("孙八", "13812345603", ""),
        ("李九", "13812345604", "B"),
    ):
        made[name] = create_client(
            manager, ClientDraft(name=name, phone=phone, choices={"intention_level": level})
        ).id
    add_followup(manager, made["赵六"], "call", "回访", at=at(3))
    add_followup(manager, made["钱七"], "visit", "带看", at=at(1))
    add_followup(manager, made["李九"], "call", "回访", at=at(2))
    by_contact = [row.id for row in list_clients(manager, sort="last_contact")]
    assert by_contact == [made["赵六"], made["李九"], made["钱七"], made["孙八"]]
    by_level = [row.id for row in list_clients(manager, sort="intention")]
    assert by_level == [made["钱七"], made["李九"], made["赵六"], made["孙八"]]
    by_name = [row.id for row in list_clients(manager, sort="name")]
    # pinyin order (li jiu, qian qi, sun ba, zhao liu), not code-point order (孙 李 赵 钱)
    assert by_name == [made[name] for name in ("李九", "钱七", "孙八", "赵六")]
    page = list_clients(manager, offset=1, limit=2, sort="last_contact")
    assert [row.id for row in page] == by_contact[1:3]
    assert list_clients(manager, offset=10, limit=5) == []
    for bad in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"sort": "phone"}):
        with pytest.raises(InvalidInput):
            list_clients(manager, **bad)  # type: ignore[arg-type]


def test_reassigned_client_moves_between_agents_lists(signed_in: SignIn, other: SignedIn) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    reassign_client(manager, client.id, OTHER_AGENT[0])
    assert count_clients(agent) == 0 and [row.id for row in list_clients(other)] == [client.id]
    assert get_client(other, client.id).id == client.id
