"""The retention setting: the batch deletes survey semesters older than it allows, no more."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.batch import Batch
from catalog import Kind, Settings
from catalog._store import open_store
from catalog._store_auth import retention_cutoff


@pytest.mark.parametrize(
    ("semester", "keep", "cutoff"),
    [
        ("2026秋", 1, "2026秋"),
        ("2026秋", 2, "2026春"),
        ("2026秋", 3, "2025秋"),
        ("2027春", 4, "2025秋"),
    ],
)
def test_retention_cutoff(semester: str, keep: int, cutoff: str) -> None:
    assert retention_cutoff(semester, keep) == cutoff


def test_retention_cutoff_refuses_unknown_labels() -> None:
    assert retention_cutoff("下学期", 2) is None


def test_batch_retention_keeps_only_allowed_semesters(demo_db: Settings, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    shutil.copy(demo_db.db, db)
    settings = demo_db.model_copy(update={"db": str(db), "retention_semesters": 1})
    with open_store(settings) as store:
        before = [r.semester for r in store.records(Kind.SURVEY)]  # type: ignore[attr-defined]
        assert "2026春" in before  # the demo has a few older rows
        deleted = Batch(store, settings, "2026秋", tmp_path / "out").retention()
        after = [r.semester for r in store.records(Kind.SURVEY)]  # type: ignore[attr-defined]
    assert deleted == before.count("2026春") > 0
    assert set(after) == {"2026秋"} and len(after) == len(before) - deleted
    keep_all = demo_db.model_copy(update={"db": str(db)})
    with open_store(keep_all) as store:
        assert Batch(store, keep_all, "2026秋", tmp_path / "out").retention() == 0
