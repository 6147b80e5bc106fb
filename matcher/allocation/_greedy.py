"""Regret greedy (Martello–Toth style): the baseline that platforms' first-come lists resemble.

Phase 1 serves each job's required assignments (job_min), always taking next the job whose
best choice it would regret losing most (best minus second-best desirability). Phase 2 meets
floors, most constrained first, with the best remaining pair. Phase 3 adds optional pairs by
value while they fit (only those that improve the objective). Phase 4 shifts single
assignments to a better agent with room, as MTHG's improvement step does. No bound is claimed:
`bound` and `gap` stay None, and a failure is `unknown`, not `infeasible`, because a greedy
proves nothing.
"""

from __future__ import annotations

import time

import numpy as np
import numpy.typing as npt

from matcher.allocation._model import AssignmentModel, SolveOptions, SolveResult, Status


class _State:
    """Remaining capacity, budget and per-job counts while pairs are added; `ok` caches which
    pairs still fit and is updated only where an addition changes it (row, column, budget)."""

    def __init__(self, model: AssignmentModel) -> None:
        self.model = model
        self.free = model.capacities.astype(float).copy()
        self.money = np.inf if model.budget is None else float(model.budget.limit)
        self.count = np.zeros(model.shape[1], dtype=np.int64)
        self.taken = np.zeros(model.shape, dtype=bool)
        self.allowed = model.mask()
        self.ok = self.allowed.copy()
        if model.budget is not None:
            self.ok &= model.budget.costs <= self.money + 1e-9

    def fits(self) -> npt.NDArray[np.bool_]:
        """Pairs that could still be added without breaking any upper limit (a view)."""
        return self.ok

    def fits_one(self, i: int, j: int) -> bool:
        return bool(self.ok[i, j])

    def add(self, i: int, j: int) -> None:
        model = self.model
        self.taken[i, j] = True
        self.ok[i, j] = False
        self.free[i] -= model.uses[i, j]
        self.ok[i, :] &= model.uses[i, :] <= self.free[i] + 1e-9
        self.count[j] += 1
        if self.count[j] >= model.job_max[j]:
            self.ok[:, j] = False
        if model.budget is not None:
            self.money -= float(model.budget.costs[i, j])
            self.ok &= model.budget.costs <= self.money + 1e-9

    def remove(self, i: int, j: int) -> None:
        """Undo `add(i, j)`: row i and column j may fit again; so may anything, under a budget."""
        model = self.model
        self.taken[i, j] = False
        self.free[i] += model.uses[i, j]
        self.count[j] -= 1
        if model.budget is not None:
            self.money += float(model.budget.costs[i, j])
        self.ok[i, :] = self._fit(np.s_[i, :])
        self.ok[:, j] = self._fit(np.s_[:, j])
        if model.budget is not None:
            self.ok = self._fit(np.s_[:, :])

    def _fit(self, where: tuple[slice | int, slice | int]) -> npt.NDArray[np.bool_]:
        model = self.model
        free = np.broadcast_to(self.free[:, None], model.shape)[where]
        count = np.broadcast_to(self.count[None, :], model.shape)[where]
        cap = np.broadcast_to(model.job_max[None, :], model.shape)[where]
        ok = self.allowed[where] & ~self.taken[where] & (model.uses[where] <= free + 1e-9)
        ok &= count < cap
        if model.budget is not None:
            ok &= model.budget.costs[where] <= self.money + 1e-9
        return np.asarray(ok, dtype=bool)


def _criteria(model: AssignmentModel) -> list[npt.NDArray[np.float64]]:
    """MTHG's four desirability measures (higher is better): value, value per use, -use,
    -use as a share of capacity. Each gets a run; the best feasible outcome is kept."""
    base = model.values if model.sense == "max" else -model.values
    use = np.maximum(model.uses, 1e-9)
    share = model.uses / np.maximum(model.capacities[:, None], 1e-9)
    per_use = base / use if model.sense == "max" else base * use
    return [np.asarray(c, dtype=float) for c in (base - 1e-6 * share, per_use, -use, -share)]


def _required(state: _State, desire: npt.NDArray[np.float64]) -> bool:
    """Phase 1: give every job its job_min, largest regret first. False if stuck."""
    while True:
        short = state.count < state.model.job_min
        if not short.any():
            return True
        d = np.where(state.fits(), desire, -np.inf)[:, short]
        top2 = -np.sort(-d, axis=0)[:2] if d.shape[0] > 1 else np.vstack([d[0], d[0]])
        if not np.isfinite(top2[0]).all():
            return False
        second = np.where(np.isfinite(top2[1]), top2[1], top2[0] - 1e12)
        k = int(np.argmax(top2[0] - second))
        j = int(np.flatnonzero(short)[k])
        state.add(int(np.argmax(d[:, k])), j)


