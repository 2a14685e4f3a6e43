"""The context's policy is computed once (services/context.py): the machine policy files are read
when the configuration changes, not on every access; the signed-in object's ``today``/``now_utc``
are the branch's calendar day and the stored timestamp form."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from desktop_app.domain.roles import Role
from desktop_app.services import context as context_module
from desktop_app.services.branch_settings import change_settings
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.machine_policy import apply_machine_policy
from tests.conftest import Branch, Clock


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    reads: list[int] = []

    def counting(policy, path=None):  # type: ignore[no-untyped-def]
        reads.append(1)
        return apply_machine_policy(policy, path)

    monkeypatch.setattr(context_module, "apply_machine_policy", counting)
    return reads


def test_the_policy_is_read_once_per_configuration(branch: Branch, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _count_reads(monkeypatch)
    ctx = branch.context()
    first = ctx.policy
    for _ in range(20):
        assert ctx.policy == first
    assert len(reads) == 1
    ctx.config = dataclasses.replace(ctx.require_config(), security={"lockout_attempts": 3})
    assert ctx.policy.lockout_attempts == 3 and len(reads) == 2
    ctx.reload_config()  # the file again
    assert ctx.policy == first and len(reads) == 3


def test_a_settings_change_is_seen_at_once(
    signed_in: Callable[[Role], SignedIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    it = signed_in(Role.IT_ADMIN)
    assert it.policy.lockout_attempts == 5
    reads = _count_reads(monkeypatch)
    change_settings(it, security={"lockout_attempts": 4})
    assert it.policy.lockout_attempts == 4 and it.context.policy.lockout_attempts == 4
    count = len(reads)
    for _ in range(10):
        assert it.policy.lockout_attempts == 4
    assert len(reads) == count


def test_today_is_the_branch_day(signed_in: Callable[[Role], SignedIn], clock: Clock) -> None:
    me = signed_in(Role.AGENT)
    midnight_utc = clock.now - clock.now % 86_400
    clock.now = midnight_utc + 17 * 3600  # 17:00 UTC is 01:00 the next day in Beijing
    utc_day = datetime.fromtimestamp(clock.now, UTC).date()
    assert me.today() == me.context.today() == utc_day + timedelta(days=1)
    assert me.now_utc() == f"{utc_day.isoformat()}T17:00:00.000000Z"


def test_a_service_handed_the_bare_context_is_refused_as_not_signed_in(branch: Branch) -> None:
    """A page's job that outlives the sign-out reaches a service with the context (Shell.call falls
    back to it): the service refuses with the bilingual NotSignedIn, not an AttributeError."""
    from desktop_app.services.client_directory import count_clients
    from desktop_app.services.context import NotSignedIn

    with pytest.raises(NotSignedIn):
        count_clients(branch.context())  # type: ignore[arg-type]
