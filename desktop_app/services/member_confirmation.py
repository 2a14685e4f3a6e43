"""Confirming a member's access to client data (Bitwarden's "confirm member"): a manager who holds the
client-data key types the confirmation code the member reads from their own screen and seals the key
to that member's slot; a pending manager can instead use the client-data recovery code, which is then
replaced. Refusals and mismatched codes are audited (services/client_access.py)."""

from __future__ import annotations

import json

from desktop_app.domain.confirmation_code import confirmation_code, normalize_confirmation_code
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.permissions import Action
from desktop_app.domain.recovery_code import normalize_code
from desktop_app.domain.roles import Role
from desktop_app.domain.staff_member import StaffMember
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.client_key_grants import (
    CLIENT_ROLES,
    RECOVERY_ROLE,
    ClientAccessRefused,
    ClientKeyMismatch,
    PendingMember,
    WrongConfirmationCode,
    attach_client_data,
    branch_id_of,
    grant_is_valid,
    new_client_recovery_slot,
    new_grant,
    open_grant,
    private_of,
    record_holders,
    require_client_key,
    require_manager_with_own_password,
    roles_held,
    set_granted,
)
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_key_repository import (
    CURRENT,
    RECOVERY_SLOT,
    ClientKeyRepository,
)
from desktop_app.store.client_keys import (
    RECOVERY_HOLDER_ID,
)
from desktop_app.store.database import Database, WrongDatabaseKey
from desktop_app.store.key_slots import (
    KeySlot,
    SlotOpenFailed,
    load_key_slots,
    open_slot_keys,
    public_key_of,
)
from desktop_app.store.staff_repository import StaffRepository


def pending_members(ctx: SignedIn) -> list[PendingMember]:
    """Active agents and managers without a valid grant (managers see this list on sign-in)."""
    check_permission(ctx, Action.ACCESS_CONFIRM)
    db = ctx.db
    key = require_client_key(ctx)
    repo = ClientKeyRepository(db)
    grants = {g.holder_id: g for g in repo.grants(CURRENT)}
    pending: list[PendingMember] = []
    held_before = roles_held(ctx)
    for member in StaffRepository(db).list():
        if not member.active or member.role not in CLIENT_ROLES:
            continue
        grant = grants.get(member.id)
        if (
            grant is not None
            and grant_is_valid(key, grant)
            and grant.role == member.role.value
            and grant.public_key == member.slot_public_key
        ):
            continue
        # held the key before in another role: the role was changed in branch.db since (by IT, or tampering)
        earlier_role = held_before.get(str(member.id))
        pending.append(
            PendingMember(
                member.username,
                member.display_name,
                member.role,
                member.must_change_password,
                Role(earlier_role) if earlier_role and earlier_role != member.role.value else None,
            )
        )
    return pending


def confirm_member(ctx: SignedIn, username: str, code: str) -> None:
    """Seal the client-data key to ``username``'s slot after checking the code they read out."""
    check_permission(ctx, Action.ACCESS_CONFIRM)
    session, db = ctx.session, ctx.db
    key = require_client_key(ctx)
    try:
        typed = normalize_confirmation_code(code)
    except ValueError:
        raise InvalidInput(
            "确认码应为 20 位数字（5 位一组）。", "A confirmation code is 20 digits (groups of 5)."
        ) from None
    member = _confirmable(ctx, db, username)
    slot = load_key_slots(ctx.paths.key_slots, branch_id_of(ctx)).password_slot(member.username)
    if (
        slot is None
        or slot.public_key != member.slot_public_key
        or typed != confirmation_code(slot.public_key)
    ):
        with db.transaction():
            record(
                ctx,
                "access.confirm",
                target_type="staff",
                target_id=member.username,
                outcome="failure",
                details={"reason": "confirmation_code_mismatch"},
            )
        raise WrongConfirmationCode()
    repo = ClientKeyRepository(db)
    with db.transaction():
        repo.put(
            new_grant(
                ctx,
                key,
                holder_id=member.id,
                role=member.role.value,
                public_key=slot.public_key,
                epoch=session.client_epoch,
                state=CURRENT,
            )
        )
        record_holders(ctx, key)
        record(
            ctx,
            "access.confirm",
            target_type="staff",
            target_id=member.username,
            details={"role": member.role.value},
        )


