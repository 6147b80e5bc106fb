"""Products against a catalogue of sparse vectors (TF-IDF), over the columns a query uses.

A TF-IDF vector has a few hundred non-zero entries out of 8,192, so a batch of queries touches a
small share of the columns. Multiplying only those columns skips products that are exact zeros:
at 1,000 schools (8,232 items) the dense float64 product of every query with every item was the
largest cost of a recommendation. Dense vectors (e5, use-m3) keep the plain product.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import sparse

#: above this share of non-zero entries a matrix is treated as dense (plain product)
MAX_DENSITY = 0.1


class ColumnStore:
    """A float32 (items x dim) matrix; `products(queries)` = queries @ matrix.T, restricted to
    the columns the queries use when the matrix is sparse."""

    def __init__(self, matrix: npt.ArrayLike, max_density: float = MAX_DENSITY) -> None:
        dense = np.asarray(matrix, dtype=np.float32)
        if dense.ndim != 2:
            raise ValueError(f"需要二维矩阵 / expected a 2-D matrix, got shape {dense.shape}")
        self.shape: tuple[int, int] = (int(dense.shape[0]), int(dense.shape[1]))
        share = np.count_nonzero(dense) / dense.size if dense.size else 0.0
        self._csc = sparse.csc_matrix(dense) if share <= max_density else None
        self._dense = None if self._csc is not None else dense

    @property
    def sparse(self) -> bool:
        """Whether products use only the queries' columns."""
        return self._csc is not None

    def products(self, queries: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """(queries x items) inner products in float64 (as the full product computed them);
        float32 inputs, so each product is exact: only the order of the additions differs."""
        q = np.asarray(queries, dtype=np.float32)
        if q.ndim != 2 or q.shape[1] != self.shape[1]:
            raise ValueError(f"查询维度不符 / query shape {q.shape}, index dim {self.shape[1]}")
        if self._dense is not None:
            return np.asarray(q.astype(np.float64) @ self._dense.astype(np.float64).T)
        assert self._csc is not None
        cols = used_columns(q)
        if not len(cols):
            return np.zeros((len(q), self.shape[0]))
        block = np.asarray(self._csc[:, cols].toarray(), dtype=np.float64)
        return np.asarray(q[:, cols].astype(np.float64) @ block.T)


def used_columns(queries: npt.NDArray[np.float32]) -> npt.NDArray[np.intp]:
    """Columns where at least one query is non-zero, ascending."""
    return np.flatnonzero(np.any(queries != 0, axis=0))
