"""GET /health: is the service up and does the database answer (no token needed)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter
from sqlalchemy import text

from api._auth import StateDep
from api._schemas import HealthPublic

router = APIRouter(tags=["health"])


def _version() -> str:
    try:
        return version("kehou")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0.0.0"


@router.get("/health", response_model=HealthPublic, summary="健康检查 / health check")
def health(state: StateDep) -> HealthPublic:
    try:
        with state.store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        ok = True
    except Exception:
        ok = False
    return HealthPublic(status="ok" if ok else "degraded", version=_version(), database=ok)
