"""Character n-gram TF-IDF: the model-free fallback, and the lexical half of hybrid search.

It must be fitted: `fit(corpus)` learns the vocabulary and idf weights from the documents it
will serve (the catalogue texts). The fingerprint carries a hash of that vocabulary and its
idf weights, so a refit on a changed catalogue changes the fingerprint: cached vectors and
saved indexes of the old vocabulary are then treated as stale, never mixed with new ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from embeddings._base import BaseEmbedder
from embeddings._errors import BackendUnavailable, NotFitted
from embeddings._normalise import normalise_all


class TfidfConfig(BaseModel):
    """Character n-grams suit Chinese, which has no spaces between words."""

    ngram_min: int = Field(1, ge=1)
    ngram_max: int = Field(2, ge=1)
    max_features: int = Field(8192, ge=16, description="vector dimension cap")
    sublinear_tf: bool = True
    normalise: bool = True
    chunk_size: int = Field(512, ge=1)


class TfidfEmbedder(BaseEmbedder):
    """scikit-learn TfidfVectorizer(analyzer='char'), dense rows, fitted on the documents."""

    backend = "tfidf"

    def __init__(self, config: TfidfConfig | None = None) -> None:
        self.config = config or TfidfConfig()
        super().__init__(self.config.normalise, self.config.chunk_size)
        try:
            from sklearn.feature_extraction.text import TfidfVectorizer
        except ImportError as exc:  # pragma: no cover - sklearn is a core dependency
            raise BackendUnavailable("tfidf", "scikit-learn") from exc
        self._vectorizer: Any = TfidfVectorizer(
            analyzer="char",
            ngram_range=(self.config.ngram_min, self.config.ngram_max),
            max_features=self.config.max_features,
            sublinear_tf=self.config.sublinear_tf,
            dtype=np.float32,
        )
        self._vocab_hash: str | None = None
        self._dim = 0

    @property
    def fitted(self) -> bool:
        return self._vocab_hash is not None

    def fit(self, corpus: Sequence[str]) -> None:
        """Learn vocabulary and idf from `corpus` (normalised the same way as at encode time)."""
        texts = normalise_all(list(corpus), self._normalise)
        if not any(texts):
            raise ValueError("TF-IDF 需要非空语料 / tfidf needs a non-empty corpus to fit")
        self._vectorizer.fit(texts)
        vocab = sorted(self._vectorizer.vocabulary_.items(), key=lambda kv: kv[1])
        digest = hashlib.sha256()
        digest.update("\x1f".join(term for term, _ in vocab).encode("utf-8"))
        digest.update(np.asarray(self._vectorizer.idf_, dtype=np.float32).tobytes())
        self._vocab_hash = digest.hexdigest()[:16]
        self._dim = len(vocab)

    def _require_fit(self) -> str:
        if self._vocab_hash is None:
            raise NotFitted("TF-IDF 尚未拟合，请先调用 fit(语料) / tfidf is not fitted: call fit()")
        return self._vocab_hash

    @property
    def dim(self) -> int:
        self._require_fit()
        return self._dim

    @property
    def model_id(self) -> str:
        c = self.config
        return (
            f"char{c.ngram_min}-{c.ngram_max}|max{c.max_features}|"
            f"sub{int(c.sublinear_tf)}|vocab:{self._require_fit()}"
        )

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        self._require_fit()
        return np.asarray(self._vectorizer.transform(texts).toarray(), dtype=np.float32)

    def _embed_into(self, texts: list[str], is_query: bool, out: np.ndarray) -> None:
        self._require_fit()
        self._vectorizer.transform(texts).toarray(out=out)  # adds into the zeroed rows
