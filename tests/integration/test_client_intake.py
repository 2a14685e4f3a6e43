"""Client intake: create, update, reassign; duplicates; the sensitive-data gate; audit entries."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlcipher3

from desktop_app.domain.client_record import ClientDraft, ClientRecord
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.roles import Role
from desktop_app.services.client_consents import withdraw_consent
from desktop_app.services.client_directory import NotYourClient
from desktop_app.services.client_intake import (
    ConsentFormNeeded,
    DuplicateClient,
    ReassignRefused,
    create_client,
    reassign_client,
    update_client,
)
from desktop_app.services.client_reveal import KeptForLegalHold, reveal_field
from desktop_app.services.context import AppContext
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from tests.conftest import Branch, Clock
from tests.consent_support import signed_form
from tests.support.client_access import add_confirmed_staff


def stored(ctx: SignedIn, client_id: int) -> ClientRecord:
    """What the database holds (tests only: the services return masked views)."""
    db = ctx.db
    record = ClientRepository(db).get(client_id)
    assert record is not None
    return record


SignIn = Callable[[Role], SignedIn]
RESIDENT_ID = "110105199003071239"
AML_HOLD_DAYS = 3653  # ten years and a day or more: the anti-money-laundering hold has ended
OTHER_AGENT = ("lisi", "Agt!Other#2026xy")


def audit_text(ctx: SignedIn) -> str:
    db = ctx.db
    rows = db.execute("SELECT action, target_type, target_id, reason, details FROM audit_log").fetchall()
    return "\n".join(" ".join(str(c) for c in row) for row in rows)


def entries(ctx: SignedIn, action: str) -> list[tuple[str, str, str, str]]:
    db = ctx.db
    return db.execute(
        "SELECT actor_username, target_id, outcome, details FROM audit_log WHERE action = ? ORDER BY seq",
        (action,),
    ).fetchall()


def client_count(ctx: SignedIn) -> int:
    db = ctx.db
    return int(db.execute("SELECT count(*) FROM clients").fetchone()[0])


@pytest.fixture
def other_agent(branch: Branch, signed_in: SignIn) -> Callable[[], AppContext]:
    add_confirmed_staff(branch, OTHER_AGENT, "李四")

    def open_other() -> SignedIn:
        ctx = sign_in(branch.context(), *OTHER_AGENT)
        return ctx

    return open_other


def test_first_visit_needs_only_a_name_and_a_phone(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(agent, ClientDraft(name="张", phone="138 1234 5678"))
    session = agent.session
    assert client.assigned_agent_id == session.staff_id
    assert client.values.full_name == "张" and client.values.phone_e164 == "+8613812345678"
    assert client.values.stage == "lead" and client.last_contact_at is None
    [(actor, target, outcome, _details)] = entries(agent, "client.create")
    assert (actor, target, outcome) == ("zhangwei", str(client.id), "success")


def test_validation_errors_name_the_field_and_save_nothing(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    with pytest.raises(InvalidField) as info:
        create_client(agent, ClientDraft(name="张伟", phone="1381234"))
    assert info.value.field == "phone"
    assert info.value.zh.startswith("电话号码：") and info.value.en.startswith("Phone number:")
    assert client_count(agent) == 0


def test_id_number_and_income_need_consent_and_the_subscription_stage(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    for draft, consent in (
        (ClientDraft(name="张伟", phone="13812345678", id_number=RESIDENT_ID, sensitive_consent=True), True),
        (ClientDraft(name="张伟", phone="13812345678", stage="subscription", id_number=RESIDENT_ID), False),
        (ClientDraft(name="张伟", phone="13812345678", stage="contract", income_band="30_50"), False),
    ):
        with pytest.raises(InvalidField) as info:
            create_client(agent, draft, consent=signed_form(agent) if consent else None)
        assert info.value.reason == "sensitive_consent_required"
    assert client_count(agent) == 0
    client = create_client(
        agent,
        ClientDraft(
            name="张伟",
            phone="13812345678",
            stage="subscription",
            id_number=RESIDENT_ID,
            income_band="30_50",
            sensitive_consent=True,
        ),
        consent=signed_form(agent),
    )
    assert client.values.id_number == RESIDENT_ID and client.values.income_band == "30_50"
    assert client.values.sensitive_consent is True


def test_the_consent_is_never_ticked_without_a_signed_form(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    sensitive = ClientDraft(
        name="张伟", phone="13812345678", stage="subscription", id_number=RESIDENT_ID, sensitive_consent=True
    )
    for consent in (None, signed_form(agent, sensitive=False, hq=True)):
        with pytest.raises(ConsentFormNeeded) as info:
            create_client(agent, sensitive, consent=consent)
        assert info.value.code == "consent_form_needed" and "同意书" in info.value.zh
    assert client_count(agent) == 0
    lead = create_client(agent, ClientDraft(name="张伟", phone="13812345678", stage="subscription"))
    with pytest.raises(ConsentFormNeeded):
        update_client(agent, lead.id, {"sensitive_consent": True, "id_number": RESIDENT_ID})
    assert stored(agent, lead.id).values.sensitive_consent is False
    assert stored(agent, lead.id).values.id_number is None


def buyer_with_consent(agent: SignedIn) -> ClientRecord:
    return create_client(
        agent,
        ClientDraft(
            name="张伟",
            phone="13812345678",
            stage="subscription",
            id_number=RESIDENT_ID,
            income_band="30_50",
            sensitive_consent=True,
        ),
        consent=signed_form(agent),
    )


def test_unticking_the_consent_is_refused_and_withdrawal_keeps_only_the_held_id(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = buyer_with_consent(agent)
    for changes in ({"sensitive_consent": False}, {"sensitive_consent": False, "id_number": ""}):
        with pytest.raises(ConsentFormNeeded):
            update_client(agent, client.id, changes)
    kept = stored(agent, client.id).values
    assert kept.sensitive_consent and kept.id_number == RESIDENT_ID and kept.income_band == "30_50"
    withdraw_consent(agent, client.id, "sensitive_data")  # a buyer: the 10-year AML hold runs
    stored_values = stored(agent, client.id).values
    assert stored_values.sensitive_consent is False and stored_values.income_band is None
    assert stored_values.id_number == RESIDENT_ID and stored_values.id_type == "resident_id"
    with pytest.raises(KeptForLegalHold):
        reveal_field(agent, client.id, "id_number", "贷款办理")
    assert update_client(agent, client.id, {"notes": "已撤回"}).notes == "已撤回"  # other edits go on
    with pytest.raises(InvalidField) as info:  # income needs a new signed form
        update_client(agent, client.id, {"income_band": "30_50"})
    assert info.value.reason == "sensitive_consent_required"
    assert stored(agent, client.id).values.income_band is None


def test_withdrawal_after_the_hold_deletes_the_id_number_and_income_at_once(
    signed_in: SignIn, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    client = buyer_with_consent(agent)
    clock.advance(AML_HOLD_DAYS * 86400)
    withdraw_consent(agent, client.id, "sensitive_data")
    stored_values = stored(agent, client.id).values
    assert stored_values.sensitive_consent is False
    assert stored_values.id_number is None and stored_values.id_type is None
    assert stored_values.income_band is None
    with pytest.raises(InvalidField) as info:  # entering them again needs a new signed form
        update_client(agent, client.id, {"id_number": RESIDENT_ID})
    assert info.value.reason == "sensitive_consent_required"


def test_duplicate_phone_gives_the_manager_the_existing_id(signed_in: SignIn) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    first = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    with pytest.raises(DuplicateClient) as info:
        create_client(manager, ClientDraft(name="王芳", phone="+86 138-1234-5678"))
    assert info.value.existing_client_id == first.id and str(first.id) in info.value.zh
    with pytest.raises(DuplicateClient) as own:  # the agent's own client: they may see it
        create_client(agent, ClientDraft(name="王芳", phone="13812345678"))
    assert own.value.existing_client_id == first.id
    assert client_count(agent) == 1


def test_duplicate_for_another_agent_says_ask_the_manager_and_reveals_nothing(
    signed_in: SignIn, other_agent: Callable[[], AppContext]
) -> None:
    agent = signed_in(Role.AGENT)
    first = create_client(
        agent,
        ClientDraft(
            name="张伟", phone="13812345678", stage="contract", id_number=RESIDENT_ID, sensitive_consent=True
        ),
        consent=signed_form(agent),
    )
    other = other_agent()
    try:
        for draft, field in (
            (
                ClientDraft(
                    name="王芳",
                    phone="13912345678",
                    stage="contract",
                    id_number=RESIDENT_ID,
                    sensitive_consent=True,
                ),
                "id_number",
            ),
            (ClientDraft(name="王芳", phone="13812345678"), "phone_e164"),
        ):
            with pytest.raises(DuplicateClient) as info:
                create_client(other, draft, consent=signed_form(other) if draft.sensitive_consent else None)
            error = info.value
            assert error.existing_client_id is None and error.field == field
            assert "店长" in error.zh and "manager" in error.en
            text = error.zh + error.en
            assert str(first.id) not in text and "张" not in text and "zhangwei" not in text
        failures = [row for row in entries(other, "client.create") if row[2] == "failure"]
        assert len(failures) == 2 and all(row[0] == "lisi" for row in failures)
        # an edit that would duplicate another agent's phone is refused the same way
        mine = create_client(other, ClientDraft(name="王芳", phone="13912345678"))
        with pytest.raises(DuplicateClient) as info:
            update_client(other, mine.id, {"phone": "13812345678"})
        assert info.value.existing_client_id is None
    finally:
        other.close()


def test_update_audits_field_names_and_pseudonyms_only(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678", notes="喜欢高层"))
    updated = update_client(
        agent, client.id, {"phone": "13987654321", "intention_level": "A", "notes": "改为低层"}
    )
    assert updated.phone == "139****4321" and updated.choices["intention_level"] == "A"  # masked on return
    assert stored(agent, client.id).values.phone_e164 == "+8613987654321"
    [(_, target, _, details)] = entries(agent, "client.update")
    assert target == str(client.id)
    assert '"phone_e164"' in details and '"intention_level"' in details and '"notes"' in details
    assert "hmac:" in details
    text = audit_text(agent)
    for secret in ("张伟", "13812345678", "13987654321", "喜欢高层", "改为低层"):
        assert secret not in text
    assert update_client(agent, client.id, {"notes": "改为低层"}) == updated  # nothing changed: no entry
    assert len(entries(agent, "client.update")) == 1


def test_update_rejects_unknown_fields(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    with pytest.raises(InvalidInput, match="assigned_agent_id"):
        update_client(agent, client.id, {"assigned_agent_id": 99})


def test_agent_cannot_update_another_agents_client(
    signed_in: SignIn, other_agent: Callable[[], AppContext]
) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    other = other_agent()
    try:
        with pytest.raises(NotYourClient):
            update_client(other, client.id, {"notes": "x"})
        denied = entries(other, "access.denied")
        assert denied[-1][:3] == ("lisi", str(client.id), "denied")
    finally:
        other.close()
    db = agent.db
    assert db.execute("SELECT notes FROM clients").fetchone()[0] == ""


@pytest.mark.parametrize("role", [Role.IT_ADMIN, Role.AUDITOR])
def test_it_admin_and_auditor_cannot_create_or_update(signed_in: SignIn, role: Role) -> None:
    client = create_client(signed_in(Role.AGENT), ClientDraft(name="张伟", phone="13812345678"))
    ctx = signed_in(role)
    with pytest.raises(PermissionDenied):
        create_client(ctx, ClientDraft(name="王芳", phone="13912345678"))
    with pytest.raises(PermissionDenied):
        update_client(ctx, client.id, {"notes": "x"})
    with pytest.raises(PermissionDenied):
        reassign_client(ctx, client.id, "lina")
    assert [row[1] for row in entries(ctx, "access.denied")][-3:] == [
        "client.edit",
        "client.edit",
        "client.reassign",
    ]


def test_manager_reassigns_and_agents_cannot(
    signed_in: SignIn, other_agent: Callable[[], AppContext]
) -> None:
    agent, manager = signed_in(Role.AGENT), signed_in(Role.MANAGER)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    with pytest.raises(PermissionDenied):
        reassign_client(agent, client.id, "lisi")
    moved = reassign_client(manager, client.id, "lisi")
    other = other_agent()
    try:
        other_session = other.session
        assert moved.assigned_agent_id == other_session.staff_id
        [(actor, target, outcome, _)] = entries(manager, "client.reassign")
        assert (actor, target, outcome) == ("lina", str(client.id), "success")
        with pytest.raises(NotYourClient):  # the former agent lost it
            update_client(agent, client.id, {"notes": "x"})
        assert update_client(other, client.id, {"notes": "x"}).notes == "x"
    finally:
        other.close()
    with pytest.raises(ReassignRefused):
        reassign_client(manager, client.id, "audit.chen")


def test_audit_never_holds_the_plaintext_name_phone_or_id(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(
        agent,
        ClientDraft(
            name="欧阳娜娜",
            phone="13812345678",
            stage="subscription",
            id_number=RESIDENT_ID,
            sensitive_consent=True,
            email="zhang.wei@example.cn",
        ),
        consent=signed_form(agent),
    )
    update_client(agent, client.id, {"id_number": "44030519851212002X", "name": "欧阳娜"})
    with pytest.raises(DuplicateClient):
        create_client(agent, ClientDraft(name="王芳", phone="13812345678"))
    text = audit_text(agent)
    for secret in ("欧阳娜娜", "欧阳娜", "13812345678", RESIDENT_ID, "44030519851212002X", "zhang.wei"):
        assert secret not in text
    assert {row[1] for row in entries(agent, "client.create")} >= {str(client.id)}


def test_an_audit_write_that_fails_leaves_no_client(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client = create_client(agent, ClientDraft(name="张伟", phone="13812345678"))
    db = agent.db
    db.execute(
        "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END"
    )
    with pytest.raises(sqlcipher3.Error):
        create_client(agent, ClientDraft(name="王芳", phone="13912345678"))
    with pytest.raises(sqlcipher3.Error):
        update_client(agent, client.id, {"notes": "不应保存"})
    assert client_count(agent) == 1
    assert db.execute("SELECT notes FROM clients").fetchone()[0] == ""
