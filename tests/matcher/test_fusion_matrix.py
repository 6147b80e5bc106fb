"""Matrix fusion (used to fit the retriever) agrees with the list fusion the retriever runs."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from evaluation._fusion_fit import fit_fusion, ndcg_at, relevance_matrix
from matcher._fusion import (
    fuse_contributions,
    minmax_contributions,
    normalised_score_fusion,
    reciprocal_rank_fusion,
    rrf_contributions,
)

N_DOCS = 7
KEYS = [f"d{i}" for i in range(N_DOCS)]
score_rows = arrays(
    np.float64,
    (2, N_DOCS),
    elements=st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.8, 1.0, 2.5]),
)


def _listed(row: np.ndarray, depth: int) -> list[tuple[str, float]]:
    """A signal's top-`depth` positive (key, score) list, ties by position (as the index does)."""
    positive = [i for i in range(row.size) if row[i] > 0]
    positive.sort(key=lambda i: (-row[i], i))
    return [(KEYS[i], float(row[i])) for i in positive[:depth]]


@given(score_rows, score_rows, st.integers(1, N_DOCS), st.floats(1, 100))
@settings(max_examples=60, deadline=None)
def test_rrf_matrix_equals_list_rrf(a: np.ndarray, b: np.ndarray, depth: int, k: float) -> None:
    weights = {"x": 1.0, "y": 0.5}
    matrix = fuse_contributions(
        {"x": rrf_contributions(a, k=k, depth=depth), "y": rrf_contributions(b, k=k, depth=depth)},
        weights,
    )
    for r in range(2):
        lists = {
            "x": [key for key, _ in _listed(a[r], depth)],
            "y": [key for key, _ in _listed(b[r], depth)],
        }
        fused = dict((i, s) for i, s, _ in reciprocal_rank_fusion(lists, k=k, weights=weights))
        for j, key in enumerate(KEYS):
            assert np.isclose(matrix[r, j], fused.get(key, 0.0))


@given(score_rows, score_rows, st.integers(1, N_DOCS))
@settings(max_examples=60, deadline=None)
def test_minmax_matrix_equals_list_fusion(a: np.ndarray, b: np.ndarray, depth: int) -> None:
    weights = {"x": 2.0, "y": 1.0}
    matrix = fuse_contributions(
        {"x": minmax_contributions(a, depth=depth), "y": minmax_contributions(b, depth=depth)},
        weights,
    )
    for r in range(2):
        lists = {"x": dict(_listed(a[r], depth)), "y": dict(_listed(b[r], depth))}
        fused = dict((i, s) for i, s, _ in normalised_score_fusion(lists, weights=weights))
        for j, key in enumerate(KEYS):
            assert np.isclose(matrix[r, j], fused.get(key, 0.0))


def test_rrf_contributions_by_hand() -> None:
    out = rrf_contributions(np.array([[0.0, 0.9, 0.3, 0.9]]), k=1, depth=2)
    # 0.9 at positions 1 and 3 tie: position 1 first; 0.3 is beyond depth 2; 0.0 is not found
    assert out.tolist() == [[0.0, 1 / 2, 0.0, 1 / 3]]


def test_ndcg_by_hand() -> None:
    fused = np.array([[0.9, 0.8, 0.0, 0.7]])
    rel = relevance_matrix([{1: 2, 2: 1}], 4)
    # ranked: d0 (0), d1 (2), d3 (0); d2 has score 0 so it is not listed
    expected = (2 / np.log2(3)) / (2 / np.log2(2) + 1 / np.log2(3))
    assert np.isclose(ndcg_at(fused, rel, k=3)[0], expected)
    assert ndcg_at(fused, relevance_matrix([{}], 4), k=3)[0] == 0.0


def test_fit_prefers_the_signal_that_finds_the_relevant(rng: np.random.Generator) -> None:
    n_q, n_d = 12, 40
    relevant = rng.integers(0, n_d, size=n_q)
    good = rng.random((n_q, n_d))
    good[np.arange(n_q), relevant] = 2.0  # ranks the relevant document first
    noise = rng.random((n_q, n_d))
    qrels = [{int(j): 2} for j in relevant]
    fit = fit_fusion({"good": good, "noise": noise}, qrels, depth=20, grid=(0.0, 1.0))
    assert fit.weights == {"good": 1.0, "noise": 0.0}
    assert fit.ndcg == 1.0
