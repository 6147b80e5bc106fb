"""The model as one sparse integer programme (variables = allowed pairs), shared by MIP backends."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from matcher.allocation._model import AssignmentModel

_INF = np.inf


@dataclass(frozen=True, eq=False)
class LinearForm:
    """max/min c·x s.t. row_lo <= A x <= row_hi, x binary; column k is pair (rows[k], cols[k])."""

    rows: npt.NDArray[np.int64]
    cols: npt.NDArray[np.int64]
    c: npt.NDArray[np.float64]
    a: sparse.csc_matrix
    row_lo: npt.NDArray[np.float64]
    row_hi: npt.NDArray[np.float64]

    def pairs(self, x: npt.ArrayLike) -> tuple[tuple[int, int], ...]:
        """The chosen pairs for a (possibly fractional-noisy) 0/1 column vector, sorted."""
        chosen = np.flatnonzero(np.asarray(x, dtype=float) > 0.5)
        return tuple((int(self.rows[k]), int(self.cols[k])) for k in chosen)


def linear_form(model: AssignmentModel) -> LinearForm:
    """Capacity rows, then job rows, then floor rows, then the budget row."""
    m, n = model.shape
    rows, cols = np.nonzero(model.mask())
    k = len(rows)
    var = np.arange(k)
    blocks_r = [rows, m + cols]
    blocks_c = [var, var]
    blocks_v = [model.uses[rows, cols], np.ones(k)]
    lo = [np.full(m, -_INF), model.job_min.astype(float)]
    hi = [model.capacities.astype(float), model.job_max.astype(float)]
    next_row = m + n
    column_of = np.full((m, n), -1, dtype=np.int64) if model.floors else None
    if column_of is not None:
        column_of[rows, cols] = var
    for f in model.floors:
        assert column_of is not None
        inside = column_of[f.rows, f.cols]
        inside = inside[inside >= 0]
        blocks_r.append(np.full(len(inside), next_row))
        blocks_c.append(inside)
        blocks_v.append(np.ones(len(inside)))
        lo.append(np.array([float(f.minimum)]))
        hi.append(np.array([_INF]))
        next_row += 1
    if model.budget is not None:
        blocks_r.append(np.full(k, next_row))
        blocks_c.append(var)
        blocks_v.append(model.budget.costs[rows, cols].astype(float))
        lo.append(np.array([-_INF]))
        hi.append(np.array([model.budget.limit]))
        next_row += 1
    a = sparse.csc_matrix(
        (np.concatenate(blocks_v), (np.concatenate(blocks_r), np.concatenate(blocks_c))),
        shape=(next_row, k),
    )
    a.sort_indices()
    return LinearForm(
        rows=rows.astype(np.int64),
        cols=cols.astype(np.int64),
        c=model.values[rows, cols].astype(float),
        a=a,
        row_lo=np.concatenate(lo),
        row_hi=np.concatenate(hi),
    )
