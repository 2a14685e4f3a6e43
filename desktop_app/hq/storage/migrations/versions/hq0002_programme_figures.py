"""HQ schema 2: ``programme_figures``, the privacy-programme block of each submission carrying one
(issue 14). Older submissions have none; nothing is back-filled.

Revision ID: hq0002
Revises: hq0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "hq0002"
down_revision = "hq0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "programme_figures",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column(
            "submission_id",
            sa.String(36),
            sa.ForeignKey("submissions.submission_id"),
            nullable=False,
            unique=True,
        ),
        sa.Column("branch_code", sa.String(64), nullable=False, index=True),
        sa.Column("quarter", sa.String(6), nullable=False, index=True),
        sa.Column("period_to", sa.String(10), nullable=False),
        sa.Column("generated_at", sa.String(20), nullable=False),
        sa.Column("block", sa.Text(), nullable=False),
        sa.Column("received_at", TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("programme_figures")
