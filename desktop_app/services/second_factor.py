"""Two-factor sign-in with an authenticator app (TOTP, RFC 6238) for managers and IT (issue 15 §4).

Rules (domain/second_factor_rules.py): required for a role whose policy flag is 1; any manager or
IT administrator may enrol; once enrolled a code is asked at every sign-in. The idle unlock (lock
screen) does not ask it again: the session was opened with both factors and the same member
re-derives its keys with their password (as KeePassXC's quick unlock); a new sign-in always asks.

- **The secret is protected like the key slots.** It is sealed with HPKE to the member's slot public
  key (the way the client-data key grants are) and kept in branch.db (``second_factors``); only the
  member's private key (their password and this PC's device secret) opens it, so IT reading branch.db
  with their own key sees ciphertext and cannot compute a manager's codes. A password change
  re-seals it to the slot's new key pair; a slot given a new key pair by someone else (IT's password
  reset, the recovery-code sign-in) leaves a stale enrolment that is removed (audited): the member
  enrols again.
- **Codes are single use.** The last accepted time step is kept; a code of that step or an older
  one is refused (replay), across processes (one conditional UPDATE).
- **A wrong or replayed code counts towards the lockout exactly like a wrong password**
  (``sign_in_attempts.failed``, queued as ``auth.second_factor`` failure); a missing code is not a
  failure: the attempt is withdrawn and ``SecondFactorRequired`` raised.
- **Recovery codes**: ten single-use codes shown once at enrolment, kept as HMAC-SHA256 under a key
  derived (HKDF) from the TOTP secret, so branch.db alone cannot be searched for them.
- **Required but not enrolled**: the sign-in succeeds with ``session.must_enrol_second_factor``;
  ``audit_trail.check_permission`` refuses everything but enrolment and the password change.

What it does not protect: whoever holds the password, this PC's keyring and these modules can open
the key slot (and so the database) without any code. The second factor guards the app's and the
CLI's sign-in, not the encryption.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

import pyotp
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop_app.domain import second_factor_rules as rules
from desktop_app.domain.errors import BranchVaultError, InvalidInput, PermissionDenied
from desktop_app.domain.permissions import Action
from desktop_app.domain.roles import Role
from desktop_app.services import sign_in_attempts
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.context import AppContext
from desktop_app.services.session import SessionNotice
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.database import Database
from desktop_app.store.key_slots import public_key_of
from desktop_app.store.second_factor_repository import SecondFactorRepository
from desktop_app.store.staff_repository import StaffRepository

_HPKE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_RECOVERY_INFO = b"BranchVault TOTP recovery codes v1"
ACTION_CODE = "auth.second_factor"
ACTION_ENROLLED = "auth.second_factor_enrolled"
ACTION_RESET = "auth.second_factor_reset"
ACTION_RECOVERY = "auth.recovery_code_used"


class SecondFactorRequired(BranchVaultError):
    code = "second_factor_required"

    def __init__(self) -> None:
        super().__init__(
            "请输入身份验证器中的 6 位动态码（或一个恢复码）。",
            "Enter the 6-digit code from your authenticator app (or a recovery code).",
        )


class WrongSecondFactor(BranchVaultError):
    code = "wrong_second_factor"

    def __init__(self) -> None:
        super().__init__(
            "动态码错误或已使用过。请等待下一个动态码再试。",
            "Wrong or already used code. Wait for the next code and try again.",
        )


class MustEnrolSecondFactor(BranchVaultError):
    code = "must_enrol_second_factor"

    def __init__(self) -> None:
        super().__init__(
            "本门店要求您的角色使用双因素验证。请先设置身份验证器：branchvault totp enrol（或在"
            "“会话 > 双因素验证…”中设置）。",
            "Your role must use two-factor sign-in at this branch. Set up your authenticator first: "
            "branchvault totp enrol (or Session > Two-factor authentication…).",
        )


@dataclass(frozen=True)
class SecondFactorUse:
    """What a sign-in's second factor was: ``totp`` (with its step) or ``recovery`` (codes left)."""

    kind: str
    step: int = 0
    recovery_left: int = 0


@dataclass(frozen=True)
class SignInFactor:
    """The outcome of the second-factor check at sign-in."""

    use: SecondFactorUse | None = None  # a code was checked and accepted
    stale: bool = False  # an enrolment sealed to a key pair the slot no longer has


@dataclass(frozen=True)
class PendingEnrolment:
    """A new secret shown to the member (QR / text); nothing is stored until a code confirms it."""

    secret: str
    uri: str


@dataclass(frozen=True)
class SecondFactorStatus:
    username: str
    role: Role
    required: bool
    enrolled: bool
    enrolled_at: str = ""
    last_used_at: str = ""
    recovery_codes_left: int = 0


def _aad(branch_id: str, staff_id: int) -> bytes:
    return json.dumps(
        {"branch_id": branch_id, "kind": "totp-secret", "staff_id": staff_id}, sort_keys=True
    ).encode()


