"""Decide the fairness floors before the main solve, so an impossible floor is reported.

Every school that asked for activities should get at least `floor` science visits. Whether all
can is a flow question on the floor constraints alone: source → science resource (its visits)
→ school (allowed pairs) → sink (the school's floor). A min-cost flow floors as many schools as
possible, preferring higher-weight schools and then cheaper visits; a budget, if any, then drops
the lowest-weight floors until the cheapest floor visits fit. Each school left out is named with
the reason, never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

REASONS = {
    "no_demand": "学校未申请活动 / the school asked for no activity",
    "unreachable": "没有可用的科普资源（距离、时段、年级或费用）/ no science resource is allowed "
    "for this school (travel, slot, grade or cost)",
    "capacity": "可达的科普资源场次已被其他学校用完 / the science resources it can reach are "
    "fully taken by other schools' floors",
    "budget": "预算不足以覆盖全部下限 / the budget cannot pay for every floor",
}


@dataclass(frozen=True)
class FloorFailure:
    """A school whose floor cannot be met, with a reason code and a readable reason."""

    school_id: str
    code: str
    reason: str
    reachable: tuple[str, ...] = ()


@dataclass(frozen=True)
class FloorPlan:
    """Schools (by index) whose floor is enforced, and the ones that cannot have it."""

    floored: tuple[int, ...]
    required: tuple[int, ...]
    failures: tuple[FloorFailure, ...]
    floor_cost: float


def _flow(
    sci: npt.NDArray[np.bool_],
    caps: npt.NDArray[np.int64],
    need: npt.NDArray[np.int64],
    weights: npt.NDArray[np.float64],
    costs: npt.NDArray[np.float64],
) -> npt.NDArray[np.int64]:
    """Units of floor each school gets (resources r × schools s); count first, then weight."""
    r_n, s_n = sci.shape
    rows, cols = np.nonzero(sci)
    w = np.round(weights * 1000).astype(np.int64)
    big = _cost_bound(np.round(costs[rows, cols] * 100).astype(np.int64), int(need.sum()))
    reward = (int(w.sum()) + 1 + w) * big
    src, dst = r_n + s_n, r_n + s_n + 1
    total = int(caps.sum())
    tails = np.concatenate([np.full(r_n, src), rows, r_n + np.arange(s_n), [src]])
    heads = np.concatenate([np.arange(r_n), r_n + cols, np.full(s_n, dst), [dst]])
    cap = np.concatenate([caps, np.ones(len(rows), np.int64), need, [total]])
    unit = np.concatenate(
        [np.zeros(r_n, np.int64), np.round(costs[rows, cols] * 100).astype(np.int64), -reward, [0]]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), cap.astype(np.int64), unit
    )
    supplies = np.zeros(r_n + s_n + 2, np.int64)
    supplies[src], supplies[dst] = total, -total
    flow.set_nodes_supplies(np.arange(r_n + s_n + 2, dtype=np.int32), supplies)
    if flow.solve() != flow.OPTIMAL:  # pragma: no cover - always feasible via the bypass arc
        raise RuntimeError("floor flow failed")
    got = flow.flows(np.arange(r_n, r_n + len(rows)))
    units = np.zeros(s_n, np.int64)
    cost_each = np.zeros(s_n)
    np.add.at(units, cols, got)
    np.add.at(cost_each, cols, got * costs[rows, cols])
    return np.stack([units, np.round(cost_each * 100).astype(np.int64)])


def _cost_bound(cents: npt.NDArray[np.int64], units: int) -> int:
    """More than any flow's total cost (each floor unit uses one pair arc): the weight of one
    placed unit must outweigh every cost. The plain sum of all pair costs overflowed the
    solver's int64 costs at 1,000 schools (676,340 pairs); at most `units` arcs carry flow."""
    if not len(cents):
        return 1
    return min(int(cents.sum()), int(cents.max()) * max(units, 0)) + 1


def plan_floors(
    sci: npt.NDArray[np.bool_],
    caps: npt.NDArray[np.int64],
    demand: npt.NDArray[np.int64],
    weights: npt.NDArray[np.float64],
    costs: npt.NDArray[np.float64],
    floor: int,
    budget: float | None,
    school_ids: list[str],
    resource_ids: list[str],
) -> FloorPlan:
    """`sci[r, s]`: science resource r may serve school s. See the module docstring."""
    need = np.minimum(floor, demand).astype(np.int64)
    units, cents = _flow(sci, caps, need, weights, costs)
    ok = (need > 0) & (units >= need)
    spent = float(cents[ok].sum()) / 100.0
    dropped: set[int] = set()
    if budget is not None and spent > budget + 1e-9:
        for d in sorted(np.flatnonzero(ok).tolist(), key=lambda k: (weights[k], -cents[k], k)):
            dropped.add(d)
            spent -= cents[d] / 100.0
            if spent <= budget + 1e-9:
                break
    failures = []
    for s in range(len(school_ids)):
        code = None
        if need[s] == 0:
            code = "no_demand" if floor > 0 else None
        elif not sci[:, s].any():
            code = "unreachable"
        elif s in dropped:
            code = "budget"
        elif not ok[s]:
            code = "capacity"
        if code is not None:
            reach = tuple(resource_ids[r] for r in np.flatnonzero(sci[:, s]))
            failures.append(FloorFailure(school_ids[s], code, REASONS[code], reach))
    floored = tuple(int(s) for s in np.flatnonzero(ok) if int(s) not in dropped)
    return FloorPlan(floored, tuple(int(v) for v in need), tuple(failures), max(spent, 0.0))
