"""The judged sets: format, loader errors, and the shipped sets' size, splits and wording."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from evaluation import (
    RECOMMEND_CSV,
    SEARCH_CSV,
    JudgedSetError,
    expand_relevant,
    load_judged,
)
from matcher import Engine

ROOT = Path(__file__).resolve().parents[2]


def test_expand_relevant_ranges_and_max_grade() -> None:
    got = expand_relevant("C008-C010:2;SP045:1;C009:1")
    assert got == {
        "courses/C008": 2,
        "courses/C009": 2,
        "courses/C010": 2,
        "specialists/SP045": 1,
    }


@pytest.mark.parametrize("cell", ["C001:3", "X12:2", "C005-C003:2", "C001-SP004:1", "C001"])
def test_expand_relevant_rejects_bad_cells(cell: str) -> None:
    with pytest.raises(JudgedSetError):
        expand_relevant(cell)


def _write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "judged.csv"
    path.write_text("# judged by a test\nid,split,query,relevant\n" + rows, encoding="utf-8")
    return path


def test_loader_rejects_ids_not_in_catalogue(tmp_path: Path) -> None:
    known = ["courses/C001", "courses/C002"]
    ok = load_judged(_write(tmp_path, "q1,dev,足球,C001-C002:2\n"), known)
    assert ok.note == "judged by a test"
    assert ok.cases[0].relevant == {"courses/C001": 2, "courses/C002": 2}
    with pytest.raises(JudgedSetError, match="C003"):
        load_judged(_write(tmp_path, "q1,dev,足球,C001-C003:2\n"), known)


def test_loader_rejects_unknown_split(tmp_path: Path) -> None:
    with pytest.raises(JudgedSetError, match="split"):
        load_judged(_write(tmp_path, "q1,test,足球,C001:2\n"), ["courses/C001"])


def test_shipped_sets_load_against_the_demo_catalogue(
    demo_engine: Callable[[str], Engine],
) -> None:
    known = demo_engine("tfidf").catalogue.keys()
    search = load_judged(SEARCH_CSV, known, "search", "query")
    recommend = load_judged(RECOMMEND_CSV, known, "recommend", "school_id")
    assert len(search.cases) >= 60 and len(recommend.cases) >= 20
    for judged in (search, recommend):
        share = len(judged.split("heldout")) / len(judged.cases)
        assert 0.3 <= share <= 0.37
        assert "H8" in judged.note
    assert len({c.text for c in search.cases}) == len(search.cases)
    assert all(2 in c.relevant.values() for c in search.cases)
    assert len({c.text for c in recommend.cases}) == len(recommend.cases)  # distinct schools


def test_queries_do_not_repeat_the_generator_forms() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from demo._phrases import FORMS

    forms = {f for _, surface in FORMS.values() for f in surface}
    known = [f"courses/C{n:03d}" for n in range(1, 1000)]
    known += [f"specialists/SP{n:03d}" for n in range(1, 1000)]
    known += [f"science_resources/SR{n:02d}" for n in range(1, 100)]
    search = load_judged(SEARCH_CSV, known)
    assert not [c.text for c in search.cases if c.text in forms]
    assert min(len(c.text) for c in search.cases) >= 8
