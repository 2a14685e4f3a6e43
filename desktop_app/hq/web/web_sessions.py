"""Signed-in sessions of HQ staff: random cookie tokens, stored hashed, expiring.

Rule: a new random token (32 bytes) at every sign-in (no session fixation); the database keeps only
its SHA-256, with a per-session CSRF token. A session ends at sign-out, after ``idle`` without a
request, or ``absolute`` after sign-in, whichever comes first (OWASP ASVS 3.3.1/3.3.2; MLPS 2.0
session timeout). Expired rows are deleted when seen and at each sign-in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop_app.hq.web.staff_models import HqStaff, HqWebSession


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=8)


@dataclass(frozen=True)
class ActiveSession:
    staff_id: int
    username: str
    csrf_token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(db: Session, staff_id: int, now: datetime, policy: SessionPolicy) -> str:
    """A new session for ``staff_id``; returns the cookie token (never stored as such)."""
    db.execute(delete(HqWebSession).where(HqWebSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    db.add(
        HqWebSession(
            token_sha256=_digest(token),
            staff_id=staff_id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            expires_at=min(now + policy.idle, now + policy.absolute),
        )
    )
    db.commit()
    return token


def find_session(
    db: Session, token: str | None, now: datetime, policy: SessionPolicy
) -> ActiveSession | None:
    """The session a cookie names, if still valid (its idle expiry is pushed on); else None."""
    if not token or len(token) > 128:
        return None
    row = db.get(HqWebSession, _digest(token))
    if row is None:
        return None
    staff = db.get(HqStaff, row.staff_id)
    if row.expires_at <= now or staff is None or staff.disabled:
        db.delete(row)
        db.commit()
        return None
    row.last_seen_at = now
    row.expires_at = min(now + policy.idle, row.created_at + policy.absolute)
    db.commit()
    return ActiveSession(staff.id, staff.username, row.csrf_token)


def end_session(db: Session, token: str | None) -> None:
    if token:
        db.execute(delete(HqWebSession).where(HqWebSession.token_sha256 == _digest(token)))
        db.commit()


def session_count(db: Session, staff_id: int) -> int:
    return len(list(db.scalars(select(HqWebSession.token_sha256).where(HqWebSession.staff_id == staff_id))))
