"""The assignment model every backend solves, and the result every backend returns.

Agents i (resources with a capacity) × jobs j (GAP jobs, or schools). Binary x[i, j] on allowed
pairs; sum_j uses[i, j] x[i, j] <= capacities[i]; job_min[j] <= sum_i x[i, j] <= job_max[j]
(GAP: exactly once; bureau: up to the school's demand); each floor: the pairs of its mask hold
at least `minimum` assignments; an optional budget: sum cost[i, j] x[i, j] <= limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

Sense = Literal["max", "min"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class Status(StrEnum):
    """How a solve ended. `feasible` means a solution without proof of optimality."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    TIME_LIMIT = "time_limit"
    UNKNOWN = "unknown"


@dataclass(frozen=True, eq=False)
class Floor:
    """At least `minimum` assignments among the pairs (rows[k], cols[k]), e.g. one science
    visit per school. Pairs, not a dense mask: a city has a floor per school."""

    rows: IntArray
    cols: IntArray
    minimum: int
    label: str = ""

    @classmethod
    def from_mask(cls, mask: BoolArray, minimum: int, label: str = "") -> Floor:
        rows, cols = np.nonzero(mask)
        return cls(rows.astype(np.int64), cols.astype(np.int64), minimum, label)

    def count(self, chosen: npt.NDArray[np.generic]) -> int:
        """How many of the floor's pairs are set in an (m, n) 0/1 or boolean matrix."""
        return int(np.asarray(chosen)[self.rows, self.cols].astype(np.int64).sum())


@dataclass(frozen=True, eq=False)
class Budget:
    """Total cost of the chosen pairs may not exceed `limit`."""

    costs: FloatArray
    limit: float


@dataclass(frozen=True, eq=False)
class AssignmentModel:
    """Plain arrays; see the module docstring for the constraints they stand for."""

    values: FloatArray
    uses: FloatArray
    capacities: FloatArray
    job_min: IntArray
    job_max: IntArray
    sense: Sense = "max"
    allowed: BoolArray | None = None
    floors: tuple[Floor, ...] = ()
    budget: Budget | None = None

    def __post_init__(self) -> None:
        m, n = self.values.shape
        if self.uses.shape != (m, n) or self.capacities.shape != (m,):
            raise ValueError("uses 必须为 (m, n)、capacities 为 (m,) / shape mismatch")
        if self.job_min.shape != (n,) or self.job_max.shape != (n,):
            raise ValueError("job_min/job_max 必须为 (n,) / shape mismatch")
        if self.allowed is not None and self.allowed.shape != (m, n):
            raise ValueError("allowed 必须为 (m, n) / shape mismatch")
        if self.sense not in ("max", "min"):
            raise ValueError(f"sense 必须为 max 或 min / bad sense {self.sense!r}")

    @property
    def shape(self) -> tuple[int, int]:
        return (int(self.values.shape[0]), int(self.values.shape[1]))

    def mask(self) -> BoolArray:
        """Pairs that may be chosen at all: allowed, and using no more than the capacity."""
        ok = self.uses <= self.capacities[:, None] + 1e-9
        if self.allowed is not None:
            ok = ok & self.allowed
        return np.asarray(ok & (self.job_max > 0)[None, :], dtype=bool)

    def objective(self, pairs: tuple[tuple[int, int], ...]) -> float:
        return float(sum(self.values[i, j] for i, j in pairs))

    def violations(self, pairs: tuple[tuple[int, int], ...]) -> list[str]:
        """Every constraint a set of pairs breaks (empty list: feasible)."""
        m, n = self.shape
        x = np.zeros((m, n), dtype=np.int64)
        for i, j in pairs:
            x[i, j] += 1
        out: list[str] = []
        if (x > 1).any():
            out.append("同一对被选了多次 / a pair chosen twice")
        if (x.astype(bool) & ~self.mask()).any():
            out.append("选了不允许的对 / a disallowed pair chosen")
        load = (self.uses * x).sum(axis=1)
        for a in np.flatnonzero(load > self.capacities + 1e-6).tolist():
            out.append(
                f"代理 {a} 超出容量 / agent {a} over capacity: {load[a]} > {self.capacities[a]}"
            )
        count = x.sum(axis=0)
        for b in np.flatnonzero((count < self.job_min) | (count > self.job_max)).tolist():
            out.append(f"任务 {b} 分配 {count[b]} 次 / job {b} assigned {count[b]} times")
        for f in self.floors:
            if f.count(x) < f.minimum:
                out.append(f"未满足下限 / floor not met: {f.label or f.minimum}")
        if self.budget is not None and (self.budget.costs * x).sum() > self.budget.limit + 1e-6:
            out.append("超出预算 / over budget")
        return out


