"""Changing a staff member's role (IT administrators, or a manager in the access review).

Rule: the client-data grant follows the role, as the separation of duties requires (MLPS 2.0
"三权分立", PIPL Art. 51 least privilege):
- **away from a client role** (agent or manager → IT administrator or auditor): the grant is dropped
  and the client-data key rotates at the next holder's sign-in, like a disable — an old copy of the
  grant then opens nothing current;
- **between client roles** (agent ↔ manager): the grant, sealed for the old role, is dropped too; the
  member signs in "pending" and a manager confirms them again with their confirmation code, like a
  new member (services/member_confirmation.py shows the earlier role);
- **into a client role** (IT administrator or auditor → agent or manager): the member signs in
  "pending" and needs a manager's confirmation, like a new member.
Every change rotates the branch-database key at once, so every open session (the member's own in
another window too) signs in again and the new role applies everywhere. The last active IT
administrator or manager cannot be moved to another role. Audited ``staff.role_change`` with the
old and new role, in the same transaction as the change.
"""

from __future__ import annotations

from desktop_app.domain.access_review import protected_from_removal
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.roles import Role
from desktop_app.domain.staff_member import StaffMember
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.client_key_grants import CLIENT_ROLES
from desktop_app.services.client_key_rotation import revoke_in_transaction
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_accounts import StaffError
from desktop_app.store.key_slot_changes import change_key_slots
from desktop_app.store.staff_repository import StaffRepository


def change_role(ctx: SignedIn, username: str, new_role: Role, *, reason: str = "") -> StaffMember:
    """Move ``username`` to ``new_role`` (IT: STAFF_MANAGE; a manager: ACCESS_REVIEW). Returns the
    member as changed; the member's client access, if the new role has one, waits for a manager."""
    own = ctx.session.role
    check_permission(ctx, Action.STAFF_MANAGE if can(own, Action.STAFF_MANAGE) else Action.ACCESS_REVIEW)
    return change_role_checked(ctx, username, new_role, reason=reason)


def change_role_checked(ctx: SignedIn, username: str, new_role: Role, *, reason: str = "") -> StaffMember:
    """``change_role`` after the caller checked its permission (the access review does)."""
    db = ctx.db
    repo = StaffRepository(db)
    member = repo.get(username)
    if member is None:
        raise StaffError(f"找不到用户 {username}。", f"No staff member named {username}.")
    if not member.active:
        raise StaffError(
            f"{username} 已停用，不能调整角色。", f"{username} is disabled; their role cannot be changed."
        )
    if member.role is new_role:
        raise InvalidInput(
            f"{username} 已经是「{new_role.label_zh}」。", f"{username} already is a {new_role.label_en}."
        )
    if member.id == ctx.session.staff_id:
        raise StaffError(
            "不能调整自己的角色，请由另一位店长或 IT 管理员处理。",
            "You cannot change your own role; ask another manager or an IT administrator.",
        )
    # the slot lock serialises this with disables and other role changes (the slots do not change)
    with change_key_slots(ctx.paths, ctx.config.branch_id), db.transaction():
        if protected_from_removal(member.role, repo.count_active(member.role)):  # under the lock
            raise StaffError(
                f"{member.username} 是最后一位在职的「{member.role.label_zh}」，不能调整为其他角色。请先添加另一位。",
                f"{member.username} is the last active {member.role.label_en}; add another one first.",
            )
        held = (
            revoke_in_transaction(ctx, member, "staff.role_change") if member.role in CLIENT_ROLES else False
        )
        repo.set_role(member.id, new_role)
        details: dict[str, object] = {
            "from": member.role.value,
            "to": new_role.value,
            "held_client_key": held,
            "needs_confirmation": new_role in CLIENT_ROLES,
        }
        if reason:
            details["reason"] = reason
        record(ctx, "staff.role_change", target_type="staff", target_id=username, details=details)
    from desktop_app.services.key_rotation import rotate_database_key_now  # local: key_rotation imports staff

    rotate_database_key_now(ctx, reason="staff.role_change")
    changed = repo.get(username)
    assert changed is not None
    return changed
