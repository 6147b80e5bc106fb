"""Engines over the demo database, built once per test session and per backend."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from catalog import Settings
from catalog._store import open_store
from matcher import Engine, open_engine

_ENGINES: dict[str, Engine] = {}


@pytest.fixture(scope="session")
def demo_engine(demo_db: Settings) -> Callable[[str], Engine]:
    """`demo_engine("tfidf")` -> the demo catalogue indexed with that backend (cached)."""

    def get(backend: str) -> Engine:
        if backend not in _ENGINES:
            with open_store(demo_db) as store:
                _ENGINES[backend] = open_engine(store, demo_db, backend)
        return _ENGINES[backend]

    return get
