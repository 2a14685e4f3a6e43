"""Fixtures for the integration tests: signing in, and making the keyring unusable.

``branch`` (a fast copy of a branch set up once per session) comes from tests/conftest.py, shared
by every test folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import keyring
import pytest
from keyring.backends import fail

from desktop_app.domain.roles import Role
from desktop_app.services.sign_in import sign_in
from desktop_app.services.signed_in import SignedIn
from tests.conftest import Branch


@pytest.fixture
def signed_in(branch: Branch) -> Iterator[Callable[[Role], SignedIn]]:
    """``signed_in(role)``: a fresh context signed in as that role's user; all are closed afterwards."""
    opened: list[SignedIn] = []

    def open_as(role: Role) -> SignedIn:
        username, password = branch.users[role]
        ctx = sign_in(branch.context(), username, password)
        opened.append(ctx)
        return ctx

    yield open_as
    for ctx in opened:
        ctx.close()


@pytest.fixture
def unusable_keyring() -> Iterator[None]:
    """Switch keyring to its ``fail`` backend (a headless PC without a keyring). Request it after ``branch``."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)
