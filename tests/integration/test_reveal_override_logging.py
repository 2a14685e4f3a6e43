"""The manager-override screen must not write a mistyped password into the audit log, nor tell an
unauthenticated caller which usernames exist; reveal reasons must not carry numbers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_app.domain.errors import InvalidInput, WrongCredentials
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.reveal_policy import validate_reason
from desktop_app.domain.roles import Role
from desktop_app.services.client_reveal import allow_bulk_reveals
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository


def _audit_text(ctx: SignedIn) -> str:
    db = ctx.db
    return "\n".join(repr(entry) for entry in AuditRepository(db).iter_all())


def test_a_password_typed_as_the_manager_name_is_not_logged(signed_in: Callable[[Role], SignedIn]) -> None:
    agent = signed_in(Role.AGENT)
    with pytest.raises(WrongCredentials):
        allow_bulk_reveals(agent, "Mgr!Branch#2026x", "lina", "zhangwei")  # fields swapped
    text = _audit_text(agent)
    assert "Mgr!Branch#2026x" not in text
    assert "(unknown)" in text


def test_unknown_target_is_told_only_after_the_manager_authenticates(
    signed_in: Callable[[Role], SignedIn],
) -> None:
    agent = signed_in(Role.AGENT)
    with pytest.raises(WrongCredentials):  # no authentication: nothing said about "ghost"
        allow_bulk_reveals(agent, "lina", "wrong-password", "ghost")
    with pytest.raises(InvalidInput):
        allow_bulk_reveals(agent, "lina", "Mgr!Branch#2026x", "ghost")


@pytest.mark.parametrize("text", ["客户 13812345678 来电核对", "核对证件 4403０５", "尾号5678核对"])
def test_reveal_reasons_with_numbers_are_refused(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_reason("other", text)
    assert caught.value.reason == "contains_number"
