"""Search runs side by side: random, popularity, TF-IDF, BM25, dense per backend, hybrid.

Every run ranks the whole demo catalogue for each judged query and keeps the top K. Popularity
is query-independent: items by reach per semester (a course's capacity, a specialist's
max_schools x 30, a resource's visits_per_semester x 40), ties by key; it shows what a
"most-offered first" list scores without reading the query at all.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from catalog import Course, ScienceResource, Specialist
from evaluation._bm25 import BM25
from evaluation._judged import JudgedCase
from evaluation._metrics import Ranking
from matcher import Catalogue, CatalogueItem, Engine, KeywordIndex, catalogue_retriever

K = 10


def random_run(catalogue: Catalogue, cases: Sequence[JudgedCase], seed: int) -> Ranking:
    """A seeded random top-K per case (seed and case position fix it)."""
    keys = catalogue.keys()
    out = {}
    for n, case in enumerate(cases):
        rng = np.random.default_rng([seed, n])
        out[case.id] = [keys[i] for i in rng.permutation(len(keys))[:K]]
    return out


def reach(item: CatalogueItem) -> float:
    """Students an item can reach in a semester, roughly; the popularity baseline's key."""
    rec = item.record
    if isinstance(rec, Course):
        return float(rec.capacity)
    if isinstance(rec, Specialist):
        return float(rec.max_schools) * 30.0
    if isinstance(rec, ScienceResource):
        return float(rec.visits_per_semester) * 40.0
    return 0.0


def popularity_run(catalogue: Catalogue, cases: Sequence[JudgedCase]) -> Ranking:
    ranked = sorted(catalogue.items, key=lambda i: (-reach(i), i.key))[:K]
    return {c.id: [i.key for i in ranked] for c in cases}


def keyword_run(catalogue: Catalogue, cases: Sequence[JudgedCase]) -> Ranking:
    """TF-IDF only: the matcher's own keyword half (character 1-3-grams)."""
    index = KeywordIndex(catalogue.keys(), catalogue.texts())
    hits = index.search_many([c.text for c in cases], K)
    return {c.id: [k for k, _ in row] for c, row in zip(cases, hits, strict=True)}


def bm25_run(catalogue: Catalogue, cases: Sequence[JudgedCase]) -> Ranking:
    index = BM25(catalogue.keys(), catalogue.texts())
    return {c.id: index.search(c.text, K) for c in cases}


def retriever_run(engine: Engine, cases: Sequence[JudgedCase], *, hybrid: bool) -> Ranking:
    """Dense only (hybrid=False) or dense + keyword by RRF, as `kehou search` does."""
    retriever = catalogue_retriever(
        engine.catalogue, engine.embedder, engine.index, use_keyword=hybrid
    )
    hits = retriever.search_many([c.text for c in cases], K)
    return {c.id: [h.key for h in row] for c, row in zip(cases, hits, strict=True)}


def search_runs(
    engines: dict[str, Engine],
    hybrid_backends: Sequence[str],
    cases: Sequence[JudgedCase],
    seed: int,
) -> dict[str, Ranking]:
    """Every search run by name; `engines` maps backend name to its engine (same catalogue)."""
    catalogue = next(iter(engines.values())).catalogue
    runs: dict[str, Ranking] = {
        "random": random_run(catalogue, cases, seed),
        "popularity": popularity_run(catalogue, cases),
        "tfidf-keyword": keyword_run(catalogue, cases),
        "bm25": bm25_run(catalogue, cases),
    }
    for backend, engine in engines.items():
        runs[f"dense:{backend}"] = retriever_run(engine, cases, hybrid=False)
    for backend in hybrid_backends:
        runs[f"hybrid:{backend}"] = retriever_run(engines[backend], cases, hybrid=True)
    return runs
