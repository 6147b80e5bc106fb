"""Shared fixtures: a seeded rng, the public benchmark data folder, and a fresh settings object."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from catalog import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = (ROOT / ".." / "shared" / "data").resolve()

# The default test run downloads nothing: every model must come from an installed package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture
def rng() -> np.random.Generator:
    """A seeded generator, so a failing randomised test fails the same way again."""
    return np.random.default_rng(20230901)


@pytest.fixture
def shared_data() -> Path:
    """../shared/data, or skip with a clear message when this checkout has none (CI has it)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"public benchmark data not found at {SHARED_DATA} (../shared/data)")
    return SHARED_DATA


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at a fresh SQLite file in the test's own folder."""
    return Settings(db=str(tmp_path / "kehou.db"), hmac_secret="test-secret")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled 株洲 demo data imported once per test session (treat it as read-only)."""
    from catalog._importer import import_paths
    from catalog.demo_data import DEMO_DATA_DIR

    folder = tmp_path_factory.mktemp("demo")
    settings = Settings(db=str(folder / "kehou-demo.db"), hmac_secret="test-secret")
    import_paths([DEMO_DATA_DIR], settings, semester="2026秋", user="test")
    return settings
