"""tokens can expire and be revoked; web sign-ins are server-side sessions

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 15:40:00

`api_tokens.expires` / `revoked` (NULL: never / not revoked). `web_sessions` holds the SHA-256
of each web session id (the cookie holds the id, never the token), its token and its expiry;
signing out deletes the row, revoking a token deletes its sessions.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("expires", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("revoked", sa.DateTime(), nullable=True))
    op.create_table(
        "web_sessions",
        sa.Column("session_hash", sa.String(64), primary_key=True),
        sa.Column("token_id", sa.Integer(), sa.ForeignKey("api_tokens.id"), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("expires", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_web_sessions_token_id", "web_sessions", ["token_id"])


def downgrade() -> None:
    op.drop_table("web_sessions")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("revoked")
        batch.drop_column("expires")
