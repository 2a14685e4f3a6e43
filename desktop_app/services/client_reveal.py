"""Revealing one masked client field, and a manager lifting the bulk-reveal guard for a user.

A reveal needs the permission, the same visibility as the detail view (an agent's own clients, the
whole branch for a manager), a password entered within ``reauth_minutes`` and a reason. It is audited
as ``client.reveal`` with the client, the field and the reason, in the same transaction as the read;
the value itself never enters the audit log, an exception or a ``repr``. More than
``bulk_reveal_threshold`` reveals inside ``bulk_reveal_window_minutes`` are refused (audited as
``client.reveal`` with outcome ``denied``) until the window passes or a manager, signing in on the
same screen, allows more (``client.reveal_override``, actor = the manager).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from desktop_app.domain.branch_time import utc_timestamp
from desktop_app.domain.errors import BranchVaultError, InvalidInput, PermissionDenied, WrongCredentials
from desktop_app.domain.permissions import Action
from desktop_app.domain.reveal_policy import (
    BulkRevealDecision,
    RevealableField,
    RevealReason,
    bulk_reveal_decision,
    override_expires_at,
    parse_field,
    revealed_text,
    validate_reason,
    window_start,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.staff_member import StaffMember
from desktop_app.services import sign_in_attempts
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.client_directory import denials_audited, visible_client
from desktop_app.services.sign_in import needs_reauthentication
from desktop_app.services.signed_in import SignedIn
from desktop_app.services.staff_slots import device_secret, kdf_params
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.key_slots import SlotOpenFailed, derive_kek, load_key_slots, open_slot
from desktop_app.store.reveal_log_repository import OVERRIDE_ACTION, REVEAL_ACTION, RevealLogRepository
from desktop_app.store.staff_repository import StaffRepository


class ReauthenticationRequired(BranchVaultError):
    """Ask for the password (sign_in.verify_password), then retry the reveal."""

    code = "reauthentication_required"

    def __init__(self) -> None:
        super().__init__(
            "查看完整信息前请再次输入您的密码。", "Enter your password again before revealing this field."
        )


class KeptForLegalHold(BranchVaultError):
    """The client withdrew the sensitive-data consent; the ID document is kept only because the
    anti-money-laundering rules require it (no other processing, PIPL Art. 47)."""

    code = "kept_for_legal_hold"

    def __init__(self) -> None:
        super().__init__(
            "客户已撤回敏感个人信息同意。其证件号码仅因反洗钱规定须保存而留存，不能查看，保存期满后销毁。",
            "The client withdrew the sensitive-data consent. The ID number is kept only because the "
            "anti-money laundering rules require it; it cannot be viewed and is destroyed when the "
            "hold ends.",
        )


class BulkRevealBlocked(BranchVaultError):
    code = "bulk_reveal_blocked"

    def __init__(self, count: int, window_minutes: int) -> None:
        self.count = count
        self.window_minutes = window_minutes
        super().__init__(
            f"您在 {window_minutes} 分钟内已查看 {count} 项完整信息，已暂停查看。请稍后再试，"
            "或请店长在本机输入账号密码后放行。",
            f"You have revealed {count} fields within {window_minutes} minutes, so revealing is "
            "paused. Try again later, or ask the branch manager to sign in here to allow more.",
        )


class ManagerApprovalRequired(PermissionDenied):
    """The account that signed in to allow more reveals is not an active manager (or is the user)."""

    code = "manager_approval_required"

    def __init__(self) -> None:
        BranchVaultError.__init__(
            self,
            "只有店长（且不能是本人）可以放行，请由店长输入其账号和密码。",
            "Only a branch manager other than the user can allow more reveals; the manager must "
            "enter their own username and password.",
        )


class NothingToReveal(BranchVaultError):
    code = "nothing_to_reveal"

    def __init__(self) -> None:
        super().__init__("该字段没有记录内容。", "Nothing is recorded in this field.")


@dataclass(frozen=True)
class RevealedValue:
    """The unmasked text; show it for ``seconds_visible`` seconds, then mask it again."""

    client_id: int
    field: RevealableField
    value: str = dataclasses.field(repr=False)
    seconds_visible: int


def _decision(ctx: SignedIn, staff_id: int, username: str) -> BulkRevealDecision:
    """Inside the caller's transaction: may this user reveal one more field now?"""
    db = ctx.db
    now = ctx.clock()
    log = RevealLogRepository(db)
    after = window_start(now, ctx.policy)
    return bulk_reveal_decision(
        log.reveal_times(staff_id, after=after),
        now,
        ctx.policy,
        log.override_times(username, after=after),
    )


