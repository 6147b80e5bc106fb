"""Citation quality on the judged (wish, item) pairs, with the real tfidf engine on the demo
catalogue: the threshold is chosen on dev, and heldout precision and recall hold up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from catalog import Settings
from evaluation._citation_eval import (
    CITATIONS_CSV,
    calibrate,
    citation_report,
    load_citation_pairs,
    precision_recall,
)
from evaluation._judged import JudgedSetError
from evaluation._report import citation_line
from matcher._engine import Engine
from matcher._recommend import Recommender


@pytest.fixture(scope="module")
def report(demo_engine: Callable[[str], Engine], demo_db: Settings) -> dict:  # type: ignore[type-arg]
    engine = demo_engine("tfidf")
    rec = Recommender(engine.catalogue, engine.embedder, engine.index, demo_db)
    return citation_report(rec)


def test_judged_pairs_are_split_by_wish(demo_engine: Callable[[str], Engine]) -> None:
    _, pairs = load_citation_pairs(CITATIONS_CSV, demo_engine("tfidf").catalogue.keys())
    assert len(pairs) >= 800
    splits: dict[str, set[str]] = {}
    for p in pairs:
        splits.setdefault(p.wish_id, set()).add(p.split)
    assert all(len(s) == 1 for s in splits.values())
    assert sum(p.answers for p in pairs) > 400 and sum(not p.answers for p in pairs) > 250


def test_heldout_precision_and_recall(report: dict) -> None:  # type: ignore[type-arg]
    held = report["at_configured"]["heldout"]
    assert held["recall"] >= 0.8
    assert held["precision"] >= 0.98
    assert report["at_calibrated"]["dev"]["wrong_citations"] == 0
    assert "heldout precision" in citation_line(report)


def test_calibration_prefers_no_wrong_citation_then_recall() -> None:
    sims = np.array([0.9, 0.8, 0.55, 0.5, 0.45, 0.3])
    labels = np.array([True, True, True, False, True, False])
    t = calibrate(sims, labels)
    assert t == 0.51  # the lowest cut that leaves the 0.50 non-answer out
    assert precision_recall(sims, labels, t) == {
        "n": 6, "precision": 1.0, "recall": 0.75, "f1": 0.8571, "wrong_citations": 0,
    }  # fmt: skip


def test_unknown_item_is_an_error_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("wish_id,split,wish,answers,not_answers\nW1,dev,足球,C999,\n", "utf-8")
    with pytest.raises(JudgedSetError, match="第1行"):
        load_citation_pairs(path, ["courses/C001"])