def seal_secret(secret: str, public_key: str, *, branch_id: str, staff_id: int) -> str:
    public = X25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
    sealed = _HPKE.encrypt(secret.encode("ascii"), public, info=_aad(branch_id, staff_id))
    return base64.b64encode(sealed).decode("ascii")


def open_secret(sealed: str, private: X25519PrivateKey, *, branch_id: str, staff_id: int) -> str | None:
    """The TOTP secret, or None when this private key does not open it (another key, tampering)."""
    try:
        raw = _HPKE.decrypt(base64.b64decode(sealed, validate=True), private, info=_aad(branch_id, staff_id))
        return raw.decode("ascii")
    except (InvalidTag, ValueError, TypeError, UnicodeDecodeError):
        return None


def _recovery_mac(secret: str, code: str) -> str:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_RECOVERY_INFO).derive(
        secret.encode("ascii")
    )
    return hmac.new(key, code.encode("ascii"), hashlib.sha256).hexdigest()


def provisioning_uri(secret: str, username: str, branch_code: str) -> str:
    label = quote(f"{rules.ISSUER}:{username}@{branch_code}", safe="@:")
    return f"otpauth://totp/{label}?secret={secret}&issuer={rules.ISSUER}&digits={rules.DIGITS}&period={rules.STEP_SECONDS}"


def code_for(secret: str, at: float) -> str:
    """The code an authenticator shows at ``at`` (tests, the demo)."""
    return pyotp.TOTP(secret).at(int(at))


def _matching_step(secret: str, code: str, now: float, last_step: int) -> int | None:
    totp = pyotp.TOTP(secret)
    for step in rules.candidate_steps(now, last_step):
        if hmac.compare_digest(totp.at(step * rules.STEP_SECONDS), code):
            return step
    return None


def _branch_time(ctx: AppContext | SignedIn) -> str:
    return ctx.now_utc()


# --- sign-in ---------------------------------------------------------------------------------


def check_at_sign_in(
    ctx: AppContext,
    db: Database,
    *,
    staff_id: int,
    username: str,
    private: X25519PrivateKey,
    code: str | None,
    admitted_at: float,
) -> SignInFactor:
    """After the slot opened: ask, check and use the member's second factor if they are enrolled.
    Raises SecondFactorRequired (attempt withdrawn) or WrongSecondFactor / AccountLocked (counted).
    The caller closes ``db`` when this raises."""
    repo = SecondFactorRepository(db)
    row = repo.get(staff_id)
    if row is None:
        return SignInFactor()
    branch_id = ctx.require_config().branch_id
    secret = None
    if row.sealed_to == public_key_of(private):
        secret = open_secret(row.sealed_secret, private, branch_id=branch_id, staff_id=staff_id)
    if secret is None:
        return SignInFactor(stale=True)
    if not code or not code.strip():
        sign_in_attempts.withdraw(ctx, username, admitted_at)
        raise SecondFactorRequired()
    now = ctx.clock()
    at = ctx.now_utc()
    use: SecondFactorUse | None = None
    digits, recovery = rules.totp_shape(code), rules.recovery_shape(code)
    if digits is not None:
        step = _matching_step(secret, digits, now, row.last_step)
        if step is not None:
            with db.transaction():
                if repo.use_step(staff_id, step, at):
                    use = SecondFactorUse("totp", step=step)
    elif recovery is not None:
        with db.transaction():
            if repo.use_recovery_code(staff_id, _recovery_mac(secret, recovery), at):
                use = SecondFactorUse("recovery", recovery_left=repo.recovery_codes_left(staff_id))
    if use is None:
        sign_in_attempts.failed(ctx, username, known=True, action=ACTION_CODE)
        raise WrongSecondFactor()
    return SignInFactor(use=use)


def after_sign_in(me: SignedIn, factor: SignInFactor) -> None:
    """Inside the sign-in's transaction: audit the code used, drop a stale enrolment, and flag a
    member the policy requires to enrol."""
    session = me.session
    repo = SecondFactorRepository(me.db)
    if factor.use is not None and factor.use.kind == "totp":
        record(me, ACTION_CODE, target_type="staff", target_id=session.username)
    elif factor.use is not None:
        left = factor.use.recovery_left
        session.notices.append(
            SessionNotice(
                "recovery_code_used",
                f"您用一个恢复码登录了，还剩 {left} 个。手机丢了请让 IT 重置双因素验证，然后重新设置。",
                f"You signed in with a recovery code; {left} left. If your phone is lost, ask IT to reset "
                "your two-factor sign-in and set it up again.",
            )
        )
        record(
            me,
            ACTION_RECOVERY,
            target_type="staff",
            target_id=session.username,
            details={"recovery_codes_left": factor.use.recovery_left},
        )
    if factor.stale and repo.remove(session.staff_id):
        record(
            me,
            ACTION_RESET,
            target_type="staff",
            target_id=session.username,
            details={"reason": "slot_key_replaced"},
        )


def flag_if_required(me: SignedIn) -> None:
    """After the branch's settings are in force: a required member without an enrolment must enrol."""
    session = me.session
    enrolled = SecondFactorRepository(me.db).get(session.staff_id) is not None
    session.must_enrol_second_factor = rules.required(me.policy, session.role) and not enrolled


