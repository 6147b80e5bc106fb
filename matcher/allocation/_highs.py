"""HiGHS (highspy) MIP backend: the default, picked by measurement (see docs/allocation.md).

mip_rel_gap is set explicitly (default 0): HiGHS's own default 1e-4 calls a solution optimal
while it can still be several units off on large integer costs. The gap we report is recomputed
from HiGHS's dual bound, so it is the proven gap whatever HiGHS's status says.
"""

from __future__ import annotations

import time

import numpy as np

from matcher._quiet_highs import quiet_highs
from matcher.allocation._linear import LinearForm, linear_form
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
    import highspy
except ImportError:  # pragma: no cover - highspy is a project dependency
    highspy = None  # type: ignore[assignment]


def _lp(form: LinearForm, sense: str) -> highspy.HighsLp:
    lp = highspy.HighsLp()
    k = len(form.c)
    lp.num_col_ = k
    lp.num_row_ = form.a.shape[0]
    lp.col_cost_ = form.c
    lp.col_lower_ = np.zeros(k)
    lp.col_upper_ = np.ones(k)
    lp.row_lower_ = form.row_lo
    lp.row_upper_ = form.row_hi
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = form.a.indptr
    lp.a_matrix_.index_ = form.a.indices
    lp.a_matrix_.value_ = form.a.data
    lp.a_matrix_.num_col_ = k
    lp.a_matrix_.num_row_ = form.a.shape[0]
    lp.integrality_ = [highspy.HighsVarType.kInteger] * k
    lp.sense_ = highspy.ObjSense.kMaximize if sense == "max" else highspy.ObjSense.kMinimize
    return lp


def _configured(options: SolveOptions) -> highspy.Highs:
    h: highspy.Highs = quiet_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(options.time_limit))
    h.setOptionValue("mip_rel_gap", float(options.mip_rel_gap))
    h.setOptionValue("random_seed", int(options.seed) % 2_147_483_647)
    h.setOptionValue("threads", int(options.threads))
    h.setOptionValue("mip_heuristic_effort", float(options.heuristic_effort))
    return h


class HighsSolver:
    """Exact MIP by branch and cut; reports HiGHS's dual bound and the gap it proves."""

    name = "highs"

    def solve(self, model: AssignmentModel, options: SolveOptions) -> SolveResult:
        if highspy is None:  # pragma: no cover
            raise RuntimeError("未安装 highspy / highspy is not installed")
        start = time.perf_counter()
        form = linear_form(model)
        if len(form.c) == 0:  # nothing to choose: HiGHS would answer kModelEmpty
            ok = bool(np.all(form.row_lo <= 0) and np.all(form.row_hi >= 0))
            status = Status.OPTIMAL if ok else Status.INFEASIBLE
            value = 0.0 if ok else None
            seconds = time.perf_counter() - start
            why = "" if ok else explain_infeasible(model)
            return SolveResult(
                (), value, value, 0.0 if ok else None, status, seconds, self.name, why
            )
        h = _configured(options)
        h.passModel(_lp(form, model.sense))
        h.run()
        seconds = time.perf_counter() - start
        return _result(h, form, model, seconds)


def _result(
    h: highspy.Highs, form: LinearForm, model: AssignmentModel, seconds: float
) -> SolveResult:
    status = h.getModelStatus()
    ms = highspy.HighsModelStatus
    info = h.getInfo()
    if status == ms.kInfeasible:
        return SolveResult(
            (),
            None,
            None,
            None,
            Status.INFEASIBLE,
            seconds,
            "highs",
            explain_infeasible(model),
        )
    has_sol = info.primal_solution_status >= 2  # kSolutionStatusFeasible
    pairs = form.pairs(h.getSolution().col_value) if has_sol else ()
    objective = model.objective(pairs) if has_sol else None
    bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else None
    bound = integral_bound(model, bound)
    gap = relative_gap(objective, bound)
    if status == ms.kOptimal and gap is not None and gap <= 1e-9:
        code = Status.OPTIMAL
    elif status in (ms.kTimeLimit, ms.kInterrupt, ms.kIterationLimit, ms.kSolutionLimit):
        code = Status.TIME_LIMIT
    elif status == ms.kOptimal:
        code = Status.FEASIBLE  # optimal within the requested mip_rel_gap, not proven exact
    else:
        code = Status.FEASIBLE if has_sol else Status.UNKNOWN
    return SolveResult(pairs, objective, bound, gap, code, seconds, "highs", str(status))