def _confirmable(ctx: SignedIn, db: Database, username: str) -> StaffMember:
    session = ctx.session
    member = StaffRepository(db).get(username.strip())
    if member is None or not member.active:
        raise ClientAccessRefused(f"找不到在职员工 {username}。", f"No active staff member named {username}.")
    if member.role not in CLIENT_ROLES:
        raise ClientAccessRefused(
            f"{member.username} 是「{member.role.label_zh}」，该角色不能查看客户资料。",
            f"{member.username} is an {member.role.label_en}; that role never sees client data.",
        )
    if member.must_change_password:
        raise ClientAccessRefused(
            f"{member.username} 还在使用 IT 给的临时密码：请其先登录并设置自己的密码，再读出确认码。",
            f"{member.username} still has the temporary password IT gave: they sign in and set their own "
            "password first, then read you the confirmation code.",
        )
    if member.id == session.staff_id:
        raise ClientAccessRefused("不能确认自己。", "You cannot confirm yourself.")
    return member


def confirm_self_with_recovery_code(ctx: SignedIn, recovery_code: str) -> str:
    """A pending manager restores their own access with the client-data recovery code (a branch
    whose only manager was reset); the code is replaced. Returns the new code, shown once."""
    session, db = ctx.session, ctx.db
    require_manager_with_own_password(session, "使用客户资料恢复码", "use the client-data recovery code")
    try:
        code = normalize_code(recovery_code)
    except ValueError:
        raise InvalidInput(
            "恢复码格式不正确（应为 25 个字符，5 个一组）。",
            "That is not a recovery code (25 characters in groups of 5).",
        ) from None
    repo = ClientKeyRepository(db)
    branch_id = branch_id_of(ctx)
    raw = repo.text(RECOVERY_SLOT)
    grant = repo.grant(RECOVERY_HOLDER_ID)
    if raw is None or grant is None:
        raise ClientAccessRefused(
            "本门店没有有效的客户资料恢复码（branch.db 中缺少恢复槽）。请另一位店长确认您。",
            "This branch has no valid client-data recovery slot in branch.db. Ask another manager to "
            "confirm you.",
        )
    try:
        slot = KeySlot(**json.loads(raw))
        _, recovery_private = open_slot_keys(slot, branch_id=branch_id, secret=code, device_secret=None)
    except (SlotOpenFailed, TypeError, ValueError):
        with db.transaction():
            record(
                ctx,
                "keys.client_recovery_used",
                target_type="staff",
                target_id=session.username,
                outcome="failure",
            )
        raise ClientAccessRefused(
            "客户资料恢复码不正确。", "The client-data recovery code is wrong."
        ) from None
    key = open_grant(ctx, grant, recovery_private) if slot.public_key == grant.public_key else None
    if key is None:
        raise ClientAccessRefused(
            "客户资料恢复槽已被改动，不能使用。请另一位店长确认您，并告知 IT 主管。",
            "The client-data recovery slot has been altered and cannot be used. Ask another manager to "
            "confirm you, and tell IT's supervisor.",
        )
    db.detach_client_data()
    try:
        attach_client_data(ctx, db, key)
    except WrongDatabaseKey:
        raise ClientKeyMismatch() from None
    new_code, new_slot = new_client_recovery_slot(ctx, key)
    private = private_of(session)
    epoch = grant.epoch  # under the MAC the genuine key just verified, not the branch database's word
    with db.transaction():
        repo.put(
            new_grant(
                ctx,
                key,
                holder_id=session.staff_id,
                role=session.role.value,
                public_key=public_key_of(private),
                epoch=epoch,
                state=CURRENT,
            )
        )
        repo.put(
            new_grant(
                ctx,
                key,
                holder_id=RECOVERY_HOLDER_ID,
                role=RECOVERY_ROLE,
                public_key=new_slot.public_key,
                epoch=epoch,
                state=CURRENT,
            )
        )
        record_holders(ctx, key)
        repo.set_text(RECOVERY_SLOT, json.dumps(new_slot.__dict__))
        record(ctx, "keys.client_recovery_used", target_type="staff", target_id=session.username)
    set_granted(session, key)
    session.client_epoch = epoch
    return new_code
