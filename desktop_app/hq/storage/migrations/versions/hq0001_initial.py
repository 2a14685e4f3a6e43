"""HQ schema 1: receipt key, enrolment tokens, branches, request nonces, submissions, audit anchors,
anomalies. The unique constraints are what keep several ``serve`` processes correct.

Revision ID: hq0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "hq0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "hq_keys",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("public_key_b64", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "enrol_tokens",
        sa.Column("token_sha256", sa.String(64), primary_key=True),
        sa.Column("branch_code", sa.String(64), nullable=False, index=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS, nullable=True),
    )
    op.create_table(
        "branches",
        sa.Column("branch_code", sa.String(64), primary_key=True),
        sa.Column("public_key_b64", sa.String(64), nullable=False),
        sa.Column("enrolled_at", TS, nullable=False),
    )
    op.create_table(
        "request_nonces",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("branch_code", sa.String(64), nullable=False),
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("seen_at", TS, nullable=False, index=True),
        sa.UniqueConstraint("branch_code", "nonce", name="uq_request_nonces_branch_nonce"),
    )
    op.create_table(
        "submissions",
        sa.Column("hq_sequence", ID, primary_key=True, autoincrement=True),
        sa.Column("submission_id", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "branch_code", sa.String(64), sa.ForeignKey("branches.branch_code"), nullable=False, index=True
        ),
        sa.Column("payload_sha256", sa.String(64), nullable=False),
        sa.Column("period_from", sa.String(10), nullable=False),
        sa.Column("period_to", sa.String(10), nullable=False),
        sa.Column("envelope", sa.Text(), nullable=False),
        sa.Column("receipt", sa.Text(), nullable=True),
        sa.Column("received_at", TS, nullable=False),
    )
    op.create_table(
        "audit_anchors",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("branch_code", sa.String(64), nullable=False, index=True),
        sa.Column("submission_id", sa.String(36), nullable=False, unique=True),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(128), nullable=False),
        sa.Column("generated_at", sa.String(20), nullable=False),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("anomaly", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "anomalies",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("branch_code", sa.String(64), nullable=False, index=True),
        sa.Column("submission_id", sa.String(36), nullable=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("detected_at", TS, nullable=False),
    )


def downgrade() -> None:
    for table in ("anomalies", "audit_anchors", "submissions", "request_nonces", "branches", "enrol_tokens"):
        op.drop_table(table)
    op.drop_table("hq_keys")
