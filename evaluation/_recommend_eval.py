"""Recommend runs: the full scorer and the scorer with each ScoreWeights term set to 0.

A case's ranking is the school's scored candidate list (hard rules applied, MMR order), which
is what the programme is picked from. Profiles are built once per school and shared by all
ablations, since the weights do not touch them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from catalog import School, Settings
from evaluation._judged import JudgedCase
from evaluation._metrics import Ranking
from matcher import (
    Engine,
    InterestProfile,
    RecommendConfig,
    Recommender,
    ScoredItem,
    ScoreWeights,
    wanted_domains,
)

TERMS = ("fit", "demand", "distance", "cost", "load", "quality", "diversity")


def item_key(item: ScoredItem) -> str:
    return item.catalogue_key


def recommender(
    engine: Engine,
    settings: Settings,
    vectors: np.ndarray,
    drop: str | None = None,
    weights: ScoreWeights | None = None,
) -> Recommender:
    """The recommender with `weights` (default: `ScoreWeights()`), term `drop` set to 0."""
    weights = weights or ScoreWeights()
    if drop is not None:
        weights = weights.model_copy(update={drop: 0.0})
    config = RecommendConfig(weights=weights)
    return Recommender(
        engine.catalogue, engine.embedder, engine.index, settings, config, vectors=vectors
    )


def candidates(rec: Recommender, school: School, profile: InterestProfile) -> list[ScoredItem]:
    """The scored, rule-checked candidate list a programme is chosen from, best first."""
    wanted, _ = wanted_domains(profile.domain_share)
    queries = rec.queries(profile, wanted)
    return rec.scored(school, queries, rec.eligibility(school))


def recommend_runs(
    engine: Engine,
    settings: Settings,
    cases: Sequence[JudgedCase],
    schools: Mapping[str, School],
    profiles: Mapping[str, InterestProfile],
    extra: Mapping[str, ScoreWeights] | None = None,
) -> dict[str, Ranking]:
    """`full`, `no-<term>` for every term and the `extra` weightings (e.g. the old defaults):
    case id -> ranked candidate keys."""
    vectors = np.asarray(engine.embedder.encode_documents(engine.catalogue.texts()))
    runs: dict[str, Ranking] = {}
    plan: list[tuple[str, str | None, ScoreWeights | None]] = [("full", None, None)]
    plan += [(name, None, w) for name, w in (extra or {}).items()]
    plan += [(f"no-{t}", t, None) for t in TERMS]
    for name, drop, weights in plan:
        rec = recommender(engine, settings, vectors, drop, weights)
        runs[name] = {
            c.id: [item_key(i) for i in candidates(rec, schools[c.text], profiles[c.text])]
            for c in cases
        }
    return runs
