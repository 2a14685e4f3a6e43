"""Attacks on ``signin-state.json`` by someone who can write the data folder (issue 10, section 2).

Each test does what a local administrator could do with a text editor or the json module: forge a
queued audit event, delete, corrupt or roll back the file, probe usernames through the lockout, set
the clock back. Each failed on the code before issue 10 (forged events went into the hash chain as
genuine and ``audit verify`` said intact; deleting the file lifted a lockout; unknown names never
locked; a lock set before the clock went back lasted a day) and passes now.
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.errors import AccountLocked, BranchVaultError, WrongCredentials
from desktop_app.domain.roles import Role
from desktop_app.services import audit_review
from desktop_app.services.branch_setup import BranchDetails, init_branch
from desktop_app.services.context import build_context
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from tests.conftest import ADMIN, FAST_KDF, Branch, Clock

WRONG = "Wrong!Password#1"
LOCKOUT_SECONDS = 15 * 60


def sign_in_eventually(branch: Branch, clock: Clock, username: str, password: str) -> SignedIn:
    """Sign in; if the branch failed closed, wait out the lockout once (as staff would) and retry."""
    try:
        ctx = sign_in(branch.context(), username, password)
        return ctx
    except AccountLocked:
        clock.advance(LOCKOUT_SECONDS)
    ctx = sign_in(branch.context(), username, password)
    return ctx


def audit_entries(ctx: SignedIn) -> list[Any]:
    assert ctx.db is not None
    return list(AuditRepository(ctx.db).iter_all())


def no_keyring_branch(tmp_path: Path, clock: Clock) -> SignedIn:
    ctx = build_context(tmp_path / "branch", clock=clock)
    ctx = init_branch(
        ctx,
        BranchDetails("SZ009", "无密钥环店"),
        admin_username=ADMIN[0],
        admin_display_name="IT",
        admin_password=ADMIN[1],
        use_keyring=False,
        kdf=FAST_KDF,
    ).signed_in
    sign_out(ctx)
    return ctx


def lock(branch: Branch, username: str) -> None:
    for _ in range(4):
        with pytest.raises(WrongCredentials):
            sign_in(branch.context(), username, WRONG)
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), username, WRONG)


def test_a_forged_event_never_enters_the_chain_as_genuine_and_the_forgery_is_audited(
    branch: Branch, clock: Clock
) -> None:
    path = branch.ctx.paths.lockout
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
    else:
        data = {"accounts": {}, "pending_events": [], "dropped_events": 0}
    forged_ts = clock() - 90 * 86400  # "three months ago"
    data["pending_events"].append(
        {
            "id": uuid.uuid4().hex,
            "ts": forged_ts,
            "action": "staff.password_reset",
            "username": "lina",
            "outcome": "success",
            "target_type": "staff",
            "target_id": "zhangwei",
            "details": {"by": "lina"},
        }
    )
    path.write_text(json.dumps(data), encoding="utf-8")

    admin = sign_in_eventually(branch, clock, *ADMIN)
    entries = audit_entries(admin)
    assert not [e for e in entries if e.action == "staff.password_reset"]
    # lina's own entries (her sign-ins, the client-data key set-up) are genuine; none came from the file
    assert not [e for e in entries if e.actor_username == "lina" and e.details.get("recorded_late")]
    tampered = [e for e in entries if e.action == "signin_state.tampered"]
    assert len(tampered) == 1 and tampered[0].outcome == "failure"
    assert tampered[0].details["reason"] == "mac_mismatch"
    assert tampered[0].details["rejected_events"] == 1
    kept = tampered[0].details["kept_aside_as"]
    assert kept and (path.parent / kept).exists()  # kept aside for IT, not deleted
    assert audit_review.verify(admin).ok
    sign_out(admin)


def test_deleting_the_file_during_a_lockout_does_not_lift_it_and_is_audited(
    branch: Branch, clock: Clock
) -> None:
    lock(branch, "lina")
    branch.ctx.paths.lockout.unlink()
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), *branch.users[Role.MANAGER])
    clock.advance(LOCKOUT_SECONDS)
    admin = sign_in(branch.context(), *ADMIN)
    missing = [e for e in audit_entries(admin) if e.action == "signin_state.missing"]
    assert missing and missing[0].outcome == "failure"
    sign_out(admin)


def test_a_corrupted_file_fails_closed_and_is_audited(branch: Branch, clock: Clock) -> None:
    path = branch.ctx.paths.lockout
    path.write_bytes(b'{"accounts": {"lina": {"failures": 0, "locked_until": 0}}, "pend\x00\xff')
    with pytest.raises(AccountLocked):  # never read as an empty state
        sign_in(branch.context(), *ADMIN)
    with pytest.raises(AccountLocked):  # every account, known or not, for the lockout period
        sign_in(branch.context(), "ghost.user", WRONG)
    clock.advance(LOCKOUT_SECONDS)
    admin = sign_in(branch.context(), *ADMIN)
    tampered = [e for e in audit_entries(admin) if e.action == "signin_state.tampered"]
    assert [e.details["reason"] for e in tampered] == ["unreadable"]
    assert (path.parent / tampered[0].details["kept_aside_as"]).read_bytes().endswith(b"\x00\xff")
    sign_out(admin)


def test_rolling_the_file_back_to_an_older_copy_keeps_the_lock_and_is_audited(
    branch: Branch, clock: Clock, tmp_path: Path
) -> None:
    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])
    sign_out(ctx)
    old_copy = tmp_path / "old-signin-state.json"
    shutil.copyfile(branch.ctx.paths.lockout, old_copy)
    lock(branch, "lina")
    shutil.copyfile(old_copy, branch.ctx.paths.lockout)  # lina had no failures then
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), *branch.users[Role.MANAGER])
    clock.advance(LOCKOUT_SECONDS)
    admin = sign_in(branch.context(), *ADMIN)
    rolled = [e for e in audit_entries(admin) if e.action == "signin_state.rolled_back"]
    assert rolled and rolled[0].outcome == "failure"
    sign_out(admin)


def test_rolling_back_past_the_last_sign_in_is_recorded_by_the_database_without_a_keyring(
    tmp_path: Path, clock: Clock
) -> None:
    """``--no-keyring``: nothing outside the data folder; the database's last-seen sequence notices."""
    ctx = no_keyring_branch(tmp_path, clock)
    path = ctx.paths.lockout
    old_copy = tmp_path / "old.json"
    with pytest.raises(WrongCredentials):
        sign_in(build_context(ctx.paths.root, clock=clock), ADMIN[0], WRONG)
    shutil.copyfile(path, old_copy)
    first = sign_in(
        build_context(ctx.paths.root, clock=clock), *ADMIN
    )  # the database now remembers a later sequence
    sign_out(first)
    shutil.copyfile(old_copy, path)
    second = sign_in(build_context(ctx.paths.root, clock=clock), *ADMIN)
    entries = audit_entries(second)
    assert [e.action for e in entries if e.action.startswith("signin_state.")] == ["signin_state.rolled_back"]
    late = [e for e in entries if e.details.get("recorded_late")]
    assert late and all(e.details.get("verifiable") is False for e in late)
    sign_out(second)


