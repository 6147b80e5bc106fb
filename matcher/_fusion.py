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
    k: int = 60,
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
