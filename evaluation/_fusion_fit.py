"""Fitting the retriever's fusion on judged dev queries: pure functions on score matrices.

Each signal is a (queries x documents) score matrix. A fusion form ("rrf" with a k, or
"score": per-list min-max) turns each into contributions (matcher._fusion), a weight vector
sums them, and the fused order is scored by mean nDCG@10 with linear gain (ranx's default, so
the numbers agree with `evaluation._metrics`). The fit is an exhaustive search over a small
grid of weights and forms, ties broken towards fewer and smaller weights (the simpler model).
Only dev queries may be passed in; the caller keeps the held-out split away from it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matcher import fuse_contributions, minmax_contributions, rrf_contributions

Matrix = npt.NDArray[np.float64]
Qrels = Sequence[Mapping[int, int]]  # per query: document position -> grade (1 or 2)

WEIGHT_GRID = (0.0, 0.5, 1.0, 2.0)
FORMS: tuple[tuple[str, float], ...] = (
    ("rrf", 5.0),
    ("rrf", 10.0),
    ("rrf", 20.0),
    ("rrf", 60.0),
    ("score", 0.0),
)


@dataclass(frozen=True)
class FusionFit:
    """The best form and weights found, and their dev nDCG@10."""

    form: str
    rrf_k: float
    weights: dict[str, float]
    ndcg: float


def relevance_matrix(qrels: Qrels, n_docs: int) -> Matrix:
    """Dense (queries x documents) grades, 0 where unjudged."""
    out = np.zeros((len(qrels), n_docs))
    for r, rel in enumerate(qrels):
        for pos, grade in rel.items():
            out[r, pos] = grade
    return out


def ndcg_at(fused: Matrix, relevance: Matrix, k: int = 10) -> npt.NDArray[np.float64]:
    """nDCG@k per query, linear gain; ties broken by document position; 0 without judgments.

    Only documents with a positive fused score are ranked (as a run lists only what it found).
    """
    n_q, n_d = fused.shape
    k = min(k, n_d)
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    cand = (
        np.argpartition(-fused, k - 1, axis=1)[:, :k]
        if k < n_d
        else np.tile(np.arange(n_d), (n_q, 1))
    )
    rows = np.arange(n_q)[:, None]
    scores = fused[rows, cand]
    order = np.lexsort((cand, -scores), axis=1)
    top = cand[rows, order]
    gains = np.where(fused[rows, top] > 0, relevance[rows, top], 0.0)
    dcg = gains @ discounts
    ideal = -np.sort(-relevance, axis=1)[:, :k] @ discounts
    return np.divide(dcg, ideal, out=np.zeros(n_q), where=ideal > 0)


def contributions(
    signals: Mapping[str, Matrix], form: str, rrf_k: float, depth: int
) -> dict[str, Matrix]:
    """Each signal's contribution matrix under one fusion form."""
    if form == "rrf":
        return {n: rrf_contributions(s, k=rrf_k, depth=depth) for n, s in signals.items()}
    if form == "score":
        return {n: minmax_contributions(s, depth=depth) for n, s in signals.items()}
    raise ValueError(f"unknown fusion form {form!r}")


def _simplicity(weights: Sequence[float]) -> tuple[int, float]:
    return (sum(w > 0 for w in weights), float(sum(weights)))


def fit_fusion(
    signals: Mapping[str, Matrix],
    qrels: Qrels,
    *,
    depth: int = 100,
    grid: Sequence[float] = WEIGHT_GRID,
    forms: Sequence[tuple[str, float]] = FORMS,
    fixed: Mapping[str, float] | None = None,
) -> FusionFit:
    """Exhaustive search of forms x weights on the given (dev) queries; `fixed` pins weights."""
    names = list(signals)
    pinned = dict(fixed or {})
    free = [n for n in names if n not in pinned]
    relevance = relevance_matrix(qrels, next(iter(signals.values())).shape[1])
    best: tuple[float, tuple[int, float], FusionFit] | None = None
    for form, rrf_k in forms:
        contrib = contributions(signals, form, rrf_k, depth)
        for combo in itertools.product(grid, repeat=len(free)):
            weights = {**pinned, **dict(zip(free, combo, strict=True))}
            if not any(weights.values()):
                continue
            score = float(ndcg_at(fuse_contributions(contrib, weights), relevance).mean())
            key = (round(score, 6), _simplicity(list(weights.values())))
            if best is None or key[0] > best[0] or (key[0] == best[0] and key[1] < best[1]):
                best = (key[0], key[1], FusionFit(form, rrf_k, weights, score))
    if best is None:
        raise ValueError("nothing to fit: no signals or an all-zero grid")
    return best[2]
