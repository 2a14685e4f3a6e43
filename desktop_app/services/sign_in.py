"""Signing in and out, re-authenticating (idle unlock, sensitive actions), changing one's password.

Signing in = opening your key slot. A wrong password, a tampered slot and an unknown username give
the same message. Attempts count towards the lockout across processes (services/sign_in_attempts.py)
and failures are audited at the next successful sign-in. An agent's or manager's sign-in also opens
their copy of the client-data key, if a manager confirmed them (services/client_access.py).

A password change gives the slot a new key pair and then rotates the branch-database key (and, for a
holder, the client-data key), so an old copy of the slot file opened with the old password opens
nothing current.

A manager or IT administrator enrolled for two-factor sign-in also gives the code from their
authenticator (services/second_factor.py): after the slot opens, before the session exists.
"""

from __future__ import annotations

from desktop_app.domain.errors import AccountDisabled, PasswordRejected, WrongCredentials
from desktop_app.domain.password_rules import password_expired, require_acceptable
from desktop_app.domain.permissions import Action
from desktop_app.domain.roles import Role
from desktop_app.services import (
    client_access,
    hq_link,
    key_refresh,
    key_rotation,
    second_factor,
    sign_in_attempts,
)
from desktop_app.services.audit_integrity import check_audit_integrity
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.branch_settings import reconcile_branch_settings
from desktop_app.services.context import AppContext, common_passwords
from desktop_app.services.session import Session, SessionNotice
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_slots import device_secret, install_slot, kdf_params, new_password_slot
from desktop_app.store.client_keys import encode_pin
from desktop_app.store.database import DatabaseKeyChanged
from desktop_app.store.key_slot_changes import change_key_slots
from desktop_app.store.key_slots import (
    SlotOpenFailed,
    X25519PrivateKey,
    derive_kek,
    load_key_slots,
    open_slot,
)
from desktop_app.store.staff_repository import StaffRepository
from desktop_app.store.unlock import unlock


def _flush_pending_events(ctx: SignedIn) -> tuple[set[str], int]:
    """Write queued sign-in failures and lockouts to the audit log (inside the caller's transaction),
    after checking the state file against the sequence the database last saw."""
    return sign_in_attempts.flush_pending_events(ctx)


def sign_in(ctx: AppContext, username: str, password: str, *, totp_code: str | None = None) -> SignedIn:
    """Open the user's key slot and the database: the signed-in user. Raises bilingual errors;
    ``SecondFactorRequired`` when the member is enrolled for TOTP and ``totp_code`` is missing."""
    config = ctx.require_config()
    username = username.strip()
    slots = load_key_slots(ctx.paths.key_slots, config.branch_id)
    known = slots.password_slot(username) is not None
    admitted_at = ctx.clock()
    sign_in_attempts.admit(ctx, username, known=known)
    secret = device_secret(ctx)
    try:
        if not known:
            derive_kek(password, bytes(16), kdf_params(ctx), None)  # same cost as a real slot: no oracle
            raise SlotOpenFailed()
        unlocked = unlock(ctx.paths, config.branch_id, username, password, secret)
    except SlotOpenFailed:
        sign_in_attempts.failed(ctx, username, known=known)
        raise WrongCredentials() from None
    db = unlocked.database
    factor = second_factor.SignInFactor()
    try:
        staff = StaffRepository(db).get(username)
        if staff is not None and staff.active:
            factor = second_factor.check_at_sign_in(
                ctx,
                db,
                staff_id=staff.id,
                username=username,
                private=unlocked.private_key,
                code=totp_code,
                admitted_at=admitted_at,
            )
    except BaseException:
        db.close()
        raise
    if staff is None or not staff.active:
        db.close()
        raise AccountDisabled()
    now = ctx.clock()
    session = Session(
        staff_id=staff.id,
        username=staff.username,
        display_name=staff.display_name,
        role=staff.role,
        signed_in_at=now,
        last_auth_at=now,
        must_change_password=staff.must_change_password
        or password_expired(staff.password_changed_at, now, ctx.policy),
        db_key=unlocked.db_key,
        slot_private=unlocked.private_key,
        slot_kek=unlocked.kek,
        slot_pin=unlocked.pin,
    )
    me = SignedIn(ctx, db, session)
    key_refresh.install(me)
    try:
        with db.transaction():
            flushed, dropped = _flush_pending_events(me)
            record(me, "auth.sign_in", target_type="staff", target_id=username)
            second_factor.after_sign_in(me, factor)
        sign_in_attempts.succeeded(me, username, flushed, dropped)
        reconcile_branch_settings(me)  # the database's settings from here; an edited file is audited
        second_factor.flag_if_required(me)
        _upgrade_slot_if_weaker(me, password, secret)
        if slots.recovery_slot() is None:
            _report_missing_recovery_slot(me)
        client_access.open_at_sign_in(me)
        check_audit_integrity(me)  # rollback, lost witness, dropped triggers: recorded, user told
        hq_link.adopt_pending_keys(me)  # keys an enrolment left in branch.db move into clients.db
    except BaseException:
        me.close()
        raise
    return me


