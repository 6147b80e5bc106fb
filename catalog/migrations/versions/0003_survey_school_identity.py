"""survey identity is (school_id, respondent_key), not the key alone

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 15:20:00

With the key alone as primary key, an upload carrying another school's keys replaced that
school's rows (school_id included). Now a row is identified by its school and its key, so an
upload can only insert or replace rows of the school it names. Existing rows keep their keys.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from alembic import op
from sqlalchemy import exc as sa_exc

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _primary_key(columns: list[str]) -> None:
    """SQLite: rebuild the table with the new key; elsewhere swap the constraint in place."""
    if op.get_bind().dialect.name == "sqlite":
        with warnings.catch_warnings():  # SQLAlchemy notes that the reflected key is replaced
            warnings.simplefilter("ignore", sa_exc.SAWarning)
            with op.batch_alter_table("survey_responses", recreate="always") as batch:
                batch.create_primary_key("pk_survey_responses", columns)
        return
    op.drop_constraint("survey_responses_pkey", "survey_responses", type_="primary")
    op.create_primary_key("survey_responses_pkey", "survey_responses", columns)


def upgrade() -> None:
    _primary_key(["respondent_key", "school_id"])


def downgrade() -> None:
    _primary_key(["respondent_key"])
