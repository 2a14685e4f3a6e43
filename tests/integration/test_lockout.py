"""Lockout across contexts and processes: the counter lives in a file every process shares."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desktop_app.domain.errors import AccountLocked, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services import sign_in_attempts
from desktop_app.services.sign_in import sign_in
from tests.conftest import ROOT, Branch, Clock
from tests.support.contexts import context_of

WRONG = "Wrong!Password#1"

FAIL_ONCE_SCRIPT = r"""
import sys
from desktop_app.domain.errors import WrongCredentials
from desktop_app.services.context import build_context
from desktop_app.services import sign_in_attempts
from desktop_app.services.sign_in import sign_in
from tests.support.contexts import context_of
try:
    sign_in(build_context(sys.argv[1], clock=lambda: float(sys.argv[4])), sys.argv[2], sys.argv[3])
except WrongCredentials:
    sys.exit(3)
"""


def fail(branch: Branch, username: str, times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(WrongCredentials):
            sign_in(branch.context(), username, WRONG)


def test_five_failures_lock_for_15_minutes(branch: Branch, clock: Clock) -> None:
    fail(branch, "lina", 4)
    with pytest.raises(AccountLocked) as info:
        sign_in(branch.context(), "lina", WRONG)
    assert info.value.minutes_left == 15
    assert "15" in info.value.zh and "15 minutes" in info.value.en


def test_lock_survives_a_fresh_context_and_refuses_the_right_password(branch: Branch, clock: Clock) -> None:
    fail(branch, "lina", 4)
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), "lina", WRONG)
    fresh = branch.context()
    with pytest.raises(AccountLocked) as info:
        fresh = sign_in(context_of(fresh), *branch.users[Role.MANAGER])
    assert info.value.minutes_left == 15
    clock.advance(5 * 60 + 1)
    with pytest.raises(AccountLocked) as info:
        sign_in(branch.context(), *branch.users[Role.MANAGER])
    assert info.value.minutes_left == 10
    clock.advance(10 * 60 - 2)
    with pytest.raises(AccountLocked) as info:
        sign_in(branch.context(), *branch.users[Role.MANAGER])
    assert info.value.minutes_left == 1


def test_unlocked_after_15_minutes(branch: Branch, clock: Clock) -> None:
    fail(branch, "lina", 4)
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), "lina", WRONG)
    clock.advance(15 * 60)
    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])
    assert ctx.session is not None
    ctx.close()
    state = sign_in_attempts.read_state(branch.context())  # names are stored hashed
    assert state.account_key("lina") not in state.accounts


def test_after_expiry_the_count_starts_again(branch: Branch, clock: Clock) -> None:
    fail(branch, "lina", 4)
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), "lina", WRONG)
    clock.advance(15 * 60)
    fail(branch, "lina", 4)  # four more: not locked yet
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), "lina", WRONG)


def test_success_resets_the_count(branch: Branch) -> None:
    fail(branch, "lina", 4)
    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])
    ctx.close()
    fail(branch, "lina", 4)
    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])
    ctx.close()


def test_lockout_is_per_account(branch: Branch) -> None:
    fail(branch, "lina", 4)
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), "lina", WRONG)
    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    ctx.close()


def test_failures_in_other_processes_count(branch: Branch, clock: Clock) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(3):
        result = subprocess.run(
            [sys.executable, "-c", FAIL_ONCE_SCRIPT, str(branch.ctx.paths.root), "lina", WRONG, str(clock())],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 3, result.stderr
    fail(branch, "lina", 1)
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), "lina", WRONG)


def test_unknown_usernames_lock_like_known_ones_but_are_never_stored(branch: Branch) -> None:
    """Issue 10: an unknown name locks after the same number of failures (no username oracle), yet
    neither the name nor anything readable from it lands in the file or the queued events."""
    fail(branch, "ghost.user", 4)
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), "ghost.user", WRONG)
    state = sign_in_attempts.read_state(branch.context())
    assert "ghost.user" not in state.accounts
    assert "ghost.user" not in branch.ctx.paths.lockout.read_text(encoding="utf-8")
    assert all(event["username"] == "" for event in state.pending_events)


def test_an_unknown_name_locks_at_once_with_one_attempt_allowed_and_is_not_recorded(branch: Branch) -> None:
    """Regression: with lockout_attempts = 1 an unknown name queued an auth.lockout event carrying
    the typed name (perhaps a password typed into the wrong field). It now locks like a known name,
    and the typed text is stored nowhere."""
    policy_file = os.environ["BRANCHVAULT_POLICY"]
    with open(policy_file, "w", encoding="utf-8") as handle:
        handle.write("[security]\nlockout_attempts = 1\n")
    for _ in range(3):
        with pytest.raises(AccountLocked):
            sign_in(branch.context(), "Typed!Password#As_Name", WRONG)
    text = branch.ctx.paths.lockout.read_text(encoding="utf-8")
    assert "Typed!Password#As_Name" not in text
    events = json.loads(text)["pending_events"]
    assert [e["action"] for e in events] == ["auth.sign_in", "auth.lockout", "auth.sign_in", "auth.sign_in"]
    assert all(e["username"] == "" for e in events)
    with pytest.raises(AccountLocked):  # a known name locks at once
        sign_in(branch.context(), "lina", WRONG)


def test_reauthentication_failures_count_too(branch: Branch) -> None:
    from desktop_app.services.sign_in import verify_password

    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    for _ in range(4):
        with pytest.raises(WrongCredentials):
            verify_password(ctx, WRONG)
    with pytest.raises(AccountLocked):
        verify_password(ctx, WRONG)
    with pytest.raises(AccountLocked):
        verify_password(ctx, branch.users[Role.AGENT][1])
    ctx.close()
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), *branch.users[Role.AGENT])


def test_state_file_holds_no_passwords(branch: Branch) -> None:
    fail(branch, "lina", 3)
    text = branch.ctx.paths.lockout.read_text(encoding="utf-8")
    assert WRONG not in text and branch.users[Role.MANAGER][1] not in text
