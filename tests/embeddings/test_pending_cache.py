"""A forked worker's cache: reads the database, writes nothing; the parent stores its vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from embeddings import CachedEmbedder, EmbeddingCache, PendingCache, TfidfEmbedder, store_pending
from tests.embeddings.conftest import TEXTS


def test_worker_vectors_reach_the_database_only_through_the_parent(tmp_path: Path) -> None:
    tfidf = TfidfEmbedder()
    tfidf.fit(TEXTS)
    cache = EmbeddingCache(f"sqlite:///{tmp_path / 'c.db'}")
    parent = CachedEmbedder(tfidf, cache)
    want = parent.encode_documents(TEXTS[:3])  # stored by the parent itself
    stored = cache.count()
    worker = CachedEmbedder(tfidf, PendingCache(cache))
    got = worker.encode_documents(TEXTS[:5])  # 3 read from the database, 2 embedded
    assert np.array_equal(got[:3], want)
    assert cache.count() == stored  # nothing written by the worker
    assert np.array_equal(worker.encode_documents(TEXTS[3:5]), got[3:5])  # its own, in memory
    assert isinstance(worker.cache, PendingCache)
    rows = worker.cache.take()
    assert len(rows) == 2 and not worker.cache.take()
    store_pending(cache, rows)
    assert cache.count() == stored + 2
    assert np.array_equal(parent.encode_documents(TEXTS[:5]), got)  # the same vectors back
