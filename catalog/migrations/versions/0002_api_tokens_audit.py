"""api tokens (hashed) and an audit log of reads of survey data

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 23:10:00

A token is stored only as the SHA-256 of its secret; the secret is shown once at creation.
The audit log records who (token id and role), what (action, school) and when; no personal data.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(200)
SHORT = sa.String(200)
ENUM = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("role", ENUM, nullable=False),
        sa.Column("school_id", ID, sa.ForeignKey("schools.id"), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("label", SHORT, nullable=False),
    )
    op.create_index("ix_api_tokens_school_id", "api_tokens", ["school_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("token_id", sa.Integer(), nullable=True),
        sa.Column("role", ENUM, nullable=False),
        sa.Column("action", SHORT, nullable=False),
        sa.Column("school_id", ID, nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_school_id", "audit_log", ["school_id"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("api_tokens")
