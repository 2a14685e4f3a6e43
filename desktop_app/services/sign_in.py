"""Signing in and out, re-authenticating (idle unlock, sensitive actions), changing one's password.

Signing in = opening your key slot. A wrong password, a tampered slot and an unknown username give
the same message. Failures count towards the lockout across processes and are audited at the next
successful sign-in.
"""

from __future__ import annotations

import uuid

from desktop_app.domain.errors import AccountDisabled, AccountLocked, PasswordRejected, WrongCredentials
from desktop_app.domain.lockout_rules import LockoutState, after_failure, after_success
from desktop_app.domain.password_rules import password_expired, require_acceptable
from desktop_app.domain.permissions import Action
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import check_permission, ensure_pseudonym_key, record
from desktop_app.services.context import AppContext, common_passwords
from desktop_app.services.session import Session
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.data_dir import DataPaths
from desktop_app.store.key_slots import (
    KIND_PASSWORD,
    SlotOpenFailed,
    derive_kek,
    load_key_slots,
    make_slot,
    open_slot,
)
from desktop_app.store.signin_state import SignInState, SignInStateStore
from desktop_app.store.staff_repository import StaffRepository
from desktop_app.store.unlock import unlock


def _state_store(paths: DataPaths) -> SignInStateStore:
    return SignInStateStore(paths.lockout)


def _device_secret(ctx: AppContext) -> bytes | None:
    config = ctx.require_config()
    return ctx.secrets.get(config.branch_id) if config.use_keyring else None


def _register_failure(ctx: AppContext, username: str, known: bool) -> None:
    now = ctx.clock()
    policy = ctx.policy

    def change(state: SignInState) -> int:
        current = state.accounts.get(username) if known else None
        new_state, locked = after_failure(current or LockoutState(), now, policy)
        if known:
            state.accounts[username] = new_state
        state.pending_events.append(
            {
                "id": uuid.uuid4().hex,
                "ts": now,
                "action": "auth.sign_in",
                "username": username if known else "",
                "outcome": "failure",
            }
        )
        if locked and known:  # an unknown name never locks: no lockout entry under a mistyped name
            state.pending_events.append(
                {
                    "id": uuid.uuid4().hex,
                    "ts": now,
                    "action": "auth.lockout",
                    "username": username,
                    "outcome": "failure",
                }
            )
            return new_state.minutes_left(now)
        return 0

    minutes = _state_store(ctx.paths).update(change)
    if minutes:
        raise AccountLocked(minutes)


def check_not_locked(ctx: AppContext, username: str) -> None:
    state = _state_store(ctx.paths).read().accounts.get(username)
    if state is not None:
        minutes = state.minutes_left(ctx.clock())
        if minutes:
            raise AccountLocked(minutes)


def _flush_pending_events(ctx: AppContext) -> list[str]:
    """Write queued sign-in failures and lockouts to the audit log (inside the caller's transaction)."""
    _, db = ctx.require_session()
    events = _state_store(ctx.paths).read().pending_events
    repo = AuditRepository(db)
    for event in events:
        repo.append(
            now=float(event["ts"]),
            actor_id=None,
            actor_username=str(event.get("username") or "(unknown)"),
            actor_role="",
            action=str(event["action"]),
            target_type="staff",
            target_id=str(event.get("username") or ""),
            outcome=str(event["outcome"]),
            details={"recorded_late": True},
        )
    return [str(event["id"]) for event in events]


def sign_in(ctx: AppContext, username: str, password: str) -> Session:
    """Open the user's key slot and the database; set ``ctx.session``. Raises bilingual errors."""
    config = ctx.require_config()
    username = username.strip()
    check_not_locked(ctx, username)
    device_secret = _device_secret(ctx)
    slots = load_key_slots(ctx.paths.key_slots, config.branch_id)
    known = slots.password_slot(username) is not None
    try:
        if not known:
            derive_kek(password, bytes(16), config.kdf, None)  # same cost as a real slot: no username oracle
            raise SlotOpenFailed()
        unlocked = unlock(ctx.paths, config.branch_id, username, password, device_secret)
    except SlotOpenFailed:
        _register_failure(ctx, username, known)
        raise WrongCredentials() from None
    db = unlocked.database
    try:
        staff = StaffRepository(db).get(username)
    except BaseException:
        db.close()
        raise
    if staff is None or not staff.active:
        db.close()
        raise AccountDisabled()
    now = ctx.clock()
    ctx.db = db
    ctx.session = Session(
        staff_id=staff.id,
        username=staff.username,
        display_name=staff.display_name,
        role=staff.role,
        signed_in_at=now,
        last_auth_at=now,
        must_change_password=staff.must_change_password
        or password_expired(staff.password_changed_at, now, ctx.policy),
        db_key=unlocked.db_key,
    )
    ensure_pseudonym_key(ctx)
    with db.transaction():
        flushed = _flush_pending_events(ctx)
        record(ctx, "auth.sign_in", target_type="staff", target_id=username)
    flushed_ids = set(flushed)

    def clear(state: SignInState) -> None:
        state.accounts[username] = after_success()
        state.pending_events = [e for e in state.pending_events if e.get("id") not in flushed_ids]

    _state_store(ctx.paths).update(clear)
    _upgrade_slot_if_weaker(ctx, username, password, device_secret)
    return ctx.session


