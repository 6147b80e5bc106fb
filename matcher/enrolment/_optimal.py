"""`optimal`: place as many students as possible, then maximise rank-weighted welfare (exact).

Lexicographic in one HiGHS solve: stage 1 counts students placed (weighted by priority when
students left unplaced last semester go first), stage 2 is Σ (K + 1 − rank) over placements,
K the longest list; the objective is M · stage1 + stage2 with M larger than any stage-2 total,
so one more student placed always wins, and among those maxima the best ranks win. The LP
relaxation is solved first: it is usually integral here (students × sections is nearly a
transportation problem) and then it is the MIP's optimum too; otherwise the MIP is solved.
A min-cost flow cannot carry the daily fee cap or the weekly limit across several periods, a
MIP can. Not strategy-proof: a family that ranks a popular course first when it would settle
for a quiet one can gain.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from matcher._quiet_highs import quiet_highs
from matcher.enrolment._model import EnrolConfig, Instance

try:
    import highspy
except ImportError:  # pragma: no cover - highspy is a project dependency
    highspy = None  # type: ignore[assignment]


class _Rows:
    """Sparse constraint rows built up one at a time (COO), then handed to HiGHS column-wise."""

    def __init__(self) -> None:
        self.r: list[int] = []
        self.c: list[int] = []
        self.v: list[float] = []
        self.lo: list[float] = []
        self.hi: list[float] = []

    def add(self, cols: Sequence[int], vals: Sequence[float], lo: float, hi: float) -> None:
        n = len(self.lo)
        self.r += [n] * len(cols)
        self.c += list(cols)
        self.v += list(vals)
        self.lo.append(lo)
        self.hi.append(hi)


def _edges(inst: Instance, order: Sequence[int]) -> tuple[list[tuple[int, int, int]], list[int]]:
    """(student, offering, rank) columns in lottery order, and the students with any option."""
    edges = [(s, o, opt.rank) for s in order for opt in inst.options[s] for o in opt.offerings]
    return edges, [s for s in order if inst.options[s]]


def _student_rows(rows: _Rows, inst: Instance, cols: list[tuple[int, int]], y: int) -> None:
    """One student's rows: one offering per course, per period, the day cap, the week, y ≤ Σx."""
    groups: dict[tuple[str, object], list[int]] = defaultdict(list)
    day_fee: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for col, o in cols:
        off = inst.offerings[o]
        groups[("item", off.item_id)].append(col)
        groups[("period", off.period)].append(col)
        day_fee[off.day].append((col, off.fee_per_session))
    for members in groups.values():
        if len(members) > 1:
            rows.add(members, [1.0] * len(members), -np.inf, 1.0)
    for pairs in day_fee.values():
        if sum(f for _, f in pairs) > inst.daily_fee_cap + 1e-9:
            rows.add([c for c, _ in pairs], [f for _, f in pairs], -np.inf, inst.daily_fee_cap)
    items = {inst.offerings[o].item_id for _, o in cols}
    if len(items) > inst.max_per_week:
        rows.add([c for c, _ in cols], [1.0] * len(cols), -np.inf, float(inst.max_per_week))
    rows.add([y] + [c for c, _ in cols], [1.0] + [-1.0] * len(cols), -np.inf, 0.0)


@dataclass
class _Model:
    """Columns (x per student × offering, then y per student), rows and both stages' costs."""

    edges: list[tuple[int, int, int]]
    rows: _Rows
    n: int
    stage1: np.ndarray
    stage2: np.ndarray