# --- enrolment, status, reset ----------------------------------------------------------------


def start_enrolment(me: SignedIn, secret: str | None = None) -> PendingEnrolment:
    """A new random secret (160 bits, base32) and its otpauth:// URI; nothing stored yet."""
    check_permission(me, Action.SECOND_FACTOR_ENROL)
    secret = secret or pyotp.random_base32(32)
    return PendingEnrolment(secret, provisioning_uri(secret, me.session.username, me.config.branch_code))


def confirm_enrolment(
    me: SignedIn, pending: PendingEnrolment, code: str, *, recovery_codes: Sequence[str] = ()
) -> list[str]:
    """Check a code from the new secret, store the secret sealed to this member's slot key and
    return the ten recovery codes (shown once; new random ones unless the demo passes its own).
    Replaces an older enrolment (re-enrol)."""
    check_permission(me, Action.SECOND_FACTOR_ENROL)
    session, db = me.session, me.db
    digits = rules.totp_shape(code)
    step = _matching_step(pending.secret, digits, me.clock(), 0) if digits else None
    if step is None:
        with db.transaction():
            record(me, ACTION_ENROLLED, target_type="staff", target_id=session.username, outcome="failure")
        raise InvalidInput(
            "动态码不对：请检查手机时间是否准确，并输入身份验证器当前显示的 6 位数字。",
            "That code does not match: check the phone's clock and type the 6 digits the app shows now.",
        )
    private = session.slot_private
    if private is None:
        raise InvalidInput("会话已锁定。", "The session is locked.")
    public = public_key_of(private)
    sealed = seal_secret(pending.secret, public, branch_id=me.config.branch_id, staff_id=session.staff_id)
    codes = [c for c in (rules.recovery_shape(c) for c in recovery_codes) if c] or rules.new_recovery_codes()
    repo = SecondFactorRepository(db)
    with db.transaction():
        replaced = repo.get(session.staff_id) is not None
        repo.put(
            session.staff_id, sealed_secret=sealed, sealed_to=public, enrolled_at=me.now_utc(), last_step=step
        )
        repo.add_recovery_codes(session.staff_id, [_recovery_mac(pending.secret, c) for c in codes])
        record(
            me,
            ACTION_ENROLLED,
            target_type="staff",
            target_id=session.username,
            details={"replaced": replaced, "recovery_codes": len(codes)},
        )
    session.must_enrol_second_factor = False
    return [rules.format_recovery(c) for c in codes]


def status(me: SignedIn) -> SecondFactorStatus:
    """The signed-in member's own second-factor state (anyone may read their own)."""
    session = me.session
    repo = SecondFactorRepository(me.db)
    row = repo.get(session.staff_id)
    return SecondFactorStatus(
        username=session.username,
        role=session.role,
        required=rules.required(me.policy, session.role),
        enrolled=row is not None,
        enrolled_at=row.enrolled_at if row else "",
        last_used_at=(row.last_used_at or "") if row else "",
        recovery_codes_left=repo.recovery_codes_left(session.staff_id) if row else 0,
    )


def reset(me: SignedIn, username: str) -> bool:
    """IT removes a member's enrolment (lost phone); they enrol again at their next sign-in.
    Returns whether there was one. Audited either way."""
    check_permission(me, Action.STAFF_MANAGE)
    db = me.db
    member = StaffRepository(db).get(username.strip())
    if member is None:
        raise InvalidInput(f"没有用户名为 {username} 的员工。", f"No staff member is called {username}.")
    if member.id == me.session.staff_id:
        raise PermissionDenied("重置自己的双因素验证", "reset your own two-factor sign-in")
    with db.transaction():
        removed = SecondFactorRepository(db).remove(member.id)
        record(
            me,
            ACTION_RESET,
            target_type="staff",
            target_id=member.username,
            details={"removed": removed, "reason": "it_reset"},
        )
    return removed


def remove_in_transaction(me: SignedIn, staff_id: int, username: str, reason: str) -> None:
    """Inside the caller's transaction (IT's password reset): the member's enrolment goes, audited."""
    if SecondFactorRepository(me.db).remove(staff_id):
        record(
            me,
            ACTION_RESET,
            target_type="staff",
            target_id=username,
            details={"removed": True, "reason": reason},
        )


def reseal_in_transaction(me: SignedIn, new_private: X25519PrivateKey) -> None:
    """Inside the password change's transaction: the secret follows the slot's new key pair."""
    session = me.session
    repo = SecondFactorRepository(me.db)
    row = repo.get(session.staff_id)
    if row is None or session.slot_private is None:
        return
    branch_id = me.config.branch_id
    secret = open_secret(
        row.sealed_secret, session.slot_private, branch_id=branch_id, staff_id=session.staff_id
    )
    if secret is None:
        return
    public = public_key_of(new_private)
    repo.reseal(
        session.staff_id,
        sealed_secret=seal_secret(secret, public, branch_id=branch_id, staff_id=session.staff_id),
        sealed_to=public,
    )
