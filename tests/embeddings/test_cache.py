"""The content-hash cache in a real SQLite file, around the real TF-IDF backend."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sqlalchemy import inspect

from embeddings import CachedEmbedder, EmbeddingCache, FloatArray, TfidfEmbedder
from tests.embeddings.conftest import TEXTS


class Recording:
    """The real backend, plus a record of which texts actually reached it."""

    def __init__(self, inner: TfidfEmbedder) -> None:
        self.inner = inner
        self.seen: list[str] = []

    @property
    def dim(self) -> int:
        return self.inner.dim

    @property
    def fingerprint(self) -> str:
        return self.inner.fingerprint

    def encode_queries(self, texts: Sequence[str]) -> FloatArray:
        self.seen.extend(texts)
        return self.inner.encode_queries(texts)

    def encode_documents(self, texts: Sequence[str]) -> FloatArray:
        self.seen.extend(texts)
        return self.inner.encode_documents(texts)


def _tfidf(corpus: list[str] = TEXTS) -> TfidfEmbedder:
    embedder = TfidfEmbedder()
    embedder.fit(corpus)
    return embedder


def test_only_misses_are_embedded_and_vectors_are_identical(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kehou.db'}"
    inner = Recording(_tfidf())
    cached = CachedEmbedder(inner, EmbeddingCache(url))
    first = cached.encode_documents([*TEXTS, TEXTS[0]])  # one repeat within the call
    assert inner.seen == TEXTS
    assert (cached.hits, cached.misses) == (0, len(TEXTS))
    assert np.array_equal(first[:-1], inner.inner.encode_documents(TEXTS))
    assert np.array_equal(first[0], first[-1])

    inner.seen.clear()
    again = CachedEmbedder(inner, EmbeddingCache(url))  # a new process, same database
    second = again.encode_documents([TEXTS[2], "新来的书法课", "ＡＢＣ　机器人"])
    assert inner.seen == ["新来的书法课", "ＡＢＣ　机器人"]
    assert np.array_equal(second[0], first[2])
    assert (again.hits, again.misses) == (1, 2)


def test_width_variants_share_one_entry(tmp_path: Path) -> None:
    inner = Recording(_tfidf())
    cached = CachedEmbedder(inner, EmbeddingCache(f"sqlite:///{tmp_path / 'c.db'}"))
    cached.encode_documents(["ABC 机器人"])
    cached.encode_documents(["ＡＢＣ　　机器人"])
    assert inner.seen == ["ABC 机器人"]


def test_queries_and_documents_are_cached_apart(tmp_path: Path) -> None:
    inner = Recording(_tfidf())
    cached = CachedEmbedder(inner, EmbeddingCache(f"sqlite:///{tmp_path / 'c.db'}"))
    cached.encode_documents(TEXTS[:2])
    cached.encode_queries(TEXTS[:2])
    assert inner.seen == TEXTS[:2] * 2
    assert cached.cache.count() == 4


def test_empty_input(tmp_path: Path) -> None:
    cached = CachedEmbedder(_tfidf(), EmbeddingCache(f"sqlite:///{tmp_path / 'c.db'}"))
    assert cached.encode_documents([]).shape == (0, cached.dim)


def test_purge_other_fingerprints(tmp_path: Path) -> None:
    cache = EmbeddingCache(f"sqlite:///{tmp_path / 'c.db'}")
    old, new = _tfidf(), _tfidf([*TEXTS, "书法"])
    assert old.fingerprint != new.fingerprint
    CachedEmbedder(old, cache).encode_documents(TEXTS)
    CachedEmbedder(new, cache).encode_documents(TEXTS[:2])
    assert cache.purge_other_fingerprints(new.fingerprint) == len(TEXTS)
    assert cache.count() == cache.count(new.fingerprint) == 2


def test_table_lives_in_the_given_database(tmp_path: Path) -> None:
    cache = EmbeddingCache(f"sqlite:///{tmp_path / 'kehou.db'}")
    assert "embedding_cache" in inspect(cache.engine).get_table_names()