def _model(inst: Instance, order: Sequence[int], cfg: EnrolConfig) -> _Model:
    edges, placed = _edges(inst, order)
    n_x, n = len(edges), len(edges) + len(placed)
    y_col = {s: n_x + i for i, s in enumerate(placed)}
    rows = _Rows()
    by_student: dict[int, list[tuple[int, int]]] = defaultdict(list)
    by_offering: dict[int, list[int]] = defaultdict(list)
    for col, (s, o, _) in enumerate(edges):
        by_student[s].append((col, o))
        by_offering[o].append(col)
    for o, members in sorted(by_offering.items()):
        rows.add(members, [1.0] * len(members), -np.inf, float(inst.offerings[o].seats))
    for s in placed:
        _student_rows(rows, inst, by_student[s], y_col[s])
    longest = max((len(st.choices) for st in inst.students), default=1)
    stage1 = np.zeros(n)
    for s in placed:
        stage1[y_col[s]] = 1.0 + (inst.students[s].priority if cfg.priority_first else 0)
    stage2 = np.zeros(n)
    stage2[:n_x] = [longest + 1 - rank for _, _, rank in edges]
    return _Model(edges, rows, n, stage1, stage2)


def _lp(rows: _Rows, n: int, cost: np.ndarray) -> highspy.HighsLp:
    a = sparse.csc_matrix((rows.v, (rows.r, rows.c)), shape=(len(rows.lo), n))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, len(rows.lo)
    lp.col_cost_ = cost
    lp.col_lower_, lp.col_upper_ = np.zeros(n), np.ones(n)
    lp.row_lower_, lp.row_upper_ = np.array(rows.lo), np.array(rows.hi)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_ = a.indptr, a.indices
    lp.a_matrix_.value_ = a.data
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n, len(rows.lo)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    lp.sense_ = highspy.ObjSense.kMaximize
    return lp


def _highs(cfg: EnrolConfig) -> highspy.Highs:
    """A quiet HiGHS (no banner; output off) with the run's limits."""
    h: highspy.Highs = quiet_highs()
    for key, value in (
        ("output_flag", False),
        ("time_limit", float(cfg.time_limit)),
        ("mip_rel_gap", 0.0),
        ("mip_abs_gap", 0.99),  # the objective is an integer: a gap under 1 proves optimality
        ("threads", int(cfg.threads)),
        ("presolve", "off"),  # measured: presolve costs more than it saves on these models
        ("random_seed", int(cfg.seed) % 2_147_483_647),
    ):
        h.setOptionValue(key, value)
    return h


class OptimalSolveError(RuntimeError):
    """HiGHS found no solution in time (the message says which stage)."""


def _run(h: highspy.Highs, stage: str) -> np.ndarray:
    h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise OptimalSolveError(f"optimal {stage}: HiGHS {h.modelStatusToString(status)}")
    return np.asarray(h.getSolution().col_value)


def _integral(x: np.ndarray) -> bool:
    return bool(np.all(np.minimum(np.abs(x), np.abs(1.0 - x)) < 1e-6))


def _solve(m: _Model, inst: Instance, cfg: EnrolConfig) -> np.ndarray:
    """The LP relaxation, if integral; else the exact MIP (same objective)."""
    big = float(sum(inst.max_per_week * max(1, len(st.choices)) for st in inst.students) + 1)
    cost = big * m.stage1 + m.stage2
    lp = _lp(m.rows, m.n, cost)
    integrality = lp.integrality_
    lp.integrality_ = []
    h = _highs(cfg)
    h.passModel(lp)
    x = _run(h, "LP")
    if _integral(x):
        return x
    lp.integrality_ = integrality
    h = _highs(cfg)
    h.passModel(lp)
    return _run(h, "MIP")


class Optimal:
    """Maximum students placed, then maximum rank-weighted welfare; exact (HiGHS)."""

    name = "optimal"
    strategy_proof = False

    def assign(self, inst: Instance, order: Sequence[int], cfg: EnrolConfig) -> list[list[int]]:
        if highspy is None:  # pragma: no cover
            raise RuntimeError("未安装 highspy / highspy is not installed")
        out: list[list[int]] = [[] for _ in inst.students]
        m = _model(inst, order, cfg)
        if not m.edges:
            return out
        x = _solve(m, inst, cfg)
        for col, (s, o, _) in enumerate(m.edges):
            if x[col] > 0.5:
                out[s].append(o)
        return out
