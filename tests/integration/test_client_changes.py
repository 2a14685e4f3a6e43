"""The change history update_client keeps (PIPL Art. 46 corrections): which fields changed, who,
when and for which request, never the values; ``buyer_since`` set once when a lead first buys; the
pinyin sort key following a rename."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.domain.client_field_registry import CLIENT_FIELDS
from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.retention_rules import legal_hold_ends
from desktop_app.domain.roles import Role
from desktop_app.services.client_consents import record_consent_form
from desktop_app.services.client_deletion import delete_client
from desktop_app.services.client_directory import list_clients
from desktop_app.services.client_intake import create_client, reassign_client, update_client
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from tests.conftest import Clock
from tests.consent_support import signed_form

SignIn = Callable[[Role], SignedIn]
RESIDENT_ID = "110105199003071239"
DAY = 86_400


def repo(ctx: SignedIn) -> ClientRepository:
    return ClientRepository(ctx.db)


def register_request(ctx: SignedIn, client_id: int, kind: str = "correction") -> int:
    """A client request row as the requests service registers it (only what the schema needs)."""
    session, db = ctx.session, ctx.db
    now = utc_timestamp(ctx.clock())
    with db.transaction():
        cursor = db.execute(
            "INSERT INTO client_requests (client_id, client_pseudonym, kind, received_on, due_on, "
            "registered_by, registered_at) VALUES (?, 'p', ?, '2027-01-15', '2027-02-14', ?, ?)",
            (client_id, kind, session.staff_id, now),
        )
    return int(cursor.lastrowid or 0)


def audit_details(ctx: SignedIn, action: str) -> list[dict[str, object]]:
    db = ctx.db
    rows = db.execute("SELECT details FROM audit_log WHERE action = ? ORDER BY seq", (action,)).fetchall()
    return [json.loads(details) for (details,) in rows]


def test_an_update_records_field_names_staff_and_time_never_values(signed_in: SignIn, clock: Clock) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(agent, ClientDraft(name="张三", phone="13812345678", notes="旧备注"))
    assert repo(agent).changes(client.id) == []  # creating is not a change
    clock.advance(60)
    update_client(agent, client.id, {"name": "张三丰", "intention_level": "A", "notes": "新备注"})
    [change] = repo(agent).changes(client.id)
    assert change.fields == ("full_name", "intention_level", "notes")  # storage (registry) order
    assert all(field in CLIENT_FIELDS.column_names() for field in change.fields)
    assert change.staff_id == agent.session.staff_id
    assert change.at == utc_timestamp(clock()) and change.request_id is None
    db = agent.db
    raw = db.execute("SELECT * FROM client_changes").fetchall()
    for value in ("张三", "张三丰", "旧备注", "新备注", "13812345678"):
        assert value not in repr(raw)
    [details] = audit_details(agent, "client.update")
    assert details["fields"] == ["full_name", "intention_level", "notes"] and details["request_id"] is None


def test_changes_are_listed_newest_first(signed_in: SignIn, clock: Clock) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    client = create_client(agent, ClientDraft(name="张三", phone="13812345678"))
    update_client(agent, client.id, {"intention_level": "B"})
    clock.advance(60)
    update_client(manager, client.id, {"source_channel": "来电"})
    changes = repo(agent).changes(client.id)
    assert [c.fields for c in changes] == [("source_channel",), ("intention_level",)]
    assert [c.staff_id for c in changes] == [
        manager.session.staff_id,
        agent.session.staff_id,
    ]


def test_nothing_changed_writes_no_history_and_no_audit(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(
        agent, ClientDraft(name="张三", phone="13812345678", choices={"intention_level": "B"})
    )
    update_client(agent, client.id, {})
    update_client(agent, client.id, {"name": " 张三 ", "intention_level": "b", "phone": "138 1234 5678"})
    assert repo(agent).changes(client.id) == []
    assert audit_details(agent, "client.update") == []


def test_a_correction_request_is_linked(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    client = create_client(manager, ClientDraft(name="张三", phone="13812345678"))
    request_id = register_request(manager, client.id)
    update_client(manager, client.id, {"phone": "13912345678"}, request_id=request_id)
    [change] = repo(manager).changes(client.id)
    assert (change.fields, change.request_id) == (("phone_e164",), request_id)
    [details] = audit_details(manager, "client.update")
    assert details["request_id"] == request_id


def test_an_unknown_request_is_a_clear_error(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    client = create_client(manager, ClientDraft(name="张三", phone="13812345678"))
    with pytest.raises(BranchVaultError):
        update_client(manager, client.id, {"intention_level": "A"}, request_id=424242)
    assert repo(manager).changes(client.id) == []


def test_a_request_for_another_client_is_refused(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    client = create_client(manager, ClientDraft(name="张三", phone="13812345678"))
    other = create_client(manager, ClientDraft(name="李四", phone="13912345678"))
    request_id = register_request(manager, other.id)
    with pytest.raises(BranchVaultError):
        update_client(manager, client.id, {"intention_level": "A"}, request_id=request_id)


def test_history_goes_with_a_destroyed_client(signed_in: SignIn) -> None:
    manager = signed_in(Role.MANAGER)
    client = create_client(manager, ClientDraft(name="张三", phone="13812345678"))
    update_client(manager, client.id, {"intention_level": "A"})
    delete_client(manager, client.id, "deletion_request")
    db = manager.db
    assert db.execute("SELECT count(*) FROM client_changes").fetchone() == (0,)


def test_reassigning_is_not_a_field_change(signed_in: SignIn, clock: Clock) -> None:
    manager = signed_in(Role.MANAGER)
    client = create_client(manager, ClientDraft(name="张三", phone="13812345678"))
    clock.advance(DAY)
    reassign_client(manager, client.id, "zhangwei")
    assert repo(manager).changes(client.id) == []
    # an agent leaving must not restart the retention period of their clients
    moved = repo(manager).get(client.id)
    assert moved is not None and moved.updated_at == client.updated_at


# ------------------------------------------------------------------------------------------ buyer_since


def test_a_client_created_as_a_buyer_starts_the_hold_at_once(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    buyer = create_client(agent, ClientDraft(name="王买家", phone="13755556666", stage="contract"))
    assert buyer.buyer_since == buyer.created_at
    lead = create_client(agent, ClientDraft(name="李", phone="13755557777"))
    assert lead.buyer_since is None


def test_buyer_since_is_set_when_a_lead_buys_and_never_moves(signed_in: SignIn, clock: Clock) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(agent, ClientDraft(name="张三", phone="13812345678"))
    clock.advance(DAY)
    bought_at = utc_timestamp(clock())
    record_consent_form(agent, client.id, signed_form(agent))
    update_client(agent, client.id, {"stage": "subscription", "id_number": RESIDENT_ID})
    stored = repo(agent).get(client.id)
    assert stored is not None and stored.buyer_since == bought_at
    clock.advance(30 * DAY)
    update_client(agent, client.id, {"notes": "已签约", "stage": "contract"})
    clock.advance(30 * DAY)
    update_client(agent, client.id, {"intention_level": "A"})
    later = repo(agent).get(client.id)
    assert later is not None and later.buyer_since == bought_at


def test_the_hold_never_moves_with_later_edits(signed_in: SignIn, clock: Clock) -> None:
    """Whatever day the hold starts on, editing the buyer afterwards must not push its end."""
    agent = signed_in(Role.AGENT)
    client = create_client(agent, ClientDraft(name="张三", phone="13812345678"))
    update_client(agent, client.id, {"stage": "visiting"})
    record_consent_form(agent, client.id, signed_form(agent))
    update_client(agent, client.id, {"stage": "subscription", "id_number": RESIDENT_ID})
    clock.advance(DAY)
    update_client(agent, client.id, {"notes": "第一次修改"})  # sets buyer_since if the move did not
    stored = repo(agent).get(client.id)
    assert stored is not None
    ends = legal_hold_ends(stored)
    for days in (30, 400):
        clock.advance(days * DAY)
        update_client(agent, client.id, {"notes": f"修改 {days}"})
        again = repo(agent).get(client.id)
        assert again is not None and legal_hold_ends(again) == ends


# ------------------------------------------------------------------------------------------ name_pinyin


def test_a_rename_moves_the_client_in_the_name_order(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    zhang = create_client(agent, ClientDraft(name="张三", phone="13812345678")).id
    li = create_client(agent, ClientDraft(name="李四", phone="13912345678")).id
    assert [row.id for row in list_clients(agent, sort="name")] == [li, zhang]
    update_client(agent, li, {"name": "赵四"})
    assert [row.id for row in list_clients(agent, sort="name")] == [zhang, li]
    db = agent.db
    assert db.execute("SELECT name_pinyin FROM clients WHERE id = ?", (li,)).fetchone() == ("zhao si",)
    update_client(agent, li, {"name": "Anna Bell"})
    assert [row.id for row in list_clients(agent, sort="name")] == [li, zhang]
    assert db.execute("SELECT name_pinyin FROM clients WHERE id = ?", (li,)).fetchone() == ("anna bell",)
