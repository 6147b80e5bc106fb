"""The ScoreWeights fit: a term that should win does (synthetic pools), the fit's ranking is
the recommender's own (demo data), and the shipped defaults are the fitted weights."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pytest

from catalog import Kind, School, Settings
from catalog._store import open_store
from evaluation import (
    FIT_JSON,
    OLD_DEFAULTS,
    RECOMMEND_CSV,
    FitCase,
    JudgedCase,
    fit_cases,
    fit_weights,
    load_judged,
    mean_ndcg,
)
from evaluation._recommend_eval import candidates, recommender
from evaluation._weight_fit import ranking
from matcher import CandidatePool, Engine, ScoreInputs, ScoreWeights, surveys_by_school


def _case(n: int, relevant: list[int], distance: list[float], cost: list[float]) -> FitCase:
    keys = tuple(f"courses/C{i:03d}" for i in range(12))
    inputs = ScoreInputs(
        fit=np.full(12, 0.5), demand=np.zeros(12), distance_km=np.array(distance),
        cost_ratio=np.array(cost), load=np.zeros(12), quality=np.full(12, 0.5),
    )  # fmt: skip
    pool = CandidatePool(keys, inputs, np.eye(12, dtype=np.float32), ((),) * 12, {})
    judged = JudgedCase(f"r{n:02d}", "dev", f"S{n}", {keys[i]: 2 for i in relevant})
    return FitCase(judged, pool)


def _cheap_but_far(n: int) -> FitCase:
    """The judged items (the last four) are free and 40 km away; the rest are at the fee cap
    and 1 km away. Under the old defaults closeness outweighs cost, so the wrong items lead."""
    relevant = [8, 9, 10, 11]
    distance = [40.0 if i in relevant else 1.0 for i in range(12)]
    cost = [0.0 if i in relevant else 1.0 for i in range(12)]
    return _case(n, relevant, distance, cost)


def test_the_term_that_should_win_does() -> None:
    cases = [_cheap_but_far(n) for n in range(1, 4)]
    assert mean_ndcg(cases, ScoreWeights(**OLD_DEFAULTS)) < 0.5
    result = fit_weights(cases)
    assert result.chosen_dev == pytest.approx(1.0)
    assert result.chosen["cost"] > 0 and "cost" not in result.dropped
    # inputs that are the same for every item cannot matter: dropped or not identifiable
    assert {"demand", "quality"} <= set(result.dropped)
    assert "diversity" not in result.dropped  # never dropped: item grades cannot see it
    assert result.not_identifiable == ["load"]
    assert result.chosen["load"] == OLD_DEFAULTS["load"]
    assert result.chosen_dev >= result.grid_best_dev - 0.005
    assert fit_weights(cases) == result  # deterministic


def test_ties_keep_the_index_order() -> None:
    flat = _case(1, [0, 1], [5.0] * 12, [0.5] * 12)
    w = ScoreWeights(**OLD_DEFAULTS)
    assert list(ranking([flat], w, 12)["r01"]) == list(flat.pool.keys)


def test_fit_ranking_is_the_recommenders(
    demo_db: Settings, demo_engine: Callable[[str], Engine]
) -> None:
    engine = demo_engine("tfidf")
    judged = load_judged(RECOMMEND_CSV, engine.catalogue.keys(), "recommend", "school_id")
    cases = list(judged.cases[:3])
    with open_store(demo_db) as store:
        schools = {s.id: s for s in store.records(Kind.SCHOOL) if isinstance(s, School)}
        surveys = surveys_by_school(store)
    vectors = np.asarray(engine.embedder.encode_documents(engine.catalogue.texts()))
    weights = ScoreWeights(**{**OLD_DEFAULTS, "diversity": 0.4})
    rec = recommender(engine, demo_db, vectors, weights=weights)
    profiles = {c.text: rec.profile(c.text, surveys.get(c.text, [])) for c in cases}
    pools = fit_cases(rec, cases, schools, profiles)
    got = ranking(pools, weights, rec.config.candidates)
    for case in cases:
        real = candidates(rec, schools[case.text], profiles[case.text])
        assert list(got[case.id]) == [i.catalogue_key for i in real]
        assert list(ranking(pools, weights, 10)[case.id]) == list(got[case.id])[:10]


def test_defaults_are_the_fitted_weights() -> None:
    fit = json.loads(FIT_JSON.read_text(encoding="utf-8"))
    assert ScoreWeights().model_dump() == fit["chosen"]