def _upgrade_slot_if_weaker(
    ctx: AppContext, username: str, password: str, device_secret: bytes | None
) -> None:
    """Re-wrap the slot when IT raised the KDF cost since it was made."""
    config = ctx.require_config()
    session, db = ctx.require_session()
    slots = load_key_slots(ctx.paths.key_slots, config.branch_id)
    slot = slots.password_slot(username)
    if slot is None or slot.kdf_params.at_least(config.kdf):
        return
    slots.put(
        make_slot(
            branch_id=config.branch_id,
            name=username,
            kind=KIND_PASSWORD,
            secret=password,
            db_key=session.db_key,
            kdf=config.kdf,
            device_secret=device_secret,
        )
    )
    with db.transaction():
        record(
            ctx, "keys.slot_upgraded", target_type="staff", target_id=username, details=config.kdf.as_dict()
        )
        slots.save(ctx.paths.key_slots)


def sign_out(ctx: AppContext) -> None:
    if ctx.session is not None and ctx.db is not None:
        with ctx.db.transaction():
            record(ctx, "auth.sign_out", target_type="staff", target_id=ctx.session.username)
    ctx.close()


def verify_password(ctx: AppContext, password: str) -> None:
    """Re-authenticate the signed-in user (idle unlock, before sensitive actions). Counts failures."""
    config = ctx.require_config()
    session, db = ctx.require_session()
    check_not_locked(ctx, session.username)
    slots = load_key_slots(ctx.paths.key_slots, config.branch_id)
    slot = slots.password_slot(session.username)
    try:
        if slot is None:
            raise SlotOpenFailed()
        open_slot(slot, branch_id=config.branch_id, secret=password, device_secret=_device_secret(ctx))
    except SlotOpenFailed:
        with db.transaction():
            record(
                ctx, "auth.reauthenticate", target_type="staff", target_id=session.username, outcome="failure"
            )
        _register_failure(ctx, session.username, known=True)
        raise WrongCredentials() from None
    session.last_auth_at = ctx.clock()
    with db.transaction():
        record(ctx, "auth.reauthenticate", target_type="staff", target_id=session.username)
    _state_store(ctx.paths).update(lambda state: state.accounts.pop(session.username, None))


def needs_reauthentication(ctx: AppContext) -> bool:
    session, _ = ctx.require_session()
    return ctx.clock() - session.last_auth_at > ctx.policy.reauth_minutes * 60


def change_password(ctx: AppContext, old_password: str, new_password: str) -> None:
    """Check the old password and the rules, then re-wrap the user's slot under the new one."""
    config = ctx.require_config()
    check_permission(ctx, Action.OWN_PASSWORD_CHANGE)
    session, db = ctx.require_session()
    verify_password(ctx, old_password)
    require_acceptable(new_password, session.username, ctx.policy, common_passwords())
    if new_password == old_password:
        raise PasswordRejected(["新密码不能与旧密码相同"], ["the new password must differ from the old one"])
    slots = load_key_slots(ctx.paths.key_slots, config.branch_id)
    slots.put(
        make_slot(
            branch_id=config.branch_id,
            name=session.username,
            kind=KIND_PASSWORD,
            secret=new_password,
            db_key=session.db_key,
            kdf=config.kdf,
            device_secret=_device_secret(ctx),
        )
    )
    now = ctx.clock()
    with db.transaction():
        StaffRepository(db).set_password_state(session.staff_id, must_change=False, changed_at=now)
        record(ctx, "auth.password_changed", target_type="staff", target_id=session.username)
        slots.save(ctx.paths.key_slots)
    session.must_change_password = False
    session.last_auth_at = now


def role_of(ctx: AppContext) -> Role:
    session, _ = ctx.require_session()
    return session.role
