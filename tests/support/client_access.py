"""Giving a test branch's agents and managers the client-data key the way a branch does it: the first
manager creates the key (and gets the client-data recovery code), each other member signs in
pending, reads their confirmation code, and the manager types it (services/client_access.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from desktop_app.services.client_access import confirm_member, set_up_client_key
from desktop_app.services.context import AppContext
from desktop_app.services.sign_in import sign_in, sign_out
from tests.support.contexts import context_of


def grant_client_access(
    new_context: Callable[[], AppContext],
    manager: tuple[str, str],
    members: Iterable[tuple[str, str]] = (),
) -> str:
    """Set up the client-data key as ``manager`` and confirm ``members``; returns the recovery code."""
    ctx = new_context()
    ctx = sign_in(context_of(ctx), *manager)
    try:
        code = set_up_client_key(ctx)
    finally:
        sign_out(ctx)
    for username, password in members:
        confirm(new_context, manager, (username, password))
    return code


def confirmation_code_of(new_context: Callable[[], AppContext], member: tuple[str, str]) -> str:
    """The code ``member``'s screen shows after they set a new password: computed here from their
    slot's public key, which is what the app does (the password change itself is tested in
    tests/attack and tests/cli/test_access.py; fixtures skip it to keep the member's password)."""
    from desktop_app.domain.confirmation_code import confirmation_code
    from desktop_app.store.key_slots import load_key_slots

    ctx = new_context()
    slot = load_key_slots(ctx.paths.key_slots, ctx.require_config().branch_id).password_slot(member[0])
    assert slot is not None
    return confirmation_code(slot.public_key)


def confirm(new_context: Callable[[], AppContext], manager: tuple[str, str], member: tuple[str, str]) -> None:
    code = confirmation_code_of(new_context, member)
    ctx = new_context()
    ctx = sign_in(context_of(ctx), *manager)
    try:
        confirm_member(ctx, member[0], code)
    finally:
        sign_out(ctx)


def add_confirmed_staff(
    branch: object, credentials: tuple[str, str], display_name: str, role: object = None
) -> None:
    """IT adds a member with a password of their own choosing, and the branch's manager confirms
    them (what a new agent goes through before their first client)."""
    from desktop_app.domain.roles import Role
    from desktop_app.services.staff_accounts import add_staff

    users = branch.users  # type: ignore[attr-defined]
    new_context = branch.context  # type: ignore[attr-defined]
    ctx = new_context()
    ctx = sign_in(context_of(ctx), *users[Role.IT_ADMIN])
    try:
        add_staff(
            ctx, credentials[0], display_name, role or Role.AGENT, password=credentials[1], must_change=False
        )
    finally:
        sign_out(ctx)
    confirm(new_context, users[Role.MANAGER], credentials)
