"""The Alembic migration shipped in the package creates the schema, once, matching the tables."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from catalog import Settings
from catalog._store import open_store
from catalog._store_tables import Base

TABLES = {
    "institutions",
    "specialists",
    "courses",
    "science_resources",
    "schools",
    "survey_responses",
    "import_log",
    "api_tokens",
    "audit_log",
    "programme_versions",
    "stored_allocations",
    "school_rooms",
    "web_sessions",
    "alembic_version",
}


def _head() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", "catalog:migrations")
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def test_migration_creates_every_table(tmp_path: Path) -> None:
    db = tmp_path / "schema.db"
    open_store(Settings(db=str(db))).close()
    inspector = inspect(create_engine(f"sqlite:///{db}"))
    assert set(inspector.get_table_names()) == TABLES
    columns = {c["name"] for c in inspector.get_columns("courses")}
    assert {"grade_lo", "grade_hi", "domains", "provider_id"} <= columns
    assert "grades" not in columns
    survey_fks = inspector.get_foreign_keys("survey_responses")
    assert [fk["referred_table"] for fk in survey_fks] == ["schools"]


def test_reopening_is_idempotent_and_keeps_data(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "again.db"))
    with open_store(settings) as store, store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO import_log (at, user, files, counts) "
                "VALUES ('2026-09-01 00:00:00', 'x', '[]', '{}')"
            )
        )
    for _ in range(2):
        with open_store(settings) as store, store.engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
            assert versions == [(_head(),)]
            assert store.stats()["imports"]["count"] == 1


def test_tables_match_the_migration(tmp_path: Path) -> None:
    """The ORM tables and the hand-written migration agree (no pending autogenerate diff)."""
    db = tmp_path / "diff.db"
    open_store(Settings(db=str(db))).close()
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_pragmas_are_set(tmp_path: Path) -> None:
    with open_store(Settings(db=str(tmp_path / "p.db"))) as store, store.engine.connect() as c:
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_url_and_missing_parent_folder(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "er" / "k.db"
    with open_store(Settings(db=f"sqlite:///{db}")) as store:
        assert store.counts()["courses"] == 0
    assert db.exists()
