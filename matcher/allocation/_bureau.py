"""The bureau's allocation: scarce science resources and specialists shared out across schools.

Inputs are plain arrays and small metadata records, so this module needs no database: the
match values come from the matcher, the allowed-pairs mask (travel, slots, grades) from the
caller. Objective: total weighted match value, where rural and fee-exempt-heavy schools weigh
more; hard floors give every school that asked at least one science visit where feasible
(decided first by `plan_floors`, which names every school that cannot have one and why).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

from matcher.allocation._days import (
    ALL_DAYS,
    WEEKDAYS,
    day_capacity,
    day_mask,
    had_before,
    settle_days,
)
from matcher.allocation._fairness import Fairness, fairness
from matcher.allocation._floors import FloorFailure, FloorPlan, plan_floors
from matcher.allocation._model import (
    AssignmentModel,
    Budget,
    Floor,
    SolveOptions,
    SolveResult,
)
from matcher.allocation._registry import DEFAULT_SOLVER, get_solver


@dataclass(frozen=True)
class SchoolInfo:
    """What the allocation needs to know about a school; `demand` = activities it asked for."""

    id: str
    district: str
    area: str  # 城区 / 县城 / 农村
    students: int
    exempt: int = 0
    demand: int = 1
    days: frozenset[int] = ALL_DAYS  # after-school afternoons, 0 = 周一


@dataclass(frozen=True)
class ResourceInfo:
    """A science resource (visits per semester) or a specialist (max_schools)."""

    id: str
    capacity: int
    science: bool = True
    cost_per_visit: float = 0.0
    kind: str = "科普资源"
    #: Afternoons a specialist can come (one school each); None for visits booked by date.
    days: frozenset[int] | None = None


class BureauConfig(BaseModel):
    """Settings of the bureau allocation; weights and floors are policy, so they live here."""

    model_config = ConfigDict(frozen=True)

    solver: str = DEFAULT_SOLVER
    time_limit: float = Field(60.0, gt=0)
    seed: int = 20230901
    threads: int = Field(1, ge=1)
    mip_rel_gap: float = Field(0.0, ge=0)
    science_floor: int = Field(1, ge=0, description="每校至少几次科普活动；0 = 不设下限")
    area_weights: dict[str, float] = Field(
        default_factory=lambda: {"城区": 1.0, "县城": 1.2, "农村": 1.5}
    )
    exempt_weight: float = Field(1.0, ge=0, description="权重 × (1 + exempt_weight × 免费学生占比)")
    budget: float | None = Field(None, ge=0, description="本学期科普经费上限（元）")
    rotation: float = Field(
        0.5, ge=0, le=1, description="轮换：上学期已获得该资源的学校，本学期匹配值 × (1 − rotation)"
    )
    day_rounds: int = Field(20, ge=1, description="为排日冲突重新求解的最多轮数")

    def weight(self, school: SchoolInfo) -> float:
        share = school.exempt / max(school.students, 1)
        return self.area_weights.get(school.area, 1.0) * (1.0 + self.exempt_weight * share)

    def options(self) -> SolveOptions:
        return SolveOptions(
            time_limit=self.time_limit,
            seed=self.seed,
            threads=self.threads,
            mip_rel_gap=self.mip_rel_gap,
        )


@dataclass(frozen=True)
class Allocation:
    school_id: str
    resource_id: str
    value: float
    day: str | None = None  # 周一…周五 for a specialist; None for a science visit
    rotated: bool = False  # the school had this resource last semester


@dataclass(frozen=True)
class SchoolOutcome:
    school_id: str
    district: str
    area: str
    students: int
    weight: float
    activities: int
    science: int
    value: float
    floored: bool


@dataclass(frozen=True)
class ResourceUse:
    resource_id: str
    used: int
    capacity: int

    @property
    def utilisation(self) -> float:
        return self.used / self.capacity if self.capacity else 0.0


@dataclass(frozen=True)
class BureauReport:
    """Who got what, utilisation per resource, fairness figures and the unmet floors."""

    result: SolveResult
    allocations: tuple[Allocation, ...]
    schools: tuple[SchoolOutcome, ...]
    resources: tuple[ResourceUse, ...]
    floor_failures: tuple[FloorFailure, ...]
    fairness: Fairness
    message: str = ""


def _check(values: npt.NDArray[np.float64], n_s: int, n_r: int) -> None:
    if values.shape != (n_s, n_r):
        raise ValueError(
            f"匹配值矩阵应为 学校×资源 ({n_s}, {n_r})，实为 {values.shape} / "
            "values must be schools × resources"
        )


def _model(
    values: npt.NDArray[np.float64],
    allowed: npt.NDArray[np.bool_],
    schools: Sequence[SchoolInfo],
    resources: Sequence[ResourceInfo],
    plan: FloorPlan,
    config: BureauConfig,
) -> AssignmentModel:
    """Resources are the agents (capacity), schools the jobs (0..demand activities)."""
    weights = np.array([config.weight(s) for s in schools])
    n_r, n_s = len(resources), len(schools)
    science = np.flatnonzero([r.science for r in resources]).astype(np.int64)
    floors = [
        Floor(science, np.full(len(science), s, np.int64), plan.required[s], schools[s].id)
        for s in plan.floored
    ]
    budget = None
    if config.budget is not None:
        costs = np.repeat(np.array([r.cost_per_visit for r in resources])[:, None], n_s, axis=1)
        budget = Budget(costs, float(config.budget))
    return AssignmentModel(
        values=(values.T * weights[None, :]).astype(float),
        uses=np.ones((n_r, n_s)),
        capacities=np.array([r.capacity for r in resources], dtype=float),
        job_min=np.zeros(n_s, dtype=np.int64),
        job_max=np.array([s.demand for s in schools], dtype=np.int64),
        sense="max",
        allowed=allowed.T.copy(),
        floors=tuple(floors),
        budget=budget,
    )


def allocate(
    values: npt.ArrayLike,
    schools: Sequence[SchoolInfo],
    resources: Sequence[ResourceInfo],
    allowed: npt.ArrayLike | None = None,
    config: BureauConfig | None = None,
    *,
    previous: Mapping[str, Collection[str]] | None = None,
    earlier: Mapping[str, int] | None = None,
) -> BureauReport:
    """Share `resources` out across `schools`; `values[s, r]` is the matcher's match value.

    `previous`: school id → resource ids it got last semester (rotation: those count
    × (1 − config.rotation) now). `earlier`: school id → activities in all earlier semesters
    (the fairness-over-time figure). Specialists get a day each (`Allocation.day`), one
    school per afternoon; a pair that cannot get a day is forbidden and the model solved again.
    """
    config = config or BureauConfig()
    vals = np.asarray(values, dtype=float)
    _check(vals, len(schools), len(resources))
    ok = np.ones(vals.shape, bool) if allowed is None else np.asarray(allowed, dtype=bool)
    _check(ok.astype(float), len(schools), len(resources))
    ok = ok & np.isfinite(vals) & day_mask(schools, resources)
    vals = np.where(np.isfinite(vals), vals, 0.0)
    had = had_before(schools, resources, previous or {})
    weighted = np.where(had, vals * (1.0 - config.rotation), vals)
    resources = [day_capacity(r) for r in resources]
    for _ in range(config.day_rounds):
        plan = _plan(ok, schools, resources, config)
        model = _model(weighted, ok, schools, resources, plan, config)
        result = get_solver(config.solver).solve(model, config.options())
        days, clashes = settle_days(result, schools, resources)
        if not clashes:
            break
        for r, s in clashes:
            ok[s, r] = False
    kept = tuple(p for p in result.assignment if p not in clashes)
    result = replace(result, assignment=kept)
    before = np.array([(earlier or {}).get(s.id, 0) for s in schools], dtype=float)
    return _report(result, vals, schools, resources, plan, config, (days, had, before))


def _plan(
    ok: npt.NDArray[np.bool_],
    schools: Sequence[SchoolInfo],
    resources: Sequence[ResourceInfo],
    config: BureauConfig,
) -> FloorPlan:
    cost = np.array([r.cost_per_visit for r in resources])
    usable = np.array([r.science and r.capacity > 0 for r in resources], dtype=bool)
    if config.budget is not None:
        usable &= cost <= config.budget + 1e-9
    sci = ok.T & usable[:, None]
    return plan_floors(
        sci,
        np.array([max(r.capacity, 0) for r in resources], dtype=np.int64),
        np.array([s.demand for s in schools], dtype=np.int64),
        np.array([config.weight(s) for s in schools]),
        np.repeat(cost[:, None], len(schools), axis=1),
        config.science_floor,
        config.budget,
        [s.id for s in schools],
        [r.id for r in resources],
    )


def _report(
    result: SolveResult,
    vals: npt.NDArray[np.float64],
    schools: Sequence[SchoolInfo],
    resources: Sequence[ResourceInfo],
    plan: FloorPlan,
    config: BureauConfig,
    extra: tuple[dict[tuple[int, int], int], npt.NDArray[np.bool_], npt.NDArray[np.float64]],
) -> BureauReport:
    days, had, before = extra
    n_s = len(schools)
    acts = np.zeros(n_s, np.int64)
    sci = np.zeros(n_s, np.int64)
    got = np.zeros(n_s)
    used = np.zeros(len(resources), np.int64)
    allocations = []
    for r, s in sorted(result.assignment, key=lambda p: (p[1], p[0])):
        day = WEEKDAYS[days[(r, s)]] if (r, s) in days else None
        allocations.append(
            Allocation(schools[s].id, resources[r].id, float(vals[s, r]), day, bool(had[s, r]))
        )
        acts[s] += 1
        sci[s] += int(resources[r].science)
        got[s] += vals[s, r]
        used[r] += 1
    weights = [config.weight(s) for s in schools]
    floored = set(plan.floored)
    outcomes = tuple(
        SchoolOutcome(
            s.id,
            s.district,
            s.area,
            s.students,
            weights[k],
            int(acts[k]),
            int(sci[k]),
            float(got[k]),
            k in floored,
        )
        for k, s in enumerate(schools)
    )
    uses = tuple(ResourceUse(r.id, int(used[k]), r.capacity) for k, r in enumerate(resources))
    figures = fairness(
        [s.id for s in schools],
        [s.district for s in schools],
        [s.area for s in schools],
        [s.students for s in schools],
        acts,
        weights,
        before,
    )
    message = "" if result.has_solution else f"未得到分配 / no allocation: {result.message}"
    return BureauReport(result, tuple(allocations), outcomes, uses, plan.failures, figures, message)
