"""initial schema: one table per kind of record, plus import_log

Revision ID: 0001
Revises:
Create Date: 2026-11-28 22:00:00

List fields are JSON text, grade ranges two integer columns, enums their Chinese values.
Only portable types and constraints: the same script runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(200)
SHORT = sa.String(200)
ENUM = sa.String(40)


def _index(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "institutions",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", SHORT, nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("district", SHORT, nullable=False),
        sa.Column("services", sa.Text(), nullable=False),
        sa.Column("license_no", SHORT, nullable=False),
        sa.Column("admitted", sa.Boolean(), nullable=False),
        sa.Column("lat", sa.Double(), nullable=True),
        sa.Column("lon", sa.Double(), nullable=True),
    )
    _index("institutions", "district")
    op.create_table(
        "specialists",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", SHORT, nullable=False),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("skills", sa.Text(), nullable=False),
        sa.Column("bio", sa.Text(), nullable=False),
        sa.Column("district", SHORT, nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("max_travel_km", sa.Double(), nullable=False),
        sa.Column("available_slots", sa.Text(), nullable=False),
        sa.Column("max_schools", sa.Integer(), nullable=False),
        sa.Column("fee_per_session", sa.Double(), nullable=False),
        sa.Column("qualification", sa.Text(), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("institution_id", ID, sa.ForeignKey("institutions.id"), nullable=True),
    )
    _index("specialists", "kind", "district", "institution_id")
    op.create_table(
        "courses",
        sa.Column("id", ID, primary_key=True),
        sa.Column("title", SHORT, nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("domains", sa.Text(), nullable=False),
        sa.Column("grade_lo", sa.Integer(), nullable=False),
        sa.Column("grade_hi", sa.Integer(), nullable=False),
        sa.Column("fee_per_session", sa.Double(), nullable=False),
        sa.Column("session_minutes", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("provider_id", ID, nullable=True),
        sa.Column("tags", sa.Text(), nullable=False),
    )
    _index("courses", "provider_id")
    op.create_table(
        "science_resources",
        sa.Column("id", ID, primary_key=True),
        sa.Column("title", SHORT, nullable=False),
        sa.Column("provider", SHORT, nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("topics", sa.Text(), nullable=False),
        sa.Column("format", ENUM, nullable=False),
        sa.Column("district", SHORT, nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("visits_per_semester", sa.Integer(), nullable=False),
        sa.Column("grade_lo", sa.Integer(), nullable=False),
        sa.Column("grade_hi", sa.Integer(), nullable=False),
        sa.Column("cost_per_visit", sa.Double(), nullable=False),
    )
    _index("science_resources", "district")
    op.create_table(
        "schools",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", SHORT, nullable=False),
        sa.Column("district", SHORT, nullable=False),
        sa.Column("level", ENUM, nullable=False),
        sa.Column("area", ENUM, nullable=False),
        sa.Column("students", sa.Integer(), nullable=False),
        sa.Column("lat", sa.Double(), nullable=False),
        sa.Column("lon", sa.Double(), nullable=False),
        sa.Column("facilities", sa.Text(), nullable=False),
        sa.Column("teacher_strengths", sa.Text(), nullable=False),
        sa.Column("exempt_students", sa.Integer(), nullable=False),
        sa.Column("after_school_slots", sa.Text(), nullable=False),
    )
    _index("schools", "district")
    op.create_table(
        "survey_responses",
        sa.Column("respondent_key", sa.String(128), primary_key=True),
        sa.Column("school_id", ID, sa.ForeignKey("schools.id"), nullable=False),
        sa.Column("respondent", ENUM, nullable=False),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.Column("interests", sa.Text(), nullable=False),
        sa.Column("preferred_domains", sa.Text(), nullable=False),
        sa.Column("preferred_days", sa.Text(), nullable=False),
        sa.Column("pickup_time", SHORT, nullable=False),
        sa.Column("semester", ENUM, nullable=False),
        sa.Column("submitted_at", sa.String(64), nullable=True),
    )
    _index("survey_responses", "school_id", "semester")
    op.create_table(
        "import_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", SHORT, nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "import_log",
        "survey_responses",
        "schools",
        "science_resources",
        "courses",
        "specialists",
        "institutions",
    ):
        op.drop_table(table)
