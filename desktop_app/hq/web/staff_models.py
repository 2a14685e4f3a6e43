"""The HQ page's own tables (SQLAlchemy models describing them; the Alembic revision in
``web/migrations`` creates them, never these models).

- ``hq_staff``: HQ staff who may sign in to the overview page: username (normalised, unique) and
  the argon2id hash only (never the password).
- ``hq_web_sessions``: signed-in sessions, kept as the SHA-256 of the cookie's random token (a copy
  of the database does not hold usable cookies), with the session's CSRF token, idle and absolute
  expiry. Several ``serve`` processes share them through the database.
- ``hq_sign_in_attempts``: every sign-in attempt with its outcome (``pending`` while argon2 runs,
  then ``success`` / ``failure``; ``throttled`` when refused; ``csrf`` for a refused form), the
  normalised username and the client address: the sign-in audit trail and the throttling counts
  (MLPS 2.0 security audit of logins, GB/T 22239-2019 8.1.4.3).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.hq.storage.models import ID, Base, UtcDateTime


class HqStaff(Base):
    __tablename__ = "hq_staff"
    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class HqWebSession(Base):
    __tablename__ = "hq_web_sessions"
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ID, ForeignKey("hq_staff.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class HqSignInAttempt(Base):
    __tablename__ = "hq_sign_in_attempts"
    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    client_address: Mapped[str] = mapped_column(String(64), index=True)
    attempted_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
