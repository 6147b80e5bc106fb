"""timetable inputs: a course's room type, a school's classes and own teachers, a rooms file

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 17:10:00

All new columns are nullable: a school or course that gives nothing keeps the timetable's
defaults (classes from students, teachers from classes, rooms from the facilities cell).
`school_rooms` holds the rooms file (场地): one row per school and room type.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(200)
SHORT = sa.String(200)
ENUM = sa.String(40)


def upgrade() -> None:
    with op.batch_alter_table("courses") as batch:
        batch.add_column(sa.Column("room_type", ENUM, nullable=True))
    with op.batch_alter_table("schools") as batch:
        batch.add_column(sa.Column("classes", SHORT, nullable=True))
        batch.add_column(sa.Column("own_teachers", sa.Integer(), nullable=True))
    op.create_table(
        "school_rooms",
        sa.Column("id", ID, primary_key=True),
        sa.Column("school_id", ID, sa.ForeignKey("schools.id"), nullable=False),
        sa.Column("room_type", ENUM, nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=True),
    )
    op.create_index("ix_school_rooms_school_id", "school_rooms", ["school_id"])


def downgrade() -> None:
    op.drop_index("ix_school_rooms_school_id", "school_rooms")
    op.drop_table("school_rooms")
    with op.batch_alter_table("schools") as batch:
        batch.drop_column("own_teachers")
        batch.drop_column("classes")
    with op.batch_alter_table("courses") as batch:
        batch.drop_column("room_type")
