"""Fusing ranked lists from the dense and keyword halves of retrieval (pure functions).

Raw cosines are never added across signals: some models' similarities sit in a narrow band,
so a sum would let one signal drown the other. Fusion is by rank (RRF) or by per-query
min-max normalised scores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[str]],
    *,
    k: float = 60,
    weights: Mapping[str, float] | None = None,
) -> list[tuple[str, float, tuple[str, ...]]]:
    """Fuse several ranked id lists: score(d) = sum_s w_s / (k + rank_s(d)), rank from 1.

    Returns (id, fused score, names of the signals that found the id), best first; ties are
    broken by id so the order is deterministic.
    """
    scores: dict[str, float] = {}
    found_by: dict[str, list[str]] = {}
    for name, ids in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        for rank, item_id in enumerate(ids, start=1):
            scores[item_id] = scores.get(item_id, 0.0) + weight / (k + rank)
            found_by.setdefault(item_id, []).append(name)
    order = sorted(scores, key=lambda i: (-scores[i], i))
    return [(i, scores[i], tuple(found_by[i])) for i in order]


def minmax(scores: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Scale one query's scores to [0, 1]; a constant vector maps to zeros."""
    arr = np.asarray(scores, dtype=np.float64)
    if arr.size == 0:
        return arr
    lo, hi = float(arr.min()), float(arr.max())
    if hi - lo <= 1e-12:
        return np.zeros_like(arr)
    return (arr - lo) / (hi - lo)


def normalised_score_fusion(
    score_lists: Mapping[str, Mapping[str, float]], *, weights: Mapping[str, float] | None = None
) -> list[tuple[str, float, tuple[str, ...]]]:
    """Fuse per-query scores after min-max normalising each signal; missing ids count 0."""
    fused: dict[str, float] = {}
    found_by: dict[str, list[str]] = {}
    for name, scores in score_lists.items():
        if not scores:
            continue
        ids = list(scores)
        norm = minmax([scores[i] for i in ids])
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        for item_id, value in zip(ids, norm, strict=True):
            fused[item_id] = fused.get(item_id, 0.0) + weight * float(value)
            found_by.setdefault(item_id, []).append(name)
    order = sorted(fused, key=lambda i: (-fused[i], i))
    return [(i, fused[i], tuple(found_by[i])) for i in order]


def _top_depth(scores: npt.NDArray[np.float64], depth: int) -> npt.NDArray[np.int64]:
    """Per row, the positions of the `depth` best positive scores, best first (ties by position)."""
    n_q, n_d = scores.shape
    out = np.full((n_q, min(depth, n_d)), -1, dtype=np.int64)
    for r in range(n_q):
        row = scores[r]
        positive = np.flatnonzero(row > 0)
        order = positive[np.lexsort((positive, -row[positive]))][:depth]
        out[r, : order.size] = order
    return out


def rrf_contributions(scores: npt.ArrayLike, *, k: float, depth: int) -> npt.NDArray[np.float64]:
    """Each document's 1/(k + rank) in one signal's top-`depth` list (0 outside it).

    `scores` is queries x documents; only positive scores count as found, so a keyword signal
    that matches nothing contributes nothing. Same as `reciprocal_rank_fusion` on those lists.
    """
    arr = np.asarray(scores, dtype=np.float64)
    out = np.zeros_like(arr)
    for r, order in enumerate(_top_depth(arr, depth)):
        found = order[order >= 0]
        out[r, found] = 1.0 / (k + np.arange(1, found.size + 1))
    return out


def minmax_contributions(scores: npt.ArrayLike, *, depth: int) -> npt.NDArray[np.float64]:
    """Each document's min-max scaled score within one signal's top-`depth` list (0 outside).

    Same as `normalised_score_fusion` on those lists: the list's best is 1, its last is 0.
    """
    arr = np.asarray(scores, dtype=np.float64)
    out = np.zeros_like(arr)
    for r, order in enumerate(_top_depth(arr, depth)):
        found = order[order >= 0]
        out[r, found] = minmax(arr[r, found])
    return out


def fuse_contributions(
    contributions: Mapping[str, npt.NDArray[np.float64]], weights: Mapping[str, float]
) -> npt.NDArray[np.float64]:
    """Weighted sum of per-signal contributions (signals without a weight count 0)."""
    arrays = [weights.get(name, 0.0) * c for name, c in contributions.items()]
    if not arrays:
        raise ValueError("no signals to fuse")
    return np.asarray(np.sum(arrays, axis=0), dtype=np.float64)
