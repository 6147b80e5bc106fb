"""Hybrid retrieval for one query under the hard rules: dense (vector index) + keyword, by RRF.

Each hit records which half found it. A Chinese query that the keyword half cannot match at all
is logged as a warning: it is the known failure of hybrid search where the lexical side quietly
contributes nothing.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from embeddings import Embedder, VectorIndex
from matcher._fusion import reciprocal_rank_fusion
from matcher._keyword import KeywordIndex

log = logging.getLogger(__name__)
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Hit:
    key: str
    fit: float  # sum of 1/(fit_k + rank) over signals, scaled so rank 1 everywhere is 1.0
    found_by: tuple[str, ...]
    rrf: float = 0.0  # the reciprocal-rank-fusion score that orders the hits


class HybridRetriever:
    """Dense and keyword retrieval over the same keys, fused by reciprocal rank."""

    def __init__(
        self,
        embedder: Embedder,
        index: VectorIndex,
        keyword: KeywordIndex,
        *,
        rrf_k: int = 60,
        fit_k: int = 5,
        use_dense: bool = True,
        use_keyword: bool = True,
    ) -> None:
        self.embedder, self.index, self.keyword = embedder, index, keyword
        self.rrf_k, self.fit_k = rrf_k, fit_k
        self.use_dense, self.use_keyword = use_dense, use_keyword
        self._local = threading.local()

    @property
    def warnings(self) -> list[str]:
        """This thread's warnings: one retriever serves many request threads at once, so
        each thread collects (and resets) its own list."""
        found: list[str] | None = getattr(self._local, "warnings", None)
        if found is None:
            found = self._local.warnings = []
        return found

    @warnings.setter
    def warnings(self, value: list[str]) -> None:
        self._local.warnings = value

    def search(self, query: str, k: int, allowed: Collection[str] | None = None) -> list[Hit]:
        """Top-k fused hits among `allowed` keys (all keys when None)."""
        return self.search_many([query], k, allowed)[0]

    def search_many(
        self, queries: Sequence[str], k: int, allowed: Collection[str] | None = None
    ) -> list[list[Hit]]:
        """One fused list per query; the dense half is one batched index call."""
        if allowed is not None and not allowed:
            return [[] for _ in queries]
        dense = self._dense(queries, k, allowed)
        lexical = self.keyword.search_many(queries, k, allowed) if self.use_keyword else []
        out = []
        for n, (query, dense_ids) in enumerate(zip(queries, dense, strict=True)):
            rankings: dict[str, list[str]] = {}
            if self.use_dense:
                rankings["dense"] = dense_ids
            if self.use_keyword:
                rankings["keyword"] = [key for key, _ in lexical[n]]
                if not rankings["keyword"] and _HAN.search(query):
                    self._warn(f"关键词检索对“{query}”没有结果 / keyword half found nothing")
            fused = reciprocal_rank_fusion(rankings, k=self.rrf_k)[:k]
            fit = _fit(rankings, self.fit_k)
            out.append([Hit(key, fit[key], found, rrf) for key, rrf, found in fused])
        return out

    def _dense(
        self, queries: Sequence[str], k: int, allowed: Collection[str] | None
    ) -> list[list[str]]:
        if not self.use_dense or not queries:
            return [[] for _ in queries]
        vectors = np.asarray(self.embedder.encode_queries(list(queries)), dtype=np.float32)
        subset = None if allowed is None else list(allowed)
        hits = self.index.search(vectors, k, allowed_ids=subset)
        return [[h.id for h in row] for row in hits]

    def _warn(self, message: str) -> None:
        log.warning(message)
        self.warnings.append(message)


def _fit(rankings: dict[str, list[str]], fit_k: int) -> dict[str, float]:
    """How well each hit fits its query, in [0, 1], from its ranks (not from raw scores).

    The order comes from RRF with the usual k=60, which is flat by design; the fit that feeds
    the score uses a small k so that rank 1 and rank 10 of the same query differ clearly.
    """
    top = (len(rankings) or 1) / (fit_k + 1)
    fit: dict[str, float] = {}
    for ids in rankings.values():
        for rank, key in enumerate(ids, start=1):
            fit[key] = fit.get(key, 0.0) + 1.0 / (fit_k + rank) / top
    return fit
