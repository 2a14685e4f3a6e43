"""A client's change history and named follow-up timeline (services/client_history.py): field names
by label, who, when, for which request, newest first; the same visibility as the detail view."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.domain.client_record import ClientDraft, FollowupKind
from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services.client_directory import NotYourClient, StorageOnly
from desktop_app.services.client_followups import add_followup
from desktop_app.services.client_history import (
    HISTORY_ACTION,
    field_labels,
    list_changes,
    list_timeline,
)
from desktop_app.services.client_intake import create_client, update_client
from desktop_app.services.client_requests import complete_correction, register_request
from desktop_app.services.context import AppContext
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from tests.conftest import Branch, Clock
from tests.support.client_access import add_confirmed_staff

SignIn = Callable[[Role], SignedIn]
OTHER_AGENT = ("lisi", "Agt!Other#2026xy")


def audit(ctx: SignedIn, action: str) -> list[tuple[str, str, str, dict[str, object]]]:
    db = ctx.db
    rows = db.execute(
        "SELECT actor_username, target_id, outcome, details FROM audit_log WHERE action = ? ORDER BY seq",
        (action,),
    ).fetchall()
    return [(a, b, c, json.loads(d)) for a, b, c, d in rows]


@pytest.fixture
def other(branch: Branch, signed_in: SignIn) -> Iterator[AppContext]:
    add_confirmed_staff(branch, OTHER_AGENT, "李四")
    ctx = sign_in(branch.context(), *OTHER_AGENT)
    yield ctx
    ctx.close()


def correct_through_a_request(ctx: SignedIn, client_id: int, changes: dict[str, str]) -> int:
    """A manager registers a correction request (identity verified) and completes it."""
    today = datetime.fromtimestamp(ctx.clock(), UTC).date()
    request = register_request(ctx, client_id, "correction", today, identity_verified=True)
    complete_correction(ctx, request.id, changes)
    return request.id


def test_changes_are_listed_newest_first_with_labels_names_and_request(
    signed_in: SignIn, clock: Clock
) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    assert list_changes(agent, client.id) == []
    update_client(agent, client.id, {"intention_level": "A"})
    clock.advance(3600)
    request_id = correct_through_a_request(
        manager,
        client.id,
        {
            "phone": "13912345678",
            "province": "广东省",
            "city": "深圳市",
            "district": "南山区",
            "address_detail": "科技园路1号",
        },
    )
    history = list_changes(agent, client.id)
    assert [entry.staff_name for entry in history] == ["lina", "zhangwei"]
    newest, oldest = history
    assert newest.field_names("zh_CN") == ["电话号码", "地址"]
    assert newest.field_names("en") == ["Phone number", "Address"]
    assert newest.request_id == request_id and oldest.request_id is None
    assert oldest.field_names("zh_CN") == ["意向等级"]
    assert newest.at > oldest.at and newest.at.startswith(
        datetime.fromtimestamp(clock(), UTC).strftime("%Y-%m-%d")
    )
    viewed = audit(agent, HISTORY_ACTION)
    assert [(row[0], row[1], row[2]) for row in viewed] == [("zhangwei", str(client.id), "success")] * 2
    text = repr(history)
    for value in ("13912345678", "南山区", "科技园路"):
        assert value not in text  # field names only, never values


def test_an_agent_cannot_read_another_agents_client_history(signed_in: SignIn, other: SignedIn) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    theirs = create_client(other, ClientDraft(name="李娜", phone="13655556666"))
    update_client(other, theirs.id, {"intention_level": "B"})
    with pytest.raises(NotYourClient):
        list_changes(agent, theirs.id)
    with pytest.raises(NotYourClient):
        list_timeline(agent, theirs.id)
    denied = [row for row in audit(agent, "access.denied") if row[0] == "zhangwei"]
    assert [(row[1], row[2], row[3]["operation"]) for row in denied] == [
        (str(theirs.id), "denied", HISTORY_ACTION),
        (str(theirs.id), "denied", "client.followups_view"),
    ]
    assert not [row for row in audit(agent, HISTORY_ACTION) if row[0] == "zhangwei"]
    assert [entry.staff_name for entry in list_changes(manager, theirs.id)] == ["李四"]


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_admin_and_auditor_cannot_read_any_history(signed_in: SignIn, role: Role) -> None:
    client = create_client(signed_in(Role.AGENT), ClientDraft(name="张伟", phone="13812345678"))
    with pytest.raises(PermissionDenied):
        list_changes(signed_in(role), client.id)


def test_storage_only_records_have_no_readable_history(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    client = create_client(manager, ClientDraft(name="张伟", phone="13812345678"))
    db = manager.db
    with db.transaction():
        ClientRepository(db).set_storage_only(client.id, now=utc_timestamp(clock()))
    with pytest.raises(StorageOnly):
        list_changes(manager, client.id)


def test_the_timeline_names_who_recorded_each_follow_up(signed_in: SignIn, clock: Clock) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    add_followup(agent, client.id, FollowupKind.VISIT, "看了样板间", at=datetime(2027, 1, 3, tzinfo=UTC))
    add_followup(manager, client.id, FollowupKind.CALL, "店长回访", at=datetime(2027, 1, 9, tzinfo=UTC))
    timeline = list_timeline(agent, client.id)
    assert [(e.kind, e.note, e.staff_name) for e in timeline] == [
        (FollowupKind.CALL, "店长回访", "lina"),
        (FollowupKind.VISIT, "看了样板间", "zhangwei"),
    ]
    assert "店长回访" not in repr(timeline)


def test_field_labels_merge_address_parts_and_keep_unknown_names() -> None:
    labels = field_labels(["address_detail", "city", "full_name", "mystery"])
    assert [label.zh for label in labels] == ["地址", "姓名", "mystery"]
