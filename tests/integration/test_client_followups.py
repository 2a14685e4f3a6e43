"""Follow-ups: a dated visit or call with a note, the timeline, and who may do either."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
import sqlcipher3

from desktop_app.domain.client_record import ClientDraft, FollowupKind
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.roles import Role
from desktop_app.services.client_directory import NotYourClient, get_client
from desktop_app.services.client_followups import add_followup, list_followups
from desktop_app.services.client_intake import create_client
from desktop_app.services.context import AppContext
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Branch
from tests.support.client_access import add_confirmed_staff

SignIn = Callable[[Role], SignedIn]
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


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2027, 1, day, hour, 0, tzinfo=UTC)


def test_followups_form_a_newest_first_timeline_and_move_last_contact(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    add_followup(agent, client.id, FollowupKind.VISIT, "首次到访，看了样板间", at=at(5))
    add_followup(agent, client.id, "call", "电话回访", at=at(9))
    add_followup(agent, client.id, "到访/带看", "补录的早期到访", at=at(2))  # entered late
    timeline = list_followups(agent, client.id)
    assert [(f.kind, f.note) for f in timeline] == [
        (FollowupKind.CALL, "电话回访"),
        (FollowupKind.VISIT, "首次到访，看了样板间"),
        (FollowupKind.VISIT, "补录的早期到访"),
    ]
    assert get_client(agent, client.id).last_contact_at == "2027-01-09T10:00:00.000000Z"
    logged = entries(agent, "client.followup")
    assert len(logged) == 3 and all(row[1] == str(client.id) for row in logged)
    assert all("回访" not in row[3] and "到访" not in row[3] for row in logged)
    assert entries(agent, "client.followups_view")[-1][:2] == ("zhangwei", str(client.id))


def test_followup_defaults_to_now_and_refuses_the_future_or_a_blank_note(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    client = create_client(manager, ClientDraft(name="张伟", phone="13812345678"))
    followup = add_followup(manager, client.id, "call", "回访")
    assert followup.at.startswith("2027-01-15T")
    with pytest.raises(InvalidInput):
        add_followup(manager, client.id, "call", "回访", at=at(20))
    with pytest.raises(InvalidField) as info:
        add_followup(manager, client.id, "call", "   ")
    assert info.value.field == "followup_note" and "跟进记录" in info.value.zh
    with pytest.raises(InvalidField) as kind:
        add_followup(manager, client.id, "email", "回访")
    assert kind.value.field == "followup_kind"
    assert len(list_followups(manager, client.id)) == 1


def test_agent_cannot_follow_up_or_read_another_agents_client(signed_in: SignIn, other: SignedIn) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    add_followup(agent, client.id, "call", "回访", at=at(3))
    with pytest.raises(NotYourClient):
        add_followup(other, client.id, "call", "不该保存", at=at(4))
    with pytest.raises(NotYourClient):
        list_followups(other, client.id)
    denied = [row for row in entries(other, "access.denied") if row[0] == "lisi"]
    assert [row[1] for row in denied] == [str(client.id)] * 2
    assert len(list_followups(manager, client.id)) == 1  # the manager sees the whole branch
    add_followup(manager, client.id, "visit", "店长陪同带看", at=at(6))
    assert [f.note for f in list_followups(agent, client.id)] == ["店长陪同带看", "回访"]


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_admin_and_auditor_cannot_touch_followups(signed_in: SignIn, role: Role) -> None:
    client = create_client(signed_in(Role.AGENT), ClientDraft(name="张伟", phone="13812345678"))
    ctx = signed_in(role)
    with pytest.raises(PermissionDenied):
        add_followup(ctx, client.id, "call", "x")
    with pytest.raises(PermissionDenied):
        list_followups(ctx, client.id)
    denied = [row[1] for row in entries(ctx, "access.denied")][-2:]
    assert denied == ["client.edit", "client.view_own"]


def test_deleting_a_client_removes_its_followups(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    add_followup(agent, client.id, "call", "回访", at=at(3))
    db = agent.db
    with db.transaction():
        db.execute("DELETE FROM clients WHERE id = ?", (client.id,))
    assert db.execute("SELECT count(*) FROM client_followups").fetchone()[0] == 0


def test_a_failing_audit_write_saves_no_followup_and_shows_nothing(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    db = agent.db
    db.execute(
        "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END"
    )
    with pytest.raises(sqlcipher3.Error):
        add_followup(agent, client.id, "call", "回访", at=at(3))
    with pytest.raises(sqlcipher3.Error):
        get_client(agent, client.id)  # a view that cannot be audited is not shown
    assert db.execute("SELECT count(*) FROM client_followups").fetchone()[0] == 0
    assert db.execute("SELECT last_contact_at FROM clients").fetchone()[0] is None
