"""GET /health: is the service up and does the database answer (no token needed)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter
from sqlalchemy import Engine, text

from api._auth import StateDep
from api._schemas import HealthPublic

router = APIRouter(tags=["health"])


def _version() -> str:
    try:
        return version("kehou")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0.0.0"


def database_ok(engine: Engine) -> bool:
    """The database answers AND its pages are sound: SQLite runs ``PRAGMA quick_check`` (reads
    every page once, milliseconds on a school-sized database), others a plain query; the schema
    must be at a known revision either way."""
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                if conn.exec_driver_sql("PRAGMA quick_check(1)").scalar() != "ok":
                    return False
            else:
                conn.execute(text("SELECT 1"))
            return conn.execute(text("SELECT version_num FROM alembic_version")).first() is not None
    except Exception:
        return False


@router.get("/health", response_model=HealthPublic, summary="健康检查 / health check")
def health(state: StateDep) -> HealthPublic:
    ok = database_ok(state.store.engine)
    return HealthPublic(status="ok" if ok else "degraded", version=_version(), database=ok)
