"""Brute-force inner product in numpy: the reference the faiss index is tested against."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from embeddings._index import IndexManifest, StaleIndex, int_ids, read_npz, save_npz_atomic
from embeddings._protocol import FloatArray, SearchHit


class NumpyIndex:
    """Exact search over a dense matrix; ties keep insertion order."""

    implementation = "numpy"

    def __init__(self, dim: int) -> None:
        self._dim = dim
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        self._int: np.ndarray = np.zeros(0, dtype=np.int64)
        self._vectors: FloatArray = np.zeros((0, dim), dtype=np.float32)

    @property
    def dim(self) -> int:
        return self._dim

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, ids: Sequence[str], vectors: FloatArray) -> None:
        """Append rows; ids must be new."""
        _check_shape(vectors, len(ids), self._dim)
        all_ids = [*self._ids, *ids]
        self._int = int_ids(all_ids)
        self._ids = all_ids
        self._row = {x: i for i, x in enumerate(all_ids)}
        self._vectors = np.vstack([self._vectors, np.asarray(vectors, dtype=np.float32)])

    def search(
        self, queries: FloatArray, k: int, allowed_ids: Sequence[str] | None = None
    ) -> list[list[SearchHit]]:
        _check_shape(queries, None, self._dim)
        columns = np.arange(len(self._ids))
        matrix = self._vectors
        if allowed_ids is not None:
            rows = {self._row[x] for x in allowed_ids if x in self._row}
            columns = np.array(sorted(rows), dtype=np.int64)
            matrix = self._vectors[columns]
        if k <= 0 or len(columns) == 0:
            return [[] for _ in range(len(queries))]
        scores = np.asarray(queries, dtype=np.float32) @ matrix.T
        top = min(k, len(columns))
        results = []
        for row in scores:
            order = _top(row, top)
            results.append([SearchHit(self._ids[columns[j]], float(row[j])) for j in order])
        return results

    def save(self, path: Path, fingerprint: str, content_hash: str) -> None:
        manifest = IndexManifest(
            self.implementation,
            fingerprint,
            content_hash,
            self._dim,
            tuple(self._ids),
            tuple(int(x) for x in self._int),
        )
        save_npz_atomic(path, manifest, {"vectors": self._vectors})

    @classmethod
    def load(cls, path: Path, fingerprint: str, content_hash: str) -> NumpyIndex:
        """The saved index; `StaleIndex` when built from other vectors or texts."""
        manifest, arrays = read_npz(path)
        manifest.check(fingerprint, content_hash)
        if manifest.implementation != cls.implementation:
            raise StaleIndex(f"不是 numpy 索引 / not a numpy index: {manifest.implementation}")
        index = cls(manifest.dim)
        index.add(list(manifest.ids), arrays["vectors"])
        return index


def _top(row: np.ndarray, top: int) -> np.ndarray:
    """Positions of the `top` largest scores, best first; ties by position."""
    cand = np.argpartition(-row, top - 1)[:top] if top < len(row) else np.arange(len(row))
    return cand[np.lexsort((cand, -row[cand]))]


def _check_shape(vectors: np.ndarray, rows: int | None, dim: int) -> None:
    if vectors.ndim != 2 or vectors.shape[1] != dim or (rows is not None and len(vectors) != rows):
        raise ValueError(
            f"向量形状不符 / vectors have shape {vectors.shape}, expected ({rows or 'n'}, {dim})"
        )
