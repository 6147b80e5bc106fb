"""OR-Tools CP-SAT backend: the second exact solver, for comparison and cross-checking.

CP-SAT needs integer coefficients: values, uses, capacities and costs are scaled by a power
of ten until integral (at most 1e6, then rounded); the objective we report is recomputed from
the original values. Workers and seed are fixed so a run that finishes proves the same answer.
"""

from __future__ import annotations

import time

import numpy as np
import numpy.typing as npt

from matcher.allocation._model import (
    AssignmentModel,
    SolveOptions,
    SolveResult,
    Status,
    explain_infeasible,
    integral_bound,
    relative_gap,
)

try:
    from ortools.sat.python import cp_model
except ImportError:  # pragma: no cover - ortools is a project dependency
    cp_model = None  # type: ignore[assignment]


def integer_scale(*arrays: npt.ArrayLike) -> int:
    """The smallest power of ten (<= 1e6) that makes every finite entry integral."""
    data = np.concatenate([np.ravel(np.asarray(a, dtype=float)) for a in arrays])
    data = data[np.isfinite(data)]
    for scale in (1, 10, 100, 1_000, 10_000, 100_000, 1_000_000):
        if np.allclose(data * scale, np.round(data * scale), atol=1e-9, rtol=0):
            return scale
    return 1_000_000


def _ints(a: npt.ArrayLike, scale: int) -> list[int]:
    return [int(v) for v in np.round(np.asarray(a, dtype=float) * scale)]


def _build(
    model: AssignmentModel,
) -> tuple[cp_model.CpModel, dict[tuple[int, int], cp_model.IntVar], int]:
    m, n = model.shape
    mask = model.mask()
    cp = cp_model.CpModel()
    x = {
        (int(i), int(j)): cp.new_bool_var(f"x{i}_{j}")
        for i, j in zip(*np.nonzero(mask), strict=True)
    }
    cap_scale = integer_scale(model.uses[mask], model.capacities)
    for i in range(m):
        terms = [
            (x[i, j], u)
            for j in range(n)
            if (i, j) in x
            for u in _ints([model.uses[i, j]], cap_scale)
        ]
        if terms:
            cp.add(sum(u * v for v, u in terms) <= _ints([model.capacities[i]], cap_scale)[0])
    for j in range(n):
        col = [x[i, j] for i in range(m) if (i, j) in x]
        cp.add_linear_constraint(sum(col), int(model.job_min[j]), int(model.job_max[j]))
    for f in model.floors:
        pairs = zip(f.rows.tolist(), f.cols.tolist(), strict=True)
        cp.add(sum(x[p] for p in pairs if p in x) >= f.minimum)
    if model.budget is not None:
        costs = model.budget.costs
        s = integer_scale(costs[mask], [model.budget.limit])
        cp.add(
            sum(_ints([costs[i, j]], s)[0] * v for (i, j), v in x.items())
            <= int(np.floor(model.budget.limit * s + 1e-6))
        )
    scale = integer_scale(model.values[mask]) if mask.any() else 1
    obj = sum(_ints([model.values[i, j]], scale)[0] * v for (i, j), v in x.items())
    if model.sense == "max":
        cp.maximize(obj)
    else:
        cp.minimize(obj)
    return cp, x, scale


class CpSatSolver:
    """Exact by lazy clause generation and LP relaxation; proves the optimum given time."""

    name = "cpsat"

    def solve(self, model: AssignmentModel, options: SolveOptions) -> SolveResult:
        if cp_model is None:  # pragma: no cover
            raise RuntimeError("未安装 ortools / ortools is not installed")
        start = time.perf_counter()
        cp, x, scale = _build(model)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = float(options.time_limit)
        solver.parameters.num_workers = int(options.threads)
        solver.parameters.random_seed = int(options.seed) % 2_147_483_647
        code = solver.solve(cp)
        seconds = time.perf_counter() - start
        if code == cp_model.INFEASIBLE:
            return SolveResult(
                (),
                None,
                None,
                None,
                Status.INFEASIBLE,
                seconds,
                self.name,
                explain_infeasible(model),
            )
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return SolveResult(
                (),
                None,
                None,
                None,
                Status.TIME_LIMIT if seconds >= options.time_limit * 0.95 else Status.UNKNOWN,
                seconds,
                self.name,
                solver.status_name(code),
            )
        pairs = tuple(sorted(k for k, v in x.items() if solver.boolean_value(v)))
        objective = model.objective(pairs)
        bound = integral_bound(model, solver.best_objective_bound / scale)
        gap = relative_gap(objective, bound)
        status = Status.OPTIMAL if code == cp_model.OPTIMAL else Status.TIME_LIMIT
        return SolveResult(
            pairs, objective, bound, gap, status, seconds, self.name, solver.status_name(code)
        )
