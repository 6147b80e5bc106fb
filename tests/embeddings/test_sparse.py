"""Products over the queries' columns: the full product's values, far fewer multiplications."""

from __future__ import annotations

import numpy as np
import pytest

from embeddings import ColumnStore, used_columns


def sparse_rows(rng: np.random.Generator, n: int, dim: int, share: float) -> np.ndarray:
    """Non-negative float32 rows with about `share` of their entries non-zero, unit length."""
    rows = rng.random((n, dim)).astype(np.float32) * (rng.random((n, dim)) < share)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.where(norms == 0, 1, norms)).astype(np.float32)


def test_sparse_products_equal_the_full_product(rng: np.random.Generator) -> None:
    matrix = sparse_rows(rng, 300, 1024, 0.03)
    matrix[10:20] = matrix[0]  # duplicated items score exactly alike
    queries = sparse_rows(rng, 6, 1024, 0.04)
    store = ColumnStore(matrix)
    got = store.products(queries)
    full = queries.astype(np.float64) @ matrix.astype(np.float64).T
    assert store.sparse
    assert got.dtype == np.float64 and got.shape == (6, 300)
    np.testing.assert_allclose(got, full, rtol=0, atol=1e-12)
    assert (got[:, 10:20] == got[:, [0]]).all()
    shared = (queries != 0).astype(int) @ (matrix != 0).astype(int).T
    assert (got[shared == 0] == 0).all()  # no shared column: exactly zero, as before


def test_dense_matrices_keep_the_plain_product(rng: np.random.Generator) -> None:
    matrix = rng.standard_normal((50, 32)).astype(np.float32)
    queries = rng.standard_normal((4, 32)).astype(np.float32)
    store = ColumnStore(matrix)
    assert not store.sparse
    want = queries.astype(np.float64) @ matrix.astype(np.float64).T
    assert np.array_equal(store.products(queries), want)
    forced = ColumnStore(sparse_rows(rng, 50, 32, 0.05), max_density=-1.0)
    assert not forced.sparse


def test_queries_with_no_entries_and_bad_shapes() -> None:
    store = ColumnStore(np.eye(4, 8, dtype=np.float32))
    assert np.array_equal(store.products(np.zeros((2, 8), np.float32)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match="query shape"):
        store.products(np.zeros((2, 5), np.float32))
    with pytest.raises(ValueError, match="2-D"):
        ColumnStore(np.zeros(8, np.float32))


def test_used_columns_are_the_columns_any_query_uses() -> None:
    queries = np.array([[0, 1, 0, 0], [0, 0, 0, 2]], dtype=np.float32)
    assert used_columns(queries).tolist() == [1, 3]
