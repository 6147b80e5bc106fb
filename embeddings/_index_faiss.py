"""faiss: exact inner product (IndexFlatIP) or HNSW, wrapped in IndexIDMap2 for stable ids.

String ids map to int64 by hash (`int_id`), so an item keeps its faiss id across rebuilds;
the mapping is kept in the saved manifest. A subset search passes an IDSelectorBatch in the
search parameters, so filtering happens inside faiss and k hits still come back.

A whole-catalogue search of fewer queries than faiss's BLAS threshold is computed by faiss one
query at a time, so each query's hits are remembered (`memo`): the same wishes recur across a
city's schools (79 distinct queries for 300 schools of the 1,000-school demo city).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, Field

from embeddings._errors import BackendUnavailable
from embeddings._index import IndexManifest, StaleIndex, int_ids, read_npz, save_npz_atomic
from embeddings._index_numpy import _check_shape
from embeddings._protocol import FloatArray, SearchHit


class FaissIndexConfig(BaseModel):
    """Flat is exact and fast enough below ~1M vectors; HNSW trades exactness for speed."""

    kind: Literal["flat", "hnsw"] = "flat"
    hnsw_m: int = Field(32, ge=4)
    ef_construction: int = Field(80, ge=8)
    ef_search: int = Field(128, ge=8)
    threads: int = Field(
        1,
        ge=0,
        description="OpenMP threads for search (0 = faiss default). One is faster for the small "
        "batches kehou sends, and avoids spin-waiting against other OpenMP runtimes in-process "
        "(measured: a school's recommendation went from ~200 to ~115 ms on 2 cores)",
    )
    memo: int = Field(
        4096,
        ge=0,
        description="whole-catalogue query results remembered (flat index, batches below "
        "faiss's BLAS threshold, where each query is searched alone: same hits); 0 = off",
    )


def _faiss() -> Any:
    try:
        import faiss
    except ImportError as exc:
        raise BackendUnavailable("faiss index", "faiss-cpu") from exc
    return faiss


class FaissIndex:
    """faiss behind the VectorIndex protocol."""

    implementation = "faiss"

    def __init__(self, dim: int, config: FaissIndexConfig | None = None) -> None:
        self.config = config or FaissIndexConfig()
        self._dim = dim
        self._faiss = _faiss()
        self._index: Any = self._faiss.IndexIDMap2(self._base())
        self._ids: list[str] = []
        self._by_int: dict[int, str] = {}
        self._by_str: dict[str, int] = {}
        self._memo: dict[tuple[bytes, int], list[SearchHit]] = {}
        self._memo_lock = threading.Lock()

    def _base(self) -> Any:
        f = self._faiss
        if self.config.kind == "flat":
            return f.IndexFlatIP(self._dim)
        base = f.IndexHNSWFlat(self._dim, self.config.hnsw_m, f.METRIC_INNER_PRODUCT)
        base.hnsw.efConstruction = self.config.ef_construction
        return base

    @property
    def dim(self) -> int:
        return self._dim

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, ids: Sequence[str], vectors: FloatArray) -> None:
        """Append rows; ids must be new."""
        _check_shape(vectors, len(ids), self._dim)
        new_ints = int_ids([*self._ids, *ids])[len(self._ids) :]
        self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), new_ints)
        self._ids.extend(ids)
        self._by_int.update(zip((int(x) for x in new_ints), ids, strict=True))
        self._by_str.update(zip(ids, (int(x) for x in new_ints), strict=True))
        with self._memo_lock:
            self._memo.clear()

    def _params(self, allowed_ids: Sequence[str] | None) -> Any:
        f = self._faiss
        selector = None
        if allowed_ids is not None:
            known = [self._by_str[x] for x in allowed_ids if x in self._by_str]
            selector = f.IDSelectorBatch(np.array(known, dtype=np.int64))
        if self.config.kind == "hnsw":
            return f.SearchParametersHNSW(sel=selector, efSearch=self.config.ef_search)
        return None if selector is None else f.SearchParameters(sel=selector)

    def search(
        self, queries: FloatArray, k: int, allowed_ids: Sequence[str] | None = None
    ) -> list[list[SearchHit]]:
        _check_shape(queries, None, self._dim)
        n_allowed = len(self._ids) if allowed_ids is None else len(set(allowed_ids))
        top = min(k, len(self._ids), n_allowed)
        if top <= 0:
            return [[] for _ in range(len(queries))]
        vectors = np.ascontiguousarray(queries, dtype=np.float32)
        if allowed_ids is None and self._memo_applies(len(vectors)):
            return self._remembered(vectors, top)
        return self._search(vectors, top, allowed_ids)

    def _memo_applies(self, n_queries: int) -> bool:
        """Below this many queries faiss scores each query alone (exhaustive_inner_product_seq),
        so a query's hits do not depend on the rest of the batch; above, BLAS sums may."""
        threshold = int(self._faiss.cvar.distance_compute_blas_threshold)
        return self.config.kind == "flat" and self.config.memo > 0 and n_queries < threshold

    def _remembered(self, vectors: np.ndarray, top: int) -> list[list[SearchHit]]:
        """Whole-catalogue hits per query, searched only for queries not seen before."""
        keys = [(hashlib.blake2b(row.tobytes(), digest_size=16).digest(), top) for row in vectors]
        with self._memo_lock:
            out = [self._memo.get(key) for key in keys]
        missing = [n for n, hits in enumerate(out) if hits is None]
        if missing:
            found = self._search(vectors[missing], top, None)
            with self._memo_lock:
                for n, hits in zip(missing, found, strict=True):
                    out[n] = self._memo[keys[n]] = hits
                while len(self._memo) > self.config.memo:
                    self._memo.pop(next(iter(self._memo)))
        return [list(hits or []) for hits in out]

    def _search(
        self, vectors: np.ndarray, top: int, allowed_ids: Sequence[str] | None
    ) -> list[list[SearchHit]]:
        params = self._params(allowed_ids)
        if self.config.threads:
            self._faiss.omp_set_num_threads(self.config.threads)
        scores, found = self._index.search(vectors, top, params=params)
        return [
            [
                SearchHit(self._by_int[int(i)], float(s))
                for s, i in zip(srow, irow, strict=True)
                if i >= 0
            ]
            for srow, irow in zip(scores, found, strict=True)
        ]

    def save(self, path: Path, fingerprint: str, content_hash: str) -> None:
        manifest = IndexManifest(
            f"{self.implementation}-{self.config.kind}",
            fingerprint,
            content_hash,
            self._dim,
            tuple(self._ids),
            tuple(self._by_str[x] for x in self._ids),
        )
        save_npz_atomic(path, manifest, {"faiss": self._faiss.serialize_index(self._index)})

    @classmethod
    def load(
        cls,
        path: Path,
        fingerprint: str,
        content_hash: str,
        config: FaissIndexConfig | None = None,
    ) -> FaissIndex:
        """The saved index; `StaleIndex` when built from other vectors or texts."""
        manifest, arrays = read_npz(path)
        manifest.check(fingerprint, content_hash)
        if not manifest.implementation.startswith("faiss-"):
            raise StaleIndex(f"不是 faiss 索引 / not a faiss index: {manifest.implementation}")
        kind = "hnsw" if manifest.implementation == "faiss-hnsw" else "flat"
        index = cls(manifest.dim, (config or FaissIndexConfig()).model_copy(update={"kind": kind}))
        index._index = index._faiss.deserialize_index(arrays["faiss"])
        index._ids = list(manifest.ids)
        index._by_int = dict(zip(manifest.int_ids, manifest.ids, strict=True))
        index._by_str = dict(zip(manifest.ids, manifest.int_ids, strict=True))
        return index