def _report_missing_recovery_slot(ctx: SignedIn) -> None:
    """The recovery slot was removed from keyslots.json: audited, and IT is told at sign-in."""
    session, db = ctx.session, ctx.db
    with db.transaction():
        record(
            ctx,
            "keys.recovery_slot_missing",
            target_type="keyslots",
            target_id="keyslots.json",
            outcome="failure",
        )
    session.notices.append(
        SessionNotice(
            "recovery_slot_missing",
            "警告：密钥槽文件中的恢复槽不见了（可能被删除或替换），恢复码已无法使用。请 IT 立即检查并从备份恢复 keyslots.json。",
            "Warning: the recovery slot is missing from the key-slot file (deleted or replaced), so the "
            "recovery code no longer works. IT should check at once and restore keyslots.json from a backup.",
        )
    )


def _upgrade_slot_if_weaker(ctx: SignedIn, password: str, secret: bytes | None) -> None:
    """Re-wrap the slot when IT raised the KDF cost (or the policy floor) since it was made."""
    config = ctx.config
    session, db = ctx.session, ctx.db
    slot = load_key_slots(ctx.paths.key_slots, config.branch_id).password_slot(session.username)
    target = kdf_params(ctx)
    if slot is None or slot.kdf_params.at_least(target):
        return
    # same key pair, stronger wrapping: the client-data grant sealed to it stays valid
    new_slot = new_password_slot(
        ctx, session.username, password, session.db_key, secret, session.slot_private
    )
    with change_key_slots(ctx.paths, config.branch_id) as change, db.transaction():
        install_slot(db, change, session.staff_id, new_slot)
        record(
            ctx,
            "keys.slot_upgraded",
            target_type="staff",
            target_id=session.username,
            details=target.as_dict(),
        )
        change.stage()


def sign_out(ctx: SignedIn) -> None:
    try:
        if ctx.open:
            with ctx.db.transaction():
                record(ctx, "auth.sign_out", target_type="staff", target_id=ctx.session.username)
        elif ctx.locked:
            sign_in_attempts.queue_sign_out(ctx)
    except DatabaseKeyChanged:
        pass  # this user's keys were revoked meanwhile (disabled or reset): nothing left to sign out of
    finally:
        ctx.close()


def lock(ctx: SignedIn) -> None:
    """Idle lock or "Lock now": close the database and drop the session's keys (as KeePassXC does).
    Not audited: the audit log is in the database being closed; the unlock is audited."""
    ctx.lock()


