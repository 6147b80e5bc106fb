"""HTTP-service fixtures: the demo data in a database of the API tests' own, tokens, a client.

The API tests write (uploads, imports, tokens), so they never touch the shared read-only
`demo_db`; each database here is built once per session (about two seconds).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import ApiConfig, create_app
from catalog import Settings, open_store
from catalog._store_auth import create_token

SCHOOL = "TY01"
OTHER = "TY02"
#: tfidf (no model download), a generous bucket so only the rate-limit test meets 429
TEST_CONFIG = ApiConfig(
    backend="tfidf", rate_burst=100_000, rate_per_minute=6_000_000, allocation_time_limit=5.0
)


@dataclass(frozen=True)
class Tokens:
    bureau: str
    planner: str
    other_planner: str


def demo_settings(folder: Path) -> Settings:
    """A fresh database in `folder` holding the demo data (semester 2026秋)."""
    from catalog._importer import import_paths
    from catalog.demo_data import DEMO_DATA_DIR

    settings = Settings(db=str(folder / "api.db"), hmac_secret="test-secret")
    import_paths([DEMO_DATA_DIR], settings, semester="2026秋", user="test")
    return settings


def make_tokens(settings: Settings) -> Tokens:
    with open_store(settings) as store:
        bureau, _ = create_token(store, "bureau", label="test bureau")
        planner, _ = create_token(store, "planner", SCHOOL, label="test planner")
        other, _ = create_token(store, "planner", OTHER, label="other planner")
    return Tokens(bureau, planner, other)


@contextmanager
def own_app(folder: Path) -> Iterator[tuple[TestClient, Tokens, Settings]]:
    """A demo database of a test module's own (the module writes to it), its tokens, and the
    app serving it: for modules whose writes must not leak into the shared `api_settings`."""
    settings = demo_settings(folder)
    tokens = make_tokens(settings)
    with TestClient(create_app(settings, TEST_CONFIG)) as client:
        yield client, tokens, settings


@pytest.fixture(scope="session")
def api_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return demo_settings(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="session")
def api_tokens(api_settings: Settings) -> Tokens:
    return make_tokens(api_settings)


@pytest.fixture(scope="session")
def api_client(api_settings: Settings, api_tokens: Tokens) -> Iterator[TestClient]:
    """One app (one engine build) for the whole session, over the real SQLite file."""
    with TestClient(create_app(api_settings, TEST_CONFIG)) as client:
        yield client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
