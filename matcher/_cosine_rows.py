"""Each wish's relative cosines with every catalogue item, cheap for sparse (TF-IDF) vectors.

Sparse vectors are multiplied over the query's own columns only (`embeddings.ColumnStore`), one
query at a time, so a row depends on its query alone and is remembered by the query's text: the
same wishes recur across a city's schools. Dense vectors keep the plain batched product.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from embeddings import MAX_DENSITY, ColumnStore, Embedder, used_columns
from matcher._evidence import rescaled_cosines

#: rows remembered (8 bytes x catalogue items each: 66 KB at 8,232 items)
ROWS_KEPT = 1024


class CosineRows:
    """`rows(texts)`: (queries x items) relative cosines; `sparse=False` forces the full
    dense product (the path before sparse products, kept to check they agree)."""

    def __init__(self, embedder: Embedder, vectors: npt.NDArray[np.float32], sparse: bool) -> None:
        self.embedder = embedder
        self._columns = ColumnStore(vectors, max_density=MAX_DENSITY if sparse else -1.0)
        self._rows: dict[str, npt.NDArray[np.float64]] = {}
        self._lock = threading.Lock()

    @property
    def sparse(self) -> bool:
        return self._columns.sparse

    def rows(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """Each query's relative cosines with every item, in `texts` order."""
        if not texts or not self._columns.shape[0]:
            return np.zeros((len(texts), self._columns.shape[0]))
        if not self.sparse:
            qvecs = np.asarray(self.embedder.encode_queries(list(texts)), np.float32)
            return rescaled_cosines(self._columns.products(qvecs))
        with self._lock:
            rows = {t: self._rows[t] for t in texts if t in self._rows}
        missing = [t for t in dict.fromkeys(texts) if t not in rows]
        if missing:
            qvecs = np.asarray(self.embedder.encode_queries(missing), np.float32)
            for text, q in zip(missing, qvecs, strict=True):
                rows[text] = rescaled_cosines(self._columns.products(q[None, :]))[0]
            with self._lock:
                self._rows.update((t, rows[t]) for t in missing)
                while len(self._rows) > ROWS_KEPT:
                    self._rows.pop(next(iter(self._rows)))
        return np.stack([rows[t] for t in texts])

    def used(self, vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """`vectors` without the columns all of them leave zero (sparse only): inner products
        among them are the same sums without the zero terms, over far fewer columns."""
        if not self.sparse:
            return vectors
        return np.ascontiguousarray(vectors[:, used_columns(vectors)])