def unlock_session(ctx: SignedIn, password: str) -> None:
    """Unlock a locked session: derive the keys again from the password and reopen the database.
    Counts failures like a sign-in; they are audited at the next unlock or sign-in."""
    if not ctx.locked:
        verify_password(ctx, password)
        return
    context, session = ctx.context, ctx.session
    config = context.require_config()
    action = "auth.reauthenticate"
    sign_in_attempts.admit(ctx, session.username, known=True, action=action)
    try:
        unlocked = unlock(context.paths, config.branch_id, session.username, password, device_secret(context))
    except SlotOpenFailed:
        sign_in_attempts.failed(ctx, session.username, known=True, action=action)
        raise WrongCredentials() from None
    db = unlocked.database
    try:
        staff = StaffRepository(db).get_by_id(session.staff_id)
    except BaseException:
        db.close()
        raise
    if staff is None or not staff.active or staff.role is not session.role:
        db.close()
        raise AccountDisabled()
    session.db_key, session.slot_private = unlocked.db_key, unlocked.private_key
    session.slot_kek, session.slot_pin = unlocked.kek, unlocked.pin
    session.last_auth_at = context.clock()
    ctx.unlocked(db)
    key_refresh.install(ctx)
    try:
        with db.transaction():
            flushed, dropped = _flush_pending_events(ctx)
            record(ctx, action, target_type="staff", target_id=session.username)
        sign_in_attempts.succeeded(ctx, session.username, flushed, dropped)
        client_access.open_at_sign_in(ctx)
    except BaseException:
        ctx.lock()
        raise


def verify_password(ctx: SignedIn, password: str) -> None:
    """Re-authenticate the signed-in user (idle unlock, before sensitive actions). Counts failures."""
    config = ctx.config
    session, db = ctx.session, ctx.db
    action = "auth.reauthenticate"
    try:
        sign_in_attempts.admit(ctx, session.username, known=True, action=action, queue_events=False)
    except Exception:
        with db.transaction():
            record(ctx, action, target_type="staff", target_id=session.username, outcome="denied")
        raise
    slot = load_key_slots(ctx.paths.key_slots, config.branch_id).password_slot(session.username)
    try:
        if slot is None:
            raise SlotOpenFailed()
        open_slot(slot, branch_id=config.branch_id, secret=password, device_secret=device_secret(ctx))
    except SlotOpenFailed:
        with db.transaction():
            record(ctx, action, target_type="staff", target_id=session.username, outcome="failure")
        sign_in_attempts.failed(ctx, session.username, known=True, action=action, queue_events=False)
        raise WrongCredentials() from None
    session.last_auth_at = ctx.clock()
    with db.transaction():
        record(ctx, action, target_type="staff", target_id=session.username)
    sign_in_attempts.succeeded(ctx, session.username)


def needs_reauthentication(ctx: SignedIn) -> bool:
    session = ctx.session
    return ctx.clock() - session.last_auth_at > ctx.policy.reauth_minutes * 60


def change_password(ctx: SignedIn, old_password: str, new_password: str) -> None:
    """Check the old password and the rules, then re-wrap the user's slot under the new one."""
    config = ctx.config
    check_permission(ctx, Action.OWN_PASSWORD_CHANGE)
    session, db = ctx.session, ctx.db
    verify_password(ctx, old_password)
    require_acceptable(new_password, session.username, ctx.policy, common_passwords())
    if new_password == old_password:
        raise PasswordRejected(["新密码不能与旧密码相同"], ["the new password must differ from the old one"])
    new_private = X25519PrivateKey.generate()
    pin = encode_pin(session.client_epoch, session.client_key) if session.holds_client_key else b""
    new_slot = new_password_slot(
        ctx, session.username, new_password, session.db_key, device_secret(ctx), new_private, pin=pin
    )
    now = ctx.clock()
    with change_key_slots(ctx.paths, config.branch_id) as change, db.transaction():
        install_slot(db, change, session.staff_id, new_slot)
        StaffRepository(db).set_password_state(session.staff_id, must_change=False, changed_at=now)
        client_access.regrant_self(ctx, new_private)
        second_factor.reseal_in_transaction(ctx, new_private)
        record(ctx, "auth.password_changed", target_type="staff", target_id=session.username)
        change.stage()
    session.must_change_password = False
    session.last_auth_at = now
    session.slot_pin, session.slot_kek = pin, b""  # the new slot's KEK is not kept: pinned at next sign-in
    client_access.after_slot_changed(ctx, new_private)
    # An old copy of the slot file with the old password must not open the current keys.
    if session.holds_client_key:
        client_access.rotate_client_key(ctx, reason="password_changed")
    key_rotation.rotate_database_key_now(ctx, reason="password_changed")


def role_of(ctx: SignedIn) -> Role:
    session = ctx.session
    return session.role
