"""The batch's fast paths give the results of the plain path (the 1,000-school batch relies
on them): sparse products, rules split from loads, per-school work on forked processes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from catalog import Kind, School, Settings, SurveyResponse
from catalog._store import open_store
from catalog.policy import ItemLoad, RuleCode, check_pair
from matcher import (
    Engine,
    Programme,
    RecommendConfig,
    Recommender,
    bureau_inputs,
    ordered_map,
    programme_json,
    surveys_by_school,
)
from matcher._eligibility import pair_violations, school_eligibility


def as_json(programme: Programme) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        json.dumps(programme_json(programme), ensure_ascii=False, default=str)
    )
    return doc


@pytest.fixture(scope="module")
def demo(demo_db: Settings) -> tuple[list[School], dict[str, list[SurveyResponse]]]:
    with open_store(demo_db) as store:
        schools = sorted(
            (s for s in store.records(Kind.SCHOOL) if isinstance(s, School)), key=lambda s: s.id
        )
        return schools, surveys_by_school(store, "2026秋")


@pytest.mark.slow
def test_sparse_products_give_the_programmes_of_the_dense_ones(
    demo_engine: Callable[[str], Engine], demo: Any, demo_db: Settings
) -> None:
    """The correctness guard: every 9th demo school, plain path (full float64 products, no
    search memo) against the default one; the whole programme JSON must be equal."""
    schools, surveys = demo
    engine = demo_engine("tfidf")
    index: Any = engine.index
    config = index.config
    index.config = config.model_copy(update={"memo": 0})
    try:
        plain = Recommender(
            engine.catalogue, engine.embedder, engine.index, demo_db,
            RecommendConfig(sparse_products=False),
        )  # fmt: skip
        before = [as_json(plain.programme(s, surveys.get(s.id, []))) for s in schools[::9]]
    finally:
        index.config = config
    fast = engine.recommender()
    assert fast._cosines.sparse and not plain._cosines.sparse
    after = [as_json(fast.programme(s, surveys.get(s.id, []))) for s in schools[::9]]
    assert len(after) >= 8 and after == before


def test_rules_without_loads_plus_load_rules_are_the_pair_rules(
    demo_engine: Callable[[str], Engine], demo: Any, demo_db: Settings
) -> None:
    schools, _ = demo
    engine = demo_engine("tfidf")
    cat = engine.catalogue
    school = schools[0]
    loads = {i.key: ItemLoad(schools=5, visits=50, participants=90) for i in cat.items[::4]}
    pairs = pair_violations(school, cat, demo_db)
    for item in cat.items:
        want = check_pair(school, item.record, provider=item.provider, settings=demo_db)
        assert pairs.get(item.key, []) == want
    level = engine.recommender().item_level
    split = school_eligibility(school, cat, level, demo_db, loads=loads, pairs=pairs)
    whole = school_eligibility(school, cat, level, demo_db, loads=loads)
    assert split == whole and split.violations
    capacity = {RuleCode.OVER_CAPACITY, RuleCode.MAX_SCHOOLS_REACHED}
    assert any(v.rule in capacity for found in split.violations.values() for v in found)


def test_ordered_map_keeps_the_order_on_worker_processes() -> None:
    items = list(range(40))
    square: Callable[[int], int] = lambda x: x * x  # noqa: E731  (a closure, not picklable)
    assert list(ordered_map(square, items, workers=2)) == [x * x for x in items]
    assert list(ordered_map(square, items, workers=0)) == [x * x for x in items]


@pytest.mark.slow
def test_bureau_inputs_on_two_workers_are_the_same(
    demo_engine: Callable[[str], Engine], demo: Any
) -> None:
    schools, surveys = demo
    rec = demo_engine("tfidf").recommender()
    one = bureau_inputs(rec, schools[:24], surveys)
    two = bureau_inputs(rec, schools[:24], surveys, workers=2)
    assert (one.allowed == two.allowed).all() and one.allowed.any()
    assert (one.values == two.values).all()
    assert one.resources == two.resources and one.schools == two.schools
