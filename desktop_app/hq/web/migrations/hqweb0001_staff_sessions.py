"""HQ page schema 1: HQ staff (argon2id hashes), web sessions (token hashes), sign-in attempts.

Revision ID: hqweb0001
Revises: hq0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "hqweb0001"
down_revision = "hq0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "hq_staff",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "hq_web_sessions",
        sa.Column("token_sha256", sa.String(64), primary_key=True),
        sa.Column("staff_id", ID, sa.ForeignKey("hq_staff.id"), nullable=False, index=True),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False, index=True),
    )
    op.create_table(
        "hq_sign_in_attempts",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, index=True),
        sa.Column("client_address", sa.String(64), nullable=False, index=True),
        sa.Column("attempted_at", TS, nullable=False, index=True),
        sa.Column("outcome", sa.String(16), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("hq_sign_in_attempts")
    op.drop_table("hq_web_sessions")
    op.drop_table("hq_staff")
