"""Whole-catalogue faiss searches remembered per query: the same hits, ties included."""

from __future__ import annotations

import numpy as np
import pytest

from embeddings import FaissIndex, FaissIndexConfig, SearchHit

faiss = pytest.importorskip("faiss")


def flat(hits: list[list[SearchHit]]) -> list[list[tuple[str, float]]]:
    return [[(h.id, h.score) for h in row] for row in hits]


@pytest.fixture
def pair(rng: np.random.Generator) -> tuple[FaissIndex, FaissIndex, np.ndarray]:
    """The same vectors (many duplicated, so many exact ties) without and with the memo."""
    base = rng.random((60, 48)).astype(np.float32) * (rng.random((60, 48)) < 0.2)
    vectors = np.vstack([base] * 5)  # 300 items, each text five times
    ids = [f"item-{n:03d}" for n in range(len(vectors))]
    plain, remembering = FaissIndex(48, FaissIndexConfig(memo=0)), FaissIndex(48)
    plain.add(ids, vectors)
    remembering.add(ids, vectors)
    queries = rng.random((30, 48)).astype(np.float32) * (rng.random((30, 48)) < 0.3)
    return plain, remembering, queries


def test_remembered_hits_equal_fresh_ones(pair: tuple[FaissIndex, FaissIndex, np.ndarray]) -> None:
    plain, remembering, queries = pair
    batch = queries[:12]
    want = flat(plain.search(batch, 100))
    assert flat(remembering.search(batch, 100)) == want  # searched and remembered
    assert flat(remembering.search(batch[::-1], 100)) == want[::-1]  # from the memo
    assert flat(remembering.search(batch[3:4], 100)) == [want[3]]  # alone as in a batch
    assert len(remembering._memo) == 12


def test_subsets_and_large_batches_are_searched_as_before(
    pair: tuple[FaissIndex, FaissIndex, np.ndarray],
) -> None:
    plain, remembering, queries = pair
    allowed = [f"item-{n:03d}" for n in range(0, 300, 3)]
    subset = flat(remembering.search(queries[:5], 20, allowed))
    assert subset == flat(plain.search(queries[:5], 20, allowed))
    assert not remembering._memo  # a subset search is not remembered
    threshold = faiss.cvar.distance_compute_blas_threshold  # 128,000 in faiss 1.15
    faiss.cvar.distance_compute_blas_threshold = len(queries)  # so this batch uses BLAS
    try:
        assert flat(remembering.search(queries, 50)) == flat(plain.search(queries, 50))
        assert not remembering._memo  # searched as one batch, not remembered
    finally:
        faiss.cvar.distance_compute_blas_threshold = threshold


def test_adding_vectors_forgets(pair: tuple[FaissIndex, FaissIndex, np.ndarray]) -> None:
    plain, remembering, queries = pair
    remembering.search(queries[:4], 10)
    best = np.ones((1, 48), dtype=np.float32)
    remembering.add(["new"], best)
    plain.add(["new"], best)
    assert not remembering._memo
    assert flat(remembering.search(queries[:4], 10)) == flat(plain.search(queries[:4], 10))
