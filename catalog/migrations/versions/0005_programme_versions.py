"""stored programmes (every version, with the approval state) and the stored allocation

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 15:40:00

A programme is kept per school and semester as a chain of versions: who, when, what changed,
why, the state (draft → submitted → approved, or returned with a comment), the 家委会 and 公示
dates of a submission, the inputs it was computed from and the programme JSON. The bureau's
allocation is kept per semester, so the overview and the batch read one source of truth.
Surveys get a (school, semester) index so a school's read does not scan the city.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(200)
SHORT = sa.String(200)
ENUM = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "programme_versions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("school_id", ID, sa.ForeignKey("schools.id"), nullable=False),
        sa.Column("semester", ENUM, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", ENUM, nullable=False),
        sa.Column("action", ENUM, nullable=False),
        sa.Column("author", SHORT, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("consulted_on", sa.String(10), nullable=True),
        sa.Column("notice_on", sa.String(10), nullable=True),
        sa.Column("inputs", sa.Text(), nullable=False),
        sa.Column("doc", sa.Text(), nullable=False),
        sa.UniqueConstraint("school_id", "semester", "version", name="uq_programme_version"),
    )
    op.create_index(
        "ix_programme_versions_school_semester", "programme_versions", ["school_id", "semester"]
    )
    op.create_index("ix_programme_versions_state", "programme_versions", ["state"])
    op.create_table(
        "stored_allocations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("semester", ENUM, nullable=False),
        sa.Column("author", SHORT, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("doc", sa.Text(), nullable=False),
    )
    op.create_index("ix_stored_allocations_semester", "stored_allocations", ["semester"])
    op.create_index(
        "ix_survey_responses_school_semester", "survey_responses", ["school_id", "semester"]
    )


def downgrade() -> None:
    op.drop_index("ix_survey_responses_school_semester", "survey_responses")
    op.drop_table("stored_allocations")
    op.drop_table("programme_versions")
