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
    engine: Engine, settings: Settings, vectors: np.ndarray, drop: str | None = None
) -> Recommender:
    """The default recommender, or the one with term `drop` weighted 0."""
    weights = ScoreWeights() if drop is None else ScoreWeights(**{drop: 0.0})
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
) -> dict[str, Ranking]:
    """`full` and `no-<term>` for every term: case id -> ranked candidate keys."""
    vectors = np.asarray(engine.embedder.encode_documents(engine.catalogue.texts()))
    runs: dict[str, Ranking] = {}
    for drop in (None, *TERMS):
        rec = recommender(engine, settings, vectors, drop)
        name = "full" if drop is None else f"no-{drop}"
        runs[name] = {
            c.id: [item_key(i) for i in candidates(rec, schools[c.text], profiles[c.text])]
            for c in cases
        }
    return runs
