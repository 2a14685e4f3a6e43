"""Staff accounts: add, list, disable, reset password (IT administrators; managers may list).

Credentials are key slots; disabling removes the slot so the person can no longer unwrap the key.
Because an old copy of the slot file would still open the old keys, disabling or resetting someone
also rotates the branch-database key at once (every open session signs in again) and, if they held
the client-data key, drops their grant and makes the next holder's sign-in rotate that key too
(services/client_access.py). A reset member waits for a manager to confirm them again.
The last active IT administrator or manager cannot be disabled.
"""

from __future__ import annotations

import re
import secrets
import string

from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.password_rules import require_acceptable
from desktop_app.domain.permissions import Action
from desktop_app.domain.roles import Role
from desktop_app.domain.staff_member import StaffMember
from desktop_app.services import second_factor
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.client_access import revoke_in_transaction
from desktop_app.services.context import common_passwords
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_slots import device_secret, install_slot, new_password_slot
from desktop_app.store.key_slot_changes import change_key_slots
from desktop_app.store.staff_repository import StaffRepository

USERNAME_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{2,31}$")
MAX_DISPLAY_NAME = 40
_TEMP_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def validate_username(username: str) -> str:
    if not USERNAME_PATTERN.match(username):
        raise InvalidInput(
            "用户名须为 3–32 位小写字母、数字、点、下划线或连字符，并以字母开头。",
            "A username is 3–32 lower-case letters, digits, dots, underscores or hyphens, starting with a letter.",
        )
    return username


def validate_display_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > MAX_DISPLAY_NAME:
        raise InvalidInput(
            f"显示名不能为空，且不超过 {MAX_DISPLAY_NAME} 个字符。",
            f"The display name must not be empty or longer than {MAX_DISPLAY_NAME} characters.",
        )
    return cleaned


def temporary_password() -> str:
    """A one-time password that always meets the default rules: 3 groups of 4 joined by hyphens."""
    while True:
        groups = ["".join(secrets.choice(_TEMP_ALPHABET) for _ in range(4)) for _ in range(3)]
        candidate = "-".join(groups)
        if (
            any(c.isupper() for c in candidate)
            and any(c.islower() for c in candidate)
            and any(c.isdigit() for c in candidate)
        ):
            return candidate


class StaffError(BranchVaultError):
    code = "staff_refused"


def list_staff(ctx: SignedIn) -> list[StaffMember]:
    check_permission(ctx, Action.STAFF_LIST)
    db = ctx.db
    return StaffRepository(db).list()


def add_staff(
    ctx: SignedIn,
    username: str,
    display_name: str,
    role: Role,
    *,
    password: str | None = None,
    must_change: bool = True,
) -> tuple[StaffMember, str]:
    """Create an account and its key slot. Returns the member and the (temporary) password."""
    check_permission(ctx, Action.STAFF_MANAGE)
    config = ctx.config
    session, db = ctx.session, ctx.db
    username = validate_username(username.strip())
    display_name = validate_display_name(display_name)
    repo = StaffRepository(db)
    if repo.get(username) is not None:
        raise StaffError(f"用户名 {username} 已存在。", f"The username {username} already exists.")
    if password is None:
        password = temporary_password()
    else:
        require_acceptable(password, username, ctx.policy, common_passwords())
    slot = new_password_slot(ctx, username, password, session.db_key, device_secret(ctx))
    now = ctx.clock()
    with change_key_slots(ctx.paths, config.branch_id) as change, db.transaction():
        if repo.get(username) is not None:  # checked again under the lock: another process may have added it
            raise StaffError(f"用户名 {username} 已存在。", f"The username {username} already exists.")
        member = repo.add(
            username=username,
            display_name=display_name,
            role=role,
            must_change_password=must_change,
            password_changed_at=now,
            created_at=utc_timestamp(now),
            created_by=session.staff_id,
        )
        install_slot(db, change, member.id, slot)
        record(ctx, "staff.add", target_type="staff", target_id=username, details={"role": role.value})
        change.stage()
    return member, password


def _require_member(repo: StaffRepository, username: str) -> StaffMember:
    member = repo.get(username)
    if member is None:
        raise StaffError(f"找不到用户 {username}。", f"No staff member named {username}.")
    return member


def disable_staff(ctx: SignedIn, username: str) -> None:
    check_permission(ctx, Action.STAFF_MANAGE)
    disable_member(ctx, username)


def disable_member(ctx: SignedIn, username: str, *, reason: str = "") -> bool:
    """Disable ``username`` (slot removed, grant dropped, branch-database key rotated). The caller
    has checked its own permission: IT's ``disable_staff``, a manager's access review, or the
    inactive-account policy (services/access_reviews.py), which passes its ``reason`` for the
    ``staff.disable`` entry. Returns False when the account was already disabled."""
    config = ctx.config
    db = ctx.db
    repo = StaffRepository(db)
    member = _require_member(repo, username)
    if not member.active:
        return False
    with change_key_slots(ctx.paths, config.branch_id) as change, db.transaction():
        # counted inside the transaction, so two concurrent disables cannot both pass
        require_not_last(repo, member)
        change.slots.remove(username)
        repo.set_active(member.id, False, at=ctx.now_utc())
        repo.set_slot_public_key(member.id, "")
        held = revoke_in_transaction(ctx, member, "staff.disable")
        details: dict[str, object] = {"held_client_key": held}
        if reason:
            details["reason"] = reason
        record(ctx, "staff.disable", target_type="staff", target_id=username, details=details)
        change.stage()
    _rotate_database_key(ctx, "staff.disable")
    return True


def require_not_last(repo: StaffRepository, member: StaffMember) -> None:
    """Refuse to disable (or move away) the last active IT administrator or manager."""
    if member.role in (Role.IT_ADMIN, Role.MANAGER) and repo.count_active(member.role) <= 1:
        raise StaffError(
            f"{member.username} 是最后一位在职的「{member.role.label_zh}」，不能停用。请先添加另一位。",
            f"{member.username} is the last active {member.role.label_en}; add another one first.",
        )


def _rotate_database_key(ctx: SignedIn, reason: str) -> None:
    from desktop_app.services.key_rotation import rotate_database_key_now  # local: key_rotation imports us

    rotate_database_key_now(ctx, reason=reason)


def reset_password(ctx: SignedIn, username: str) -> str:
    """Give the member a new key slot under a one-time password (changed at next sign-in);
    re-enables a disabled account."""
    check_permission(ctx, Action.STAFF_MANAGE)
    config = ctx.config
    session, db = ctx.session, ctx.db
    repo = StaffRepository(db)
    member = _require_member(repo, username)
    password = temporary_password()
    slot = new_password_slot(ctx, username, password, session.db_key, device_secret(ctx))
    now = ctx.clock()
    with change_key_slots(ctx.paths, config.branch_id) as change, db.transaction():
        install_slot(db, change, member.id, slot)
        repo.set_password_state(member.id, must_change=True, changed_at=now)
        if not member.active:
            repo.set_active(member.id, True)
        held = revoke_in_transaction(ctx, member, "staff.reset_password")
        second_factor.remove_in_transaction(ctx, member.id, username, "password_reset")
        record(
            ctx,
            "staff.reset_password",
            target_type="staff",
            target_id=username,
            details={"reenabled": not member.active, "held_client_key": held},
        )
        change.stage()
    _rotate_database_key(ctx, "staff.reset_password")
    return password