def reveal_field(
    ctx: SignedIn,
    client_id: int,
    field: RevealableField | str,
    reason: RevealReason | str,
    reason_text: str = "",
) -> RevealedValue:
    """The unmasked value of one field of a client the user may see. Raises ReauthenticationRequired
    when the password is older than ``reauth_minutes`` and BulkRevealBlocked past the bulk guard."""
    check_permission(ctx, Action.CLIENT_REVEAL)
    session, db = ctx.session, ctx.db
    which = parse_field(field)
    why, text = validate_reason(reason, reason_text)
    if needs_reauthentication(ctx):
        raise ReauthenticationRequired()
    details: dict[str, object] = {"field": which.value, "reason": why.value, "reason_text": text}
    value = ""
    with denials_audited(ctx, REVEAL_ACTION), db.transaction():
        client = visible_client(ctx, ClientRepository(db), client_id)
        if (
            which is RevealableField.ID_NUMBER
            and client.values.id_number
            and not client.values.sensitive_consent
        ):
            held = True
        else:
            held = False
        decision = _decision(ctx, session.staff_id, session.username)
        if held:
            record(
                ctx,
                REVEAL_ACTION,
                target_type="client",
                target_id=str(client_id),
                outcome="denied",
                reason="kept_for_legal_hold",
                details=details,
            )
        elif decision.allowed:
            value = revealed_text(client.values, which)
            if value:
                if decision.override_active:
                    details["manager_override"] = True
                record(
                    ctx,
                    REVEAL_ACTION,
                    target_type="client",
                    target_id=str(client_id),
                    reason=why.value,
                    details=details,
                )
        else:
            record(
                ctx,
                REVEAL_ACTION,
                target_type="client",
                target_id=str(client_id),
                outcome="denied",
                reason="bulk_reveal_threshold",
                details={
                    **details,
                    "reveals_in_window": decision.reveals_in_window,
                    "threshold": ctx.policy.bulk_reveal_threshold,
                    "window_minutes": ctx.policy.bulk_reveal_window_minutes,
                },
            )
    if held:
        raise KeptForLegalHold()
    if not decision.allowed:
        raise BulkRevealBlocked(decision.reveals_in_window, ctx.policy.bulk_reveal_window_minutes)
    if not value:
        raise NothingToReveal()
    return RevealedValue(client_id, which, value, ctx.policy.reveal_seconds)


def _check_manager_password(ctx: SignedIn, username: str, password: str) -> None:
    """Open ``username``'s key slot with ``password`` without touching the current session; the
    attempts count towards that account's lockout. Raises WrongCredentials or AccountLocked."""
    config = ctx.config
    slot = load_key_slots(ctx.paths.key_slots, config.branch_id).password_slot(username)
    known = slot is not None
    sign_in_attempts.admit(ctx, username, known=known, action=OVERRIDE_ACTION, queue_events=False)
    try:
        if slot is None:
            derive_kek(password, bytes(16), kdf_params(ctx), None)  # same cost as a real slot: no oracle
            raise SlotOpenFailed()
        open_slot(slot, branch_id=config.branch_id, secret=password, device_secret=device_secret(ctx))
    except SlotOpenFailed:
        sign_in_attempts.failed(ctx, username, known=known, action=OVERRIDE_ACTION, queue_events=False)
        raise WrongCredentials() from None
    sign_in_attempts.succeeded(ctx, username)


def allow_bulk_reveals(
    ctx: SignedIn, manager_username: str, manager_password: str, for_username: str
) -> float:
    """A manager, signing in on the user's screen, lifts the bulk-reveal guard for ``for_username`` for
    one window. Returns when the override ends. Audited ``client.reveal_override`` with the manager
    as actor; a refusal is audited under the signed-in user."""
    db = ctx.db
    manager_username, for_username = manager_username.strip(), for_username.strip()
    staff = StaffRepository(db)
    # A typed name is recorded only when it is a real account: an unknown one may be a password typed
    # into the wrong field. Whether ``for_username`` exists is told only after the manager has
    # authenticated, so the screen cannot be used to probe for usernames.
    known_manager = staff.get(manager_username) is not None
    attempt = {"manager": manager_username if known_manager else "(unknown)", "for_username": for_username}

    def refuse(outcome: str, why: str) -> None:
        with db.transaction():
            record(
                ctx,
                OVERRIDE_ACTION,
                target_type="staff",
                target_id=for_username,
                outcome=outcome,
                reason=why,
                details=attempt,
            )

    try:
        _check_manager_password(ctx, manager_username, manager_password)
    except WrongCredentials:
        refuse("failure", "wrong_credentials")
        raise
    except BranchVaultError:  # AccountLocked
        refuse("denied", "account_locked")
        raise
    manager = staff.get(manager_username)
    if staff.get(for_username) is None:
        refuse("failure", "unknown_staff")
        raise InvalidInput("找不到该员工。", "No such staff member.")
    if not _may_override(manager, for_username):
        refuse("denied", "not_a_manager")
        raise ManagerApprovalRequired()
    assert manager is not None
    now = ctx.clock()
    expires = override_expires_at(now, ctx.policy)
    with db.transaction():
        AuditRepository(db).append(
            now=now,
            actor_id=manager.id,
            actor_username=manager.username,
            actor_role=manager.role.value,
            action=OVERRIDE_ACTION,
            target_type="staff",
            target_id=for_username,
            details={"for_username": for_username, "until": utc_timestamp(expires)},
        )
    return expires


def _may_override(manager: StaffMember | None, for_username: str) -> bool:
    return (
        manager is not None
        and manager.active
        and manager.role is Role.MANAGER
        and manager.username != for_username
    )
