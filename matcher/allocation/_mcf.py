"""OR-Tools min-cost flow backend, for the special case with transportation structure.

When every allowed pair uses one unit of capacity and there are no floors and no budget, the
model is a transportation problem: source → agent (capacity b[i]) → job (one unit per pair) →
sink (job_min..job_max), whose LP is integral. Min-cost flow then solves it exactly in
polynomial time; job_min is enforced as a node demand. Values are scaled to integers (see
`integer_scale`); the objective is recomputed from the original values.
"""

from __future__ import annotations

import time

import numpy as np

from matcher.allocation._cpsat import integer_scale
from matcher.allocation._model import (
    AssignmentModel,
    SolveOptions,
    SolveResult,
    Status,
    explain_infeasible,
)

try:
    from ortools.graph.python import min_cost_flow
except ImportError:  # pragma: no cover - ortools is a project dependency
    min_cost_flow = None


class NotApplicable(ValueError):
    """The model lacks the structure this backend needs; the message says which part."""


def check_flow_structure(model: AssignmentModel) -> None:
    """Raise `NotApplicable` unless the model is a transportation problem."""
    mask = model.mask()
    if model.floors:
        raise NotApplicable("mcf 不支持下限约束 / min-cost flow cannot take floors")
    if model.budget is not None:
        raise NotApplicable("mcf 不支持预算约束 / min-cost flow cannot take a budget")
    if not np.all(model.uses[mask] == 1.0):
        raise NotApplicable("mcf 需要单位资源占用 / min-cost flow needs unit uses")


class McfSolver:
    """Exact for unit uses, no floors, no budget; refuses anything else with a clear message."""

    name = "mcf"

    def solve(self, model: AssignmentModel, options: SolveOptions) -> SolveResult:
        if min_cost_flow is None:  # pragma: no cover
            raise RuntimeError("未安装 ortools / ortools is not installed")
        check_flow_structure(model)
        start = time.perf_counter()
        m, n = model.shape
        rows, cols = np.nonzero(model.mask())
        scale = integer_scale(model.values[rows, cols]) if len(rows) else 1
        sign = -1 if model.sense == "max" else 1
        cost = sign * np.round(model.values[rows, cols] * scale).astype(np.int64)
        caps = np.minimum(np.floor(model.capacities + 1e-9), n).astype(np.int64)
        total = int(caps.sum())
        source, sink = m + n, m + n + 1
        flow = min_cost_flow.SimpleMinCostFlow()
        tails = np.concatenate([np.full(m, source), rows, m + np.arange(n), [source]])
        heads = np.concatenate([np.arange(m), m + cols, np.full(n, sink), [sink]])
        capacity = np.concatenate(
            [caps, np.ones(len(rows), dtype=np.int64), model.job_max - model.job_min, [total]]
        )
        unit = np.concatenate([np.zeros(m, np.int64), cost, np.zeros(n + 1, np.int64)])
        flow.add_arcs_with_capacity_and_unit_cost(
            tails.astype(np.int32), heads.astype(np.int32), capacity, unit
        )
        need = int(model.job_min.sum())
        supplies = np.zeros(m + n + 2, dtype=np.int64)
        supplies[source], supplies[m : m + n], supplies[sink] = total, -model.job_min, need - total
        flow.set_nodes_supplies(np.arange(m + n + 2, dtype=np.int32), supplies)
        code = flow.solve()
        seconds = time.perf_counter() - start
        if code != flow.OPTIMAL:
            return SolveResult(
                (),
                None,
                None,
                None,
                Status.INFEASIBLE,
                seconds,
                self.name,
                f"{explain_infeasible(model)} (min-cost flow status {code})",
            )
        used = flow.flows(np.arange(m, m + len(rows)))
        pairs = tuple(sorted((int(rows[k]), int(cols[k])) for k in np.flatnonzero(used > 0)))
        objective = model.objective(pairs)
        return SolveResult(
            pairs, objective, objective, 0.0, Status.OPTIMAL, seconds, self.name, f"scale={scale}"
        )
