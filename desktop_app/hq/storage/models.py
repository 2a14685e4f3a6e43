"""The HQ tables (SQLAlchemy 2 declarative models). The schema itself is created by the Alembic
revisions in ``storage/migrations/versions``; these models only describe it for queries.

- ``hq_keys``: the HQ receipt key (Ed25519 raw private key), one row, shared by every process.
- ``enrol_tokens``: one-time enrolment tokens, kept only as SHA-256 of the secret; single use
  (``used_at``) and expiring (``expires_at``).
- ``branches``: enrolled branches and their Ed25519 public keys.
- ``request_nonces``: nonces of authenticated requests; the unique key refuses a replay even when
  the replay reaches another process.
- ``submissions``: one row per submission id (unique), the exact envelope as received, its payload
  hash and the signed receipt returned for it (identical re-sends get the same receipt).
- ``audit_anchors``: the branch audit-chain heads received (an outside witness of each branch log).
- ``programme_figures``: the privacy-programme block of each submission that carries one (counts
  for a quarter and the branch's targets, canonical JSON), keyed by branch and quarter for the page.
- ``anomalies``: what HQ noticed and flags for a person (e.g. an audit head going backwards).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = BigInteger().with_variant(Integer(), "sqlite")  # SQLite autoincrements only INTEGER PRIMARY KEY


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every database (SQLite stores it naive: read back as UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the HQ database")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class HqKey(Base):
    __tablename__ = "hq_keys"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    public_key_b64: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class EnrolToken(Base):
    __tablename__ = "enrol_tokens"
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    branch_code: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class Branch(Base):
    __tablename__ = "branches"
    branch_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_key_b64: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RequestNonce(Base):
    __tablename__ = "request_nonces"
    __table_args__ = (UniqueConstraint("branch_code", "nonce", name="uq_request_nonces_branch_nonce"),)
    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    branch_code: Mapped[str] = mapped_column(String(64))
    nonce: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class Submission(Base):
    __tablename__ = "submissions"
    hq_sequence: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(String(36), unique=True)
    branch_code: Mapped[str] = mapped_column(String(64), ForeignKey("branches.branch_code"), index=True)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    period_from: Mapped[str] = mapped_column(String(10))
    period_to: Mapped[str] = mapped_column(String(10))
    envelope: Mapped[str] = mapped_column(Text)
    receipt: Mapped[str | None] = mapped_column(Text, nullable=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AuditAnchor(Base):
    __tablename__ = "audit_anchors"
    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    branch_code: Mapped[str] = mapped_column(String(64), index=True)
    submission_id: Mapped[str] = mapped_column(String(36), unique=True)
    sequence: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(128))
    generated_at: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    anomaly: Mapped[bool] = mapped_column(Boolean, default=False)


class Anomaly(Base):
    __tablename__ = "anomalies"
    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    branch_code: Mapped[str] = mapped_column(String(64), index=True)
    submission_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    kind: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ProgrammeFigures(Base):
    __tablename__ = "programme_figures"
    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("submissions.submission_id"), unique=True
    )
    branch_code: Mapped[str] = mapped_column(String(64), index=True)
    quarter: Mapped[str] = mapped_column(String(6), index=True)
    period_to: Mapped[str] = mapped_column(String(10))
    generated_at: Mapped[str] = mapped_column(String(20))
    block: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
