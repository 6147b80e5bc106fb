"""The keyword half of hybrid retrieval: sparse character n-gram TF-IDF over item texts.

Character n-grams because Chinese has no spaces and wishes are short: 踢球 and 足球 share 球,
and single characters matter for two-character wishes. Kept sparse (no dense vocabulary-wide
rows), so a search is one sparse matrix-vector product.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, Field
from sklearn.feature_extraction.text import TfidfVectorizer

from embeddings import normalise


class KeywordConfig(BaseModel):
    analyzer: Literal["char", "char_wb"] = "char_wb"
    ngram_min: int = Field(1, ge=1)
    ngram_max: int = Field(3, ge=1)
    sublinear_tf: bool = True


class KeywordIndex:
    """TF-IDF over a fixed list of keyed texts; `search` returns (key, cosine) best first."""

    def __init__(
        self, keys: Sequence[str], texts: Sequence[str], config: KeywordConfig | None = None
    ) -> None:
        self.config = config or KeywordConfig()
        self.keys = list(keys)
        self._pos = {k: i for i, k in enumerate(self.keys)}
        self._vectorizer = TfidfVectorizer(
            analyzer=self.config.analyzer,
            ngram_range=(self.config.ngram_min, self.config.ngram_max),
            sublinear_tf=self.config.sublinear_tf,
        )
        self._matrix: Any = self._vectorizer.fit_transform([normalise(t) for t in texts])
        self._matrix_t: Any = self._matrix.T.tocsr()  # what `q @ matrix.T` converted per call

    def search(
        self, query: str, k: int, allowed: Collection[str] | None = None
    ) -> list[tuple[str, float]]:
        """Top-k keys with a positive score, optionally only among `allowed` keys."""
        return self.search_many([query], k, allowed)[0]

    def search_many(
        self, queries: Sequence[str], k: int, allowed: Collection[str] | None = None
    ) -> list[list[tuple[str, float]]]:
        """`search` for several queries with one vectorizer call (its overhead dominates)."""
        if not queries:
            return []
        q = self._vectorizer.transform([normalise(t) for t in queries])
        scores = np.asarray((q @ self._matrix_t).todense())
        if allowed is not None:
            mask = np.zeros(len(self.keys), dtype=bool)
            mask[[self._pos[a] for a in allowed if a in self._pos]] = True
            scores = np.where(mask[None, :], scores, 0.0)
        return [self._top(row, k) for row in scores]

    def _top(self, scores: np.ndarray, k: int) -> list[tuple[str, float]]:
        positive = np.flatnonzero(scores > 0)
        order = positive[np.lexsort((positive, -scores[positive]))][:k]
        return [(self.keys[i], float(scores[i])) for i in order]