class SolveOptions(BaseModel):
    """Limits shared by every backend; fixed threads and seed keep results reproducible."""

    model_config = ConfigDict(frozen=True)

    time_limit: float = Field(60.0, gt=0, description="秒 / seconds")
    seed: int = 20230901
    threads: int = Field(1, ge=1, le=64, description="solver threads (HiGHS / CP-SAT workers)")
    mip_rel_gap: float = Field(0.0, ge=0, description="HiGHS stops once the proven gap is below")
    heuristic_effort: float = Field(
        0.3, ge=0, le=1, description="HiGHS mip_heuristic_effort; 0.3 by measurement (docs)"
    )


@dataclass(frozen=True)
class SolveResult:
    """What a backend found: the chosen pairs, their objective, the proven bound and gap."""

    assignment: tuple[tuple[int, int], ...]
    objective: float | None
    bound: float | None
    gap: float | None
    status: Status
    seconds: float
    solver: str
    message: str = ""
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def has_solution(self) -> bool:
        return self.status in (Status.OPTIMAL, Status.FEASIBLE) or (
            self.status is Status.TIME_LIMIT and self.objective is not None
        )

    def agent_of_job(self, jobs: int) -> IntArray:
        """For GAP-like results: the agent of each job (-1 where none)."""
        out = np.full(jobs, -1, dtype=np.int64)
        for i, j in self.assignment:
            out[j] = i
        return out


class Solver(Protocol):
    """A backend: solves an `AssignmentModel` within the options' time limit."""

    name: str

    def solve(self, model: AssignmentModel, options: SolveOptions) -> SolveResult: ...


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """|bound - objective| / max(|objective|, 1): the gap HiGHS and CP-SAT both report."""
    if objective is None or bound is None:
        return None
    return abs(bound - objective) / max(abs(objective), 1.0)


def integral_bound(model: AssignmentModel, bound: float | None) -> float | None:
    """With integer values the optimum is an integer, so a bound may be rounded toward it."""
    if bound is None or not np.all(np.equal(np.mod(model.values, 1.0), 0.0)):
        return bound
    return float(np.floor(bound + 1e-6) if model.sense == "max" else np.ceil(bound - 1e-6))


def explain_infeasible(model: AssignmentModel) -> str:
    """Name the constraints that cannot be met, for an infeasible model (checks one by one;
    if none fails alone, says the combination is at fault)."""
    mask = model.mask()
    reasons = []
    options = mask.sum(axis=0)
    for j in np.flatnonzero(options < model.job_min).tolist():
        reasons.append(
            f"任务 {j} 需要 {model.job_min[j]} 个代理，只有 {options[j]} 个可用 / "
            f"job {j} needs {model.job_min[j]} agents, {options[j]} allowed and large enough"
        )
    for f in model.floors:
        if f.count(mask) < f.minimum:
            reasons.append(
                f"下限 {f.label or '?'} 无可用的对 / floor {f.label!r} has too few pairs"
            )
    cheapest = np.where(mask, model.uses, np.inf).min(axis=0)
    req = model.job_min > 0
    need = float((cheapest[req] * model.job_min[req]).sum())
    if np.isfinite(need) and need > float(model.capacities.sum()) + 1e-9:
        reasons.append(
            f"总容量 {model.capacities.sum():g} 小于最少需求 {need:g} / "
            "total capacity is below the least total use the jobs need"
        )
    if not reasons:
        return "约束组合不可行 / the constraints are infeasible together (none fails alone)"
    return "; ".join(reasons[:5]) + (f" (+{len(reasons) - 5})" if len(reasons) > 5 else "")
