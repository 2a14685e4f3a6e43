"""A deletion request or a withdrawal of consent (PIPL Art. 47): a lead is destroyed; a buyer under the
10-year anti-money-laundering hold goes into "storage only" instead, audited without personal data,
after which no list, count, search, view, reveal, edit or follow-up touches it, and it can be
destroyed only for the expiry of the hold, once the clock has passed its end."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.destruction_record import DestructionRecord
from desktop_app.domain.errors import PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services.client_deletion import (
    DeletionReason,
    DeletionRefused,
    delete_client,
    delete_or_keep_in_storage,
)
from desktop_app.services.client_directory import (
    ClientNotFound,
    StorageOnly,
    count_clients,
    get_client,
    list_clients,
)
from desktop_app.services.client_followups import add_followup, list_followups
from desktop_app.services.client_intake import DuplicateClient, create_client, reassign_client, update_client
from desktop_app.services.client_reveal import reveal_field
from desktop_app.services.client_search import search_clients
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Clock
from tests.consent_support import signed_form

SignIn = Callable[[Role], SignedIn]

BUYER_NAME = "欧阳春花"
BUYER_PHONE = "13987654321"
BUYER_ID = "110105199003071239"
HOLD_ENDS = date(2037, 1, 15)  # the clock starts on 2027-01-15 08:00 UTC, when the buyer subscribes


@dataclass
class Clients:
    manager: SignedIn
    agent: SignedIn
    buyer: int
    lead: int
    kept: int


@pytest.fixture
def clients(signed_in: SignIn) -> Clients:
    manager, agent = signed_in(Role.MANAGER), signed_in(Role.AGENT)
    buyer = create_client(
        agent,
        ClientDraft(
            name=BUYER_NAME,
            phone=BUYER_PHONE,
            stage="subscription",
            id_type="resident_id",
            id_number=BUYER_ID,
            income_band="30_50",
            sensitive_consent=True,
            choices={"intention_level": "A"},
            notes="客户备注",
        ),
        consent=signed_form(agent),
    )
    assert buyer.buyer_since is not None
    lead = create_client(
        agent, ClientDraft(name="李线索", phone="13611110000", choices={"intention_level": "B"})
    )
    kept = create_client(agent, ClientDraft(name="欧阳明", phone="13611114321"))
    add_followup(agent, buyer.id, "visit", "看房")
    return Clients(manager, agent, buyer.id, lead.id, kept.id)


def audit_rows(ctx: SignedIn, action: str) -> list[tuple[str, str, str, str, str]]:
    db = ctx.db
    return db.execute(
        "SELECT actor_username, target_id, outcome, reason, details FROM audit_log WHERE action = ? "
        "ORDER BY seq",
        (action,),
    ).fetchall()


def keep(c: Clients, reason: str = "deletion_request") -> DestructionRecord | None:
    return delete_or_keep_in_storage(c.manager, c.buyer, reason, request_reference="REQ-2027/001")


def move_clock_to(clock: Clock, day: date) -> None:
    clock.advance(datetime(day.year, day.month, day.day, 8, tzinfo=UTC).timestamp() - clock())


# ----------------------------------------------------------------------------------- lead or buyer


def test_a_lead_is_destroyed(clients: Clients) -> None:
    destroyed = delete_or_keep_in_storage(clients.manager, clients.lead, DeletionReason.DELETION_REQUEST)
    assert isinstance(destroyed, DestructionRecord)
    assert destroyed.reason == "deletion_request" and "identity" in destroyed.categories
    with pytest.raises(ClientNotFound):
        get_client(clients.manager, clients.lead)
    assert audit_rows(clients.manager, "client.storage_only") == []
    assert [row[1] for row in audit_rows(clients.manager, "client.delete")] == [str(clients.lead)]


@pytest.mark.parametrize("reason", ["deletion_request", "consent_withdrawn"])
def test_a_held_buyer_goes_into_storage_only_audited_without_personal_data(
    clients: Clients, reason: str
) -> None:
    before = count_clients(clients.manager)
    assert keep(clients, reason) is None
    [(actor, target, outcome, why, details)] = audit_rows(clients.manager, "client.storage_only")
    assert (actor, target, outcome, why) == ("lina", str(clients.buyer), "success", reason)
    assert json.loads(details) == {"hold_ends": HOLD_ENDS.isoformat(), "request_reference": "REQ-2027/001"}
    for personal in (BUYER_NAME, BUYER_PHONE, BUYER_PHONE[-4:], BUYER_ID, "客户备注"):
        assert personal not in details
    assert count_clients(clients.manager) == before - 1
    db = clients.manager.db
    assert db.execute("SELECT count(*) FROM clients WHERE id = ?", (clients.buyer,)).fetchone() == (1,)
    assert db.execute("SELECT count(*) FROM destruction_records").fetchone() == (0,)


def test_asking_again_changes_nothing(clients: Clients) -> None:
    assert keep(clients) is None
    assert keep(clients, "consent_withdrawn") is None
    assert len(audit_rows(clients.manager, "client.storage_only")) == 1


def test_only_managers_may_answer_a_request(clients: Clients) -> None:
    with pytest.raises(PermissionDenied):
        delete_or_keep_in_storage(clients.agent, clients.buyer, "deletion_request")
    assert get_client(clients.agent, clients.buyer).id == clients.buyer


# ------------------------------------------------------------------------------ no processing at all


def test_storage_only_is_left_out_of_lists_counts_and_search(clients: Clients) -> None:
    keep(clients)
    for ctx in (clients.manager, clients.agent):
        assert clients.buyer not in [row.id for row in list_clients(ctx, limit=200)]
        assert clients.buyer not in [row.id for row in list_clients(ctx, sort="name")]
        assert clients.buyer not in [row.id for row in list_clients(ctx, sort="intention")]
        assert count_clients(ctx) == 2
        for text in ("欧阳", "欧阳春花", "oycf", "ouyang", BUYER_PHONE[-4:], BUYER_PHONE, BUYER_ID):
            assert clients.buyer not in [row.id for row in search_clients(ctx, text)], text
        # the other 欧阳 is still found: the search itself works
        assert [row.id for row in search_clients(ctx, "欧阳")] == [clients.kept]


@pytest.mark.parametrize("role", [Role.MANAGER, Role.AGENT])
def test_every_client_service_refuses_a_storage_only_record(clients: Clients, role: Role) -> None:
    keep(clients)
    ctx = clients.manager if role is Role.MANAGER else clients.agent
    refused: list[Callable[[], object]] = [
        lambda: get_client(ctx, clients.buyer),
        lambda: reveal_field(ctx, clients.buyer, "phone", "客户核对"),
        lambda: reveal_field(ctx, clients.buyer, "id_number", "网签"),
        lambda: update_client(ctx, clients.buyer, {"notes": "新备注"}),
        lambda: update_client(ctx, clients.buyer, {"stage": "contract"}),
        lambda: add_followup(ctx, clients.buyer, "call", "回访"),
        lambda: list_followups(ctx, clients.buyer),
    ]
    if role is Role.MANAGER:
        refused.append(lambda: reassign_client(ctx, clients.buyer, "zhangwei"))
    for call in refused:
        with pytest.raises(StorageOnly) as caught:
            call()
        assert "仅作保存" in caught.value.zh and "storage only" in caught.value.en
    assert audit_rows(ctx, "client.reveal") == []
    assert audit_rows(ctx, "client.view") == []
    db = ctx.db
    row = db.execute("SELECT notes, stage FROM clients WHERE id = ?", (clients.buyer,)).fetchone()
    assert row == ("客户备注", "subscription")
    assert db.execute(
        "SELECT count(*) FROM client_followups WHERE client_id = ?", (clients.buyer,)
    ).fetchone() == (1,)


# ---------------------------------------------------------------------------------- end of the hold


def test_destruction_waits_for_the_end_of_the_hold(clients: Clients, clock: Clock) -> None:
    keep(clients)
    for reason in ("deletion_request", "consent_withdrawn", "retention_expiry"):
        with pytest.raises(DeletionRefused) as caught:
            delete_client(clients.manager, clients.buyer, reason)
        assert caught.value.code == "legal_hold"
    move_clock_to(clock, date(2037, 1, 14))
    with pytest.raises(DeletionRefused):
        delete_client(clients.manager, clients.buyer, "retention_expiry")
    move_clock_to(clock, HOLD_ENDS)
    destroyed = delete_client(clients.manager, clients.buyer, "retention_expiry")  # the hold is over
    assert destroyed.reason == "retention_expiry"
    assert {"identity", "income", "follow-ups"} <= set(destroyed.categories)
    db = clients.manager.db
    assert db.execute("SELECT count(*) FROM clients WHERE id = ?", (clients.buyer,)).fetchone() == (0,)
    refusals = [row for row in audit_rows(clients.manager, "client.delete") if row[2] == "failure"]
    assert [row[3] for row in refusals] == ["legal_hold"] * 4


def test_once_the_hold_has_ended_a_deletion_request_destroys_the_buyer(
    clients: Clients, clock: Clock
) -> None:
    """PIPL Art. 47: storage only lasts as long as the law requires, not a day longer."""
    keep(clients)
    move_clock_to(clock, HOLD_ENDS)
    destroyed = delete_or_keep_in_storage(clients.manager, clients.buyer, "deletion_request")
    assert isinstance(destroyed, DestructionRecord) and destroyed.reason == "deletion_request"


def test_after_the_hold_a_request_destroys_a_buyer(clients: Clients, clock: Clock) -> None:
    move_clock_to(clock, HOLD_ENDS)
    destroyed = delete_or_keep_in_storage(clients.manager, clients.buyer, "retention_expiry")
    assert isinstance(destroyed, DestructionRecord)
    with pytest.raises(ClientNotFound):
        get_client(clients.manager, clients.buyer)


def test_a_storage_only_buyer_is_destroyed_by_the_same_call_once_the_hold_ends(
    clients: Clients, clock: Clock
) -> None:
    keep(clients)
    move_clock_to(clock, HOLD_ENDS)
    destroyed = delete_or_keep_in_storage(clients.manager, clients.buyer, "retention_expiry")
    assert isinstance(destroyed, DestructionRecord)


def test_retention_expiry_during_the_hold_is_refused_not_stored(clients: Clients) -> None:
    with pytest.raises(DeletionRefused):
        delete_or_keep_in_storage(clients.manager, clients.buyer, "retention_expiry")
    assert get_client(clients.manager, clients.buyer).id == clients.buyer


def test_a_returning_client_is_never_sent_to_a_storage_only_record(clients: Clients) -> None:
    """The same phone registers a new record (storage-only records are no duplicates: the client may
    come back); the same ID number (unique in the branch) is refused naming no client to open.
    Regression: this test passed when nothing was raised and checked nothing then."""
    keep(clients)
    returning = create_client(clients.agent, ClientDraft(name=BUYER_NAME, phone=BUYER_PHONE))
    assert returning.id != clients.buyer
    assert get_client(clients.agent, returning.id).id == returning.id
    same_id = ClientDraft(
        name=BUYER_NAME,
        phone="13600009999",
        stage="subscription",
        id_type="resident_id",
        id_number=BUYER_ID,
        sensitive_consent=True,
    )
    with pytest.raises(DuplicateClient) as duplicate:
        create_client(clients.agent, same_id, consent=signed_form(clients.agent))
    assert duplicate.value.field == "id_number" and duplicate.value.existing_client_id is None
