"""Attempt counting across processes: attempts are counted when admitted (before the slow KDF), a
lock is never lifted by a late failure, refusals and wrong recovery codes reach the audit log, and a
hand-edited state file cannot stop sign-in."""

from __future__ import annotations

import json

import pytest

from desktop_app.domain import lockout_rules
from desktop_app.domain.errors import AccountLocked
from desktop_app.domain.lockout_rules import LockoutState, after_failure
from desktop_app.domain.roles import Role
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.services import sign_in_attempts
from desktop_app.services.key_rotation import RecoveryFailed, recover_access
from desktop_app.services.sign_in import sign_in, sign_out
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.meta_repository import SIGNIN_STATE_SEQ
from desktop_app.store.signin_witness import SequenceWitness
from tests.conftest import ADMIN, USERS, Branch

WRONG_CODE = "22222-33333-44444-55555-66666"


def test_a_failure_during_a_lock_keeps_the_lock() -> None:
    locked = LockoutState(failures=0, locked_until=1_500.0)  # within the 15-minute policy
    state, newly_locked = after_failure(locked, 1_000.0, SecurityPolicy())
    assert state == locked and not newly_locked


def test_parallel_attempts_are_counted_before_their_kdf_finishes(branch: Branch) -> None:
    """Five attempts admitted at once (their KDFs still running) use up the allowance."""
    ctx = branch.context()
    for _ in range(ctx.policy.lockout_attempts):
        sign_in_attempts.admit(ctx, ADMIN[0], known=True)
    with pytest.raises(AccountLocked) as caught:
        sign_in_attempts.admit(ctx, ADMIN[0], known=True)
    assert caught.value.minutes_left == 15
    with pytest.raises(AccountLocked):  # even the right password waits for the lock to end
        sign_in(branch.context(), *ADMIN)


def test_refusals_during_a_lock_and_wrong_recovery_codes_are_audited(branch: Branch) -> None:
    ctx = branch.context()
    for _ in range(ctx.policy.lockout_attempts):
        with pytest.raises(Exception):  # noqa: B017 - WrongCredentials, then AccountLocked on the last
            sign_in(branch.context(), ADMIN[0], "not-the-password")
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), ADMIN[0], "still-wrong")
    with pytest.raises(RecoveryFailed):
        recover_access(branch.context(), WRONG_CODE, ADMIN[0])

    branch.ctx.clock.advance(15 * 60 + 1)  # type: ignore[attr-defined]
    admin = sign_in(branch.context(), *ADMIN)
    assert admin.db is not None
    entries = [e for e in AuditRepository(admin.db).iter_all() if e.details.get("recorded_late")]
    summary = [(e.action, e.outcome) for e in entries]
    assert summary.count(("auth.sign_in", "failure")) == 5
    assert ("auth.lockout", "failure") in summary
    assert ("auth.sign_in", "denied") in summary
    assert ("keys.recovery_used", "failure") in summary
    sign_out(admin)


def test_a_malformed_pending_event_does_not_block_sign_in(branch: Branch) -> None:
    """A hand-edited state file fails closed (issue 10: every account locked for the lockout period,
    never read as empty) but does not block sign-in beyond it, and its entries never reach the log."""
    path = branch.ctx.paths.lockout
    path.write_text(json.dumps({"accounts": {}, "pending_events": [{"action": "auth.sign_in"}, "junk"]}))
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), *ADMIN)
    branch.ctx.clock.advance(15 * 60)  # type: ignore[attr-defined]
    ctx = sign_in(branch.context(), *ADMIN)
    session = ctx.session
    assert session.username == ADMIN[0]
    assert ctx.db is not None
    assert [e.action for e in AuditRepository(ctx.db).iter_all() if e.details.get("recorded_late")] == [
        "signin_state.tampered",
        "auth.sign_in",  # the refusal during the lock
    ]
    sign_out(ctx)


def test_random_names_cannot_grow_the_state_file_without_bound(
    branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lockout_rules, "MAX_UNLOCKED_ENTRIES", 30)  # 1000 in production
    ctx = branch.context()
    for i in range(40):
        sign_in_attempts.admit(ctx, f"random-{i}", known=False)
        branch.ctx.clock.advance(1)  # type: ignore[attr-defined]
    state = sign_in_attempts.read_state(ctx)
    assert len(state.accounts) == 30
    assert state.lockout("random-0").failures == 0  # the oldest went first
    assert state.lockout("random-39").failures == 1


def test_a_file_from_before_the_mac_is_taken_over_once_keeping_its_locks(branch: Branch) -> None:
    """Upgrading a branch: the old plain file (no MAC, names in clear) is taken over when neither the
    keyring nor the database has seen a sequence yet; its events are written as not verifiable."""
    admin = sign_in(branch.context(), *ADMIN)
    assert admin.db is not None
    with admin.db.transaction():
        admin.db.execute("DELETE FROM meta WHERE key = ?", (SIGNIN_STATE_SEQ,))
    admin.close()
    SequenceWitness(branch.ctx.require_config().branch_id).delete()
    now = branch.ctx.clock()
    old = {
        "accounts": {"lina": {"failures": 0, "locked_until": now + 600}},
        "pending_events": [{"id": "e1", "ts": now - 60, "action": "auth.sign_in", "username": "lina"}],
        "dropped_events": 0,
    }
    branch.ctx.paths.lockout.write_text(json.dumps(old), encoding="utf-8")
    with pytest.raises(AccountLocked) as locked:
        sign_in(branch.context(), *USERS[Role.MANAGER])
    assert locked.value.minutes_left == 10
    admin = sign_in(branch.context(), *ADMIN)
    assert admin.db is not None
    late = [e for e in AuditRepository(admin.db).iter_all() if e.details.get("recorded_late")]
    taken_over = [e for e in late if e.target_id == "lina" and e.ts < late[-1].ts]
    assert taken_over and all(e.details.get("verifiable") is False for e in taken_over)
    assert not [e for e in late if e.action.startswith("signin_state.")]
    sign_out(admin)


@pytest.mark.parametrize(
    "content",
    [b"[" * 100_000, b"\xff\xfe\x00", b"null", b'{"format": 2}', b'{"format": 2, "seq": NaN}'],
    ids=["deeply-nested", "not-utf8", "null", "fields-missing", "nan"],
)
def test_any_damaged_file_fails_closed_without_a_traceback(branch: Branch, content: bytes) -> None:
    branch.ctx.paths.lockout.write_bytes(content)
    with pytest.raises(AccountLocked):
        sign_in(branch.context(), *ADMIN)
    branch.ctx.clock.advance(15 * 60)  # type: ignore[attr-defined]
    ctx = sign_in(branch.context(), *ADMIN)
    assert ctx.db is not None
    assert [e.action for e in AuditRepository(ctx.db).iter_all()].count("signin_state.tampered") == 1
    sign_out(ctx)
