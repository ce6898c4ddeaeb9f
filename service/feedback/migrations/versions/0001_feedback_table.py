"""The feedback table.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "taskqual_feedback",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("expected", sa.String(32), nullable=False),
        sa.Column("task_id", sa.String(200)),
        sa.Column("task_type", sa.String(200)),
        sa.Column("comment", sa.Text()),
        sa.Column("user_name", sa.String(200)),
        sa.Column("model_version", sa.String(64)),
    )


def downgrade() -> None:
    op.drop_table("taskqual_feedback")
