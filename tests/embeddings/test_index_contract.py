"""The contract both VectorIndex implementations pass (faiss flat and HNSW, numpy reference)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from embeddings import (
    FaissIndex,
    FaissIndexConfig,
    NumpyIndex,
    StaleIndex,
    VectorIndex,
    content_hash,
    load_index,
    read_manifest,
    unit_rows,
)

DIM = 16
N = 300

FACTORIES: dict[str, Callable[[], VectorIndex]] = {
    "numpy": lambda: NumpyIndex(DIM),
    "faiss-flat": lambda: FaissIndex(DIM),
    "faiss-hnsw": lambda: FaissIndex(DIM, FaissIndexConfig(kind="hnsw", ef_search=256)),
}


@pytest.fixture(params=list(FACTORIES))
def factory(request: pytest.FixtureRequest) -> Callable[[], VectorIndex]:
    return FACTORIES[str(request.param)]


@pytest.fixture
def data(rng: np.random.Generator) -> tuple[list[str], np.ndarray, np.ndarray]:
    ids = [f"课程-{i:04d}" for i in range(N)]
    return ids, unit_rows(rng.normal(size=(N, DIM))), unit_rows(rng.normal(size=(5, DIM)))


def brute_force(vectors: np.ndarray, query: np.ndarray, ids: list[str], k: int) -> list[str]:
    scores = vectors @ query
    return [ids[i] for i in np.argsort(-scores)[:k]]


def test_top_k_matches_brute_force(factory: Callable[[], VectorIndex], data: tuple) -> None:
    ids, vectors, queries = data
    index = factory()
    index.add(ids, vectors)
    assert len(index) == N
    for query, hits in zip(queries, index.search(queries, 10), strict=True):
        assert [h.id for h in hits] == brute_force(vectors, query, ids, 10)
        expected = sorted((vectors @ query).tolist(), reverse=True)[:10]
        np.testing.assert_allclose([h.score for h in hits], expected, atol=1e-5)


def test_allowed_subset_is_respected(factory: Callable[[], VectorIndex], data: tuple) -> None:
    ids, vectors, queries = data
    index = factory()
    index.add(ids, vectors)
    allowed = ids[::7]
    rows = list(range(0, N, 7))
    for query, hits in zip(queries, index.search(queries, 5, allowed_ids=allowed), strict=True):
        assert [h.id for h in hits] == brute_force(vectors[rows], query, allowed, 5)


def test_small_and_empty_subsets(factory: Callable[[], VectorIndex], data: tuple) -> None:
    ids, vectors, queries = data
    index = factory()
    index.add(ids, vectors)
    assert [len(h) for h in index.search(queries[:2], 10, allowed_ids=ids[:3])] == [3, 3]
    assert index.search(queries[:2], 10, allowed_ids=[]) == [[], []]
    assert len(index.search(queries[:1], 10 * N)[0]) == N


def test_duplicate_ids_and_wrong_shapes_are_refused(factory: Callable[[], VectorIndex]) -> None:
    index = factory()
    index.add(["a"], unit_rows(np.ones((1, DIM))))
    with pytest.raises(ValueError):
        index.add(["a"], unit_rows(np.ones((1, DIM))))
    with pytest.raises(ValueError):
        index.add(["b"], np.ones((1, DIM + 1), dtype=np.float32))


def test_save_load_round_trip(
    factory: Callable[[], VectorIndex], data: tuple, tmp_path: Path
) -> None:
    ids, vectors, queries = data
    index = factory()
    index.add(ids, vectors)
    path = tmp_path / "catalogue.index.npz"
    content = content_hash(zip(ids, ids, strict=True))
    index.save(path, "fp-1", content)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left behind
    loaded = load_index(path, "fp-1", content)
    assert type(loaded) is type(index)
    assert loaded.search(queries, 10, ids[:50]) == index.search(queries, 10, ids[:50])


def test_stale_index_is_detected(
    factory: Callable[[], VectorIndex], data: tuple, tmp_path: Path
) -> None:
    ids, vectors, _ = data
    index = factory()
    index.add(ids, vectors)
    path = tmp_path / "i.npz"
    content = content_hash(zip(ids, ids, strict=True))
    index.save(path, "fp-1", content)
    with pytest.raises(StaleIndex, match="fingerprint"):
        load_index(path, "fp-2", content)
    changed = content_hash(zip(ids, [*ids[:-1], "改过的文本"], strict=True))
    with pytest.raises(StaleIndex, match="content"):
        load_index(path, "fp-1", changed)
    with pytest.raises(StaleIndex):
        load_index(tmp_path / "missing.npz", "fp-1", content)


def test_string_ids_map_to_stable_int_ids(
    factory: Callable[[], VectorIndex], data: tuple, tmp_path: Path
) -> None:
    ids, vectors, _ = data
    forward, backward = factory(), factory()
    forward.add(ids, vectors)
    backward.add(ids[::-1], vectors[::-1])
    forward.save(tmp_path / "f.npz", "fp", "c")
    backward.save(tmp_path / "b.npz", "fp", "c")
    f, b = read_manifest(tmp_path / "f.npz"), read_manifest(tmp_path / "b.npz")
    assert f is not None and b is not None
    assert dict(zip(f.ids, f.int_ids, strict=True)) == dict(zip(b.ids, b.int_ids, strict=True))
    assert all(0 <= x < 2**63 for x in f.int_ids)


def test_content_hash_ignores_order_but_not_text() -> None:
    pairs = [("a", "陶艺"), ("b", "篮球")]
    assert content_hash(pairs) == content_hash(pairs[::-1])
    assert content_hash(pairs) != content_hash([("a", "陶艺"), ("b", "足球")])
