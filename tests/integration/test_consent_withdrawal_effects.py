"""Side effects of withdrawing the sensitive-data consent that must not happen: the ID number a buyer
keeps only for the anti-money-laundering hold is no longer found by an ID search, and erasing the
withdrawn data is not "activity" that restarts the retention period."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_consents import withdraw_consent
from desktop_app.services.client_directory import get_client
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_search import search_clients
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from tests.conftest import Clock
from tests.consent_support import signed_form

SignIn = Callable[[Role], SignedIn]
RESIDENT_ID = "110105199003071239"


def _buyer(agent: SignedIn) -> int:
    draft = ClientDraft(
        name="欧阳娜娜",
        phone="13812345678",
        stage="subscription",
        id_number=RESIDENT_ID,
        income_band="30_50",
        sensitive_consent=True,
    )
    return create_client(agent, draft, consent=signed_form(agent)).id


def test_a_kept_id_number_is_not_found_by_an_id_search(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = _buyer(agent)
    assert [s.id for s in search_clients(agent, RESIDENT_ID)] == [client_id]

    withdraw_consent(agent, client_id, "sensitive_data")

    db = agent.db
    kept = ClientRepository(db).get(client_id)
    assert kept is not None and kept.values.id_number == RESIDENT_ID  # kept for the legal hold
    assert search_clients(agent, RESIDENT_ID) == []
    assert [s.id for s in search_clients(agent, "欧阳娜娜")] == [client_id]  # the client is still there


def test_erasing_withdrawn_data_does_not_restart_the_retention_period(
    signed_in: SignIn, clock: Clock
) -> None:
    agent = signed_in(Role.AGENT)
    client_id = _buyer(agent)
    db = agent.db
    before = ClientRepository(db).get(client_id)
    assert before is not None

    clock.advance(30 * 86_400)
    withdraw_consent(agent, client_id, "sensitive_data")

    after = ClientRepository(db).get(client_id)
    assert after is not None and after.values.income_band is None  # erased now
    assert after.updated_at == before.updated_at


def test_the_detail_view_no_longer_shows_a_kept_id_number_even_masked(signed_in: SignIn) -> None:
    agent = signed_in(Role.AGENT)
    client_id = _buyer(agent)
    assert get_client(agent, client_id).id_number.endswith("1239")

    withdraw_consent(agent, client_id, "sensitive_data")

    shown = get_client(agent, client_id)
    assert shown.id_number == "" and shown.id_number_held and "1239" not in repr(shown)
