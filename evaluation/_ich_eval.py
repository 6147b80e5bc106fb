"""Search quality on the judged 非遗 wishes: every signal alone, the old hybrid, the fused default.

The corpus is the national list (`evaluation._ich`): an item's name is its title field, its
category, region and whole description the body; dense models read the name, category, region
and the start of the description (cut per backend, see `DESC_CHARS_BY_BACKEND`). Signal matrices
(queries x projects) feed the fusion fit (`evaluation._fusion_fit`); the fused run itself comes
from the real `HybridRetriever`, the same class `kehou search` uses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embeddings import Embedder, FaissIndex, create_embedder
from evaluation._ich import DESC_CHARS_BY_BACKEND, IchItem, cached_vectors
from evaluation._judged import JudgedCase
from evaluation._metrics import Ranking
from matcher import (
    FieldedKeywordIndex,
    HybridRetriever,
    KeywordIndex,
    RetrieverConfig,
    rrf_contributions,
    top_positive,
)

K = 10
BACKENDS = ("e5-small", "use-m3")


@dataclass
class IchSearch:
    """Everything searchable about the list: keyword indexes, embedders and their vectors."""

    items: list[IchItem]
    keyword: KeywordIndex
    fielded: FieldedKeywordIndex
    embedders: dict[str, Embedder]
    vectors: dict[str, np.ndarray]

    @property
    def keys(self) -> list[str]:
        return [i.key for i in self.items]


def body(item: IchItem) -> str:
    return f"{item.category} {item.region} {item.description}"


def build_ich_search(
    items: Sequence[IchItem], cache_dir: Path, backends: Sequence[str] = BACKENDS
) -> IchSearch:
    """Indexes over the list; dense vectors come from (and go to) `cache_dir`."""
    keys = [i.key for i in items]
    full = [f"{i.name} {body(i)}" for i in items]
    keyword = KeywordIndex(keys, full)
    fielded = FieldedKeywordIndex(keys, [i.name for i in items], [body(i) for i in items])
    embedders = {name: create_embedder(name) for name in backends}
    vectors = {
        name: cached_vectors(emb, [i.text(DESC_CHARS_BY_BACKEND[name]) for i in items], cache_dir)
        for name, emb in embedders.items()
    }
    return IchSearch(list(items), keyword, fielded, embedders, vectors)


def signal_matrices(search: IchSearch, queries: Sequence[str]) -> dict[str, np.ndarray]:
    """Every signal's (queries x projects) scores: dense cosines and keyword scores."""
    out: dict[str, np.ndarray] = {}
    for name, emb in search.embedders.items():
        q = np.asarray(emb.encode_queries(list(queries)), dtype=np.float32)
        out[f"dense:{name}"] = (q @ search.vectors[name].T).astype(np.float64)
    vec = search.keyword._vectorizer
    out["tfidf"] = np.asarray((vec.transform(list(queries)) @ search.keyword._matrix.T).todense())
    out["bm25"] = search.fielded.scores(queries, field="plain")
    out["bm25f"] = search.fielded.scores(queries)
    out["title"] = search.fielded.scores(queries, field="title")
    return out


def top_k_run(scores: np.ndarray, keys: Sequence[str], cases: Sequence[JudgedCase]) -> Ranking:
    """A ranking per case from one score matrix (positive scores only)."""
    return {
        c.id: [k for k, _ in top_positive(keys, row, K)]
        for c, row in zip(cases, scores, strict=True)
    }


def old_hybrid_run(
    signals: Mapping[str, np.ndarray], keys: Sequence[str], cases: Sequence[JudgedCase]
) -> Ranking:
    """The pre-fusion default: e5-small top 10 + TF-IDF top 10 by RRF k=60."""
    fused = rrf_contributions(signals["dense:e5-small"], k=60, depth=K) + rrf_contributions(
        signals["tfidf"], k=60, depth=K
    )
    return top_k_run(fused, keys, cases)


def fused_retriever(
    search: IchSearch, config: RetrieverConfig | None = None, *, extra: bool = True
) -> HybridRetriever:
    """The real retriever over the list: e5-small primary, use-m3 extra (unless not `extra`)."""
    indexes = {}
    for name, vecs in search.vectors.items():
        index = FaissIndex(vecs.shape[1])
        index.add(search.keys, vecs)
        indexes[name] = index
    others = [n for n in search.embedders if n != "e5-small"] if extra else []
    extra_dense = {f"dense:{n}": (search.embedders[n], indexes[n]) for n in others}
    return HybridRetriever(
        search.embedders["e5-small"],
        indexes["e5-small"],
        search.keyword,
        fielded=search.fielded,
        extra_dense=extra_dense,
        config=config,
    )


def fused_run(retriever: HybridRetriever, cases: Sequence[JudgedCase]) -> Ranking:
    hits = retriever.search_many([c.text for c in cases], K)
    return {c.id: [h.key for h in row] for c, row in zip(cases, hits, strict=True)}


def qrels_positions(cases: Sequence[JudgedCase], keys: Sequence[str]) -> list[dict[int, int]]:
    """Each case's judgments as {project position: grade}, for the fusion fit."""
    pos = {k: n for n, k in enumerate(keys)}
    return [{pos[k]: g for k, g in c.relevant.items() if k in pos} for c in cases]