def test_without_a_keyring_a_forged_event_is_written_only_as_unverifiable(
    tmp_path: Path, clock: Clock
) -> None:
    ctx = no_keyring_branch(tmp_path, clock)
    path = ctx.paths.lockout
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"pending_events": []}
    data["pending_events"].append(
        {"id": uuid.uuid4().hex, "ts": clock() - 86400, "action": "auth.sign_in", "username": "lina"}
    )
    path.write_text(json.dumps(data), encoding="utf-8")
    admin = sign_in(build_context(ctx.paths.root, clock=clock), *ADMIN)
    late = [e for e in audit_entries(admin) if e.details.get("recorded_late")]
    assert late and all(e.details.get("verifiable") is False for e in late)
    sign_out(admin)


def test_an_unknown_username_locks_after_the_same_failures_with_the_same_message(branch: Branch) -> None:
    def attempts(username: str) -> list[tuple[str, str, str]]:
        seen = []
        for _ in range(7):
            try:
                sign_in(branch.context(), username, WRONG)
            except BranchVaultError as error:
                seen.append((type(error).__name__, error.zh, error.en))
        return seen

    known, unknown = attempts("lina"), attempts("ghost.user")
    assert known == unknown
    assert [name for name, _, _ in unknown] == ["WrongCredentials"] * 4 + ["AccountLocked"] * 3
    assert "ghost.user" not in branch.ctx.paths.lockout.read_text(encoding="utf-8")


def test_a_lock_never_outlasts_the_policy_after_the_clock_is_set_back(branch: Branch, clock: Clock) -> None:
    clock.advance(86400)  # the PC's clock ran a day fast when the account locked
    lock(branch, "lina")
    clock.advance(-86400)  # then it was corrected
    with pytest.raises(AccountLocked) as info:
        sign_in(branch.context(), *branch.users[Role.MANAGER])
    assert info.value.minutes_left <= 15
    clock.advance(LOCKOUT_SECONDS)
    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])
    sign_out(ctx)
