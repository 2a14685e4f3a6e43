"""The client list, search results and detail page mask each phone from its stored E.164 form and
kind: phonenumbers never parses a stored number again (it used to, for every row of every page)."""

from __future__ import annotations

from collections.abc import Callable

import phonenumbers
import pytest

from desktop_app.domain.client_record import ClientDraft
from desktop_app.domain.roles import Role
from desktop_app.services.client_directory import get_client, list_clients
from desktop_app.services.client_intake import create_client
from desktop_app.services.client_search import search_clients
from desktop_app.services.context import AppContext

SignIn = Callable[[Role], AppContext]
CLIENTS = (
    ("张伟", "13812345678", "138****5678"),
    ("张芳", "010-62581234", "010-******34"),
    ("张敏", "0755-26581234", "0755-******34"),
    ("张强", "+852 9123 4567", "+852 ****4567"),
    ("张静", "+1 415 555 2671", "+1 ******2671"),
)


class ParsedAgain(AssertionError):
    pass


def test_listing_searching_and_opening_never_parse_a_stored_phone(
    signed_in: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    agent = signed_in(Role.AGENT)
    ids = {
        create_client(agent, ClientDraft(name=name, phone=phone)).id: masked
        for name, phone, masked in CLIENTS
    }

    def refuse(*_args: object, **_kwargs: object) -> phonenumbers.PhoneNumber:
        raise ParsedAgain("a stored phone number was parsed again")

    monkeypatch.setattr(phonenumbers, "parse", refuse)
    listed = {row.id: row.phone for row in list_clients(agent, sort="name")}
    found = {row.id: row.phone for row in search_clients(agent, "张")}
    opened = {client_id: get_client(agent, client_id).phone for client_id in ids}
    assert listed == found == opened == ids