def _floors(state: _State, desire: npt.NDArray[np.float64]) -> bool:
    """Meet the floors most-constrained first (fewest pairs that still fit), each with its
    most desirable fitting pair; False if some floor has no pair left."""
    floors = state.model.floors
    if not floors:
        return True
    members = [np.ravel_multi_index((f.rows, f.cols), desire.shape) for f in floors]
    flat = np.concatenate(members)
    owner = np.repeat(np.arange(len(floors)), [len(m) for m in members])
    need = np.array([f.minimum for f in floors], dtype=float)
    flat_desire = desire.ravel()
    while True:
        have = np.bincount(owner, weights=state.taken.flat[flat], minlength=len(floors))
        short = have < need
        if not short.any():
            return True
        options = np.bincount(owner, weights=state.ok.flat[flat], minlength=len(floors))
        k = int(np.argmin(np.where(short, options, np.inf)))
        fit = members[k][state.ok.flat[members[k]]]
        if fit.size == 0:
            return False
        i, j = np.unravel_index(int(fit[np.argmax(flat_desire[fit])]), desire.shape)
        state.add(int(i), int(j))


def _optional(state: _State, desire: npt.NDArray[np.float64]) -> None:
    order = np.argsort(-desire, axis=None, kind="stable")
    for flat in order:
        i, j = np.unravel_index(int(flat), desire.shape)
        if desire[i, j] <= 0:
            break
        if state.fits_one(int(i), int(j)):
            state.add(int(i), int(j))


class GreedySolver:
    """Regret greedy baseline; feasible when it succeeds, never claims optimality."""

    name = "greedy"

    def solve(self, model: AssignmentModel, options: SolveOptions) -> SolveResult:
        start = time.perf_counter()
        sign = 1.0 if model.sense == "max" else -1.0
        best: tuple[tuple[int, int], ...] | None = None
        for desire in _criteria(model):
            pairs = _run(model, desire)
            if pairs is not None and (
                best is None or sign * model.objective(pairs) > sign * model.objective(best)
            ):
                best = pairs
        seconds = time.perf_counter() - start
        if best is None:
            return SolveResult(
                (),
                None,
                None,
                None,
                Status.UNKNOWN,
                seconds,
                self.name,
                "贪心未找到可行解 / greedy found no feasible solution",
            )
        return SolveResult(
            best, model.objective(best), None, None, Status.FEASIBLE, seconds, self.name
        )


def _run(
    model: AssignmentModel, desire: npt.NDArray[np.float64]
) -> tuple[tuple[int, int], ...] | None:
    """One greedy pass with one desirability; None when it got stuck."""
    state = _State(model)
    if not (_required(state, desire) and _floors(state, desire)):
        return None
    base = model.values if model.sense == "max" else -model.values
    _optional(state, np.asarray(base, dtype=float))
    _improve(state, np.asarray(base, dtype=float))
    pairs = tuple((int(i), int(j)) for i, j in zip(*np.nonzero(state.taken), strict=True))
    return None if model.violations(pairs) else pairs


def _improve(state: _State, gain: npt.NDArray[np.float64], rounds: int = 3) -> None:
    """Shift single assignments (i, j) → (i2, j) while that raises `gain` and all limits hold;
    a pair inside a floor only moves to a pair inside the same floors."""
    model = state.model
    inside: dict[tuple[int, int], list[int]] = {}
    for k, f in enumerate(model.floors):
        for i, j in zip(f.rows.tolist(), f.cols.tolist(), strict=True):
            inside.setdefault((i, j), []).append(k)
    for _ in range(rounds):
        moved = False
        for i, j in zip(*np.nonzero(state.taken), strict=True):
            i, j = int(i), int(j)
            room = state.free.copy()
            room[i] += model.uses[i, j]
            cand = state.allowed[:, j] & ~state.taken[:, j] & (model.uses[:, j] <= room + 1e-9)
            if model.budget is not None:
                costs = model.budget.costs[:, j]
                cand &= costs <= state.money + costs[i] + 1e-9
            for k in inside.get((i, j), []):
                f = model.floors[k]
                same = np.zeros(len(cand), dtype=bool)
                same[f.rows[f.cols == j]] = True
                cand &= same
            better = np.where(cand, gain[:, j], -np.inf)
            best = int(np.argmax(better))
            if better[best] > gain[i, j] + 1e-12:
                state.remove(i, j)
                state.add(best, j)
                moved = True
        if not moved:
            return
