"""Adding HQ staff and checking a sign-in, with throttling and an audited attempt trail.

Rule: the attempt is written (``pending``) and committed *before* it is counted and before argon2
runs, so parallel guesses (even through several ``serve`` processes) see each other and cannot all
slip in under the limit (throttle_rules.py). Then it becomes ``success`` or ``failure``, or
``throttled`` when refused (not counted, so refusals do not extend the lock). Every attempt stays in
``hq_sign_in_attempts`` as the sign-in audit trail. Unknown usernames cost the same argon2 work and
give the same answer as wrong passwords (no account enumeration).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.hq.web.staff_models import HqSignInAttempt, HqStaff
from desktop_app.hq.web.staff_passwords import hash_password, needs_rehash, require_strong, verify_password
from desktop_app.hq.web.throttle_rules import ThrottlePolicy, decide, normalised_username

COUNTED = ("pending", "failure")
MAX_USERNAME = 64
MAX_ADDRESS = 64


class StaffExists(BranchVaultError):
    code = "staff_exists"

    def __init__(self, username: str) -> None:
        super().__init__(f"总部用户 {username} 已存在。", f"HQ staff member {username} already exists.")


class SignInRefused(BranchVaultError):
    """Wrong username or password (the same answer for both)."""

    code = "wrong_credentials"

    def __init__(self) -> None:
        super().__init__("用户名或密码错误。", "Wrong username or password.")


class SignInThrottled(BranchVaultError):
    code = "sign_in_throttled"

    def __init__(self, retry_after_seconds: int) -> None:
        self.retry_after_seconds = retry_after_seconds
        minutes = max(1, -(-retry_after_seconds // 60))
        super().__init__(
            f"登录失败次数过多，请 {minutes} 分钟后再试。",
            f"Too many failed sign-in attempts. Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
        )


@dataclass(frozen=True)
class SignedInStaff:
    id: int
    username: str


def add_staff(db: Session, username: str, password: str, now: datetime) -> SignedInStaff:
    """Create an HQ staff account (the CLI's ``staff add``); the password must meet the rules."""
    name = normalised_username(username)
    if not name or len(name) > MAX_USERNAME or any(ch.isspace() for ch in name):
        raise InvalidInput(
            "用户名不能为空、不能含空格，最多 64 个字符。",
            "The username must be non-empty, without spaces, at most 64 characters.",
        )
    require_strong(password, name)
    staff = HqStaff(username=name, password_hash=hash_password(password), created_at=now, disabled=False)
    db.add(staff)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise StaffExists(name) from None
    return SignedInStaff(staff.id, staff.username)


def _failure_times(db: Session, column: object, value: str, since: datetime, own_id: int) -> list[datetime]:
    rows = db.scalars(
        select(HqSignInAttempt.attempted_at).where(
            column == value,  # type: ignore[arg-type]
            HqSignInAttempt.attempted_at > since,
            HqSignInAttempt.outcome.in_(COUNTED),
            HqSignInAttempt.id != own_id,
        )
    )
    return list(rows)


def record_attempt(db: Session, username: str, address: str, now: datetime, outcome: str) -> int:
    attempt = HqSignInAttempt(
        username=normalised_username(username)[:MAX_USERNAME],
        client_address=address[:MAX_ADDRESS],
        attempted_at=now,
        outcome=outcome,
    )
    db.add(attempt)
    db.commit()
    return attempt.id


def sign_in(
    db: Session, username: str, password: str, address: str, now: datetime, policy: ThrottlePolicy
) -> SignedInStaff:
    """Check a sign-in; raises SignInThrottled or SignInRefused."""
    name = normalised_username(username)[:MAX_USERNAME]
    attempt_id = record_attempt(db, name, address, now, "pending")
    since = now - policy.window
    decision = decide(
        _failure_times(db, HqSignInAttempt.username, name, since, attempt_id),
        _failure_times(db, HqSignInAttempt.client_address, address[:MAX_ADDRESS], since, attempt_id),
        now,
        policy,
    )
    db.commit()  # end the reading transaction before anything slow
    if not decision.allowed:
        _set_outcome(db, attempt_id, "throttled")
        raise SignInThrottled(decision.retry_after_seconds)
    staff = db.scalars(select(HqStaff).where(HqStaff.username == name)).one_or_none()
    db.commit()  # no transaction (on SQLite: no write lock) is held while argon2 runs
    usable = staff is not None and not staff.disabled
    good = verify_password(staff.password_hash if usable and staff else None, password)
    rehash = good and staff is not None and needs_rehash(staff.password_hash)
    _set_outcome(db, attempt_id, "success" if good else "failure")
    if not good or staff is None:
        raise SignInRefused()
    if rehash:
        db.execute(
            update(HqStaff).where(HqStaff.id == staff.id).values(password_hash=hash_password(password))
        )
        db.commit()
    return SignedInStaff(staff.id, staff.username)


def _set_outcome(db: Session, attempt_id: int, outcome: str) -> None:
    db.execute(update(HqSignInAttempt).where(HqSignInAttempt.id == attempt_id).values(outcome=outcome))
    db.commit()


def recent_attempts(db: Session, limit: int = 200) -> list[HqSignInAttempt]:
    """The newest sign-in attempts first (the sign-in audit trail shown to HQ staff)."""
    query = select(HqSignInAttempt).order_by(HqSignInAttempt.id.desc()).limit(limit)
    return list(db.scalars(query))
