"""Benchmark of the allocation solvers: HiGHS vs CP-SAT vs the regret greedy.

Instances: OR-Library gapd (chu1997 d-type, 5–20 × 100–200) and Yagiura et al.'s types C, D, E
up to 80 × 1600 (../shared/data/gap/yagiura_and_split), all minimisation, each against the
best-known value in fontanf_bounds.csv; then a 株洲-scale synthetic bureau case, 1,000 schools ×
200 resources with floors, where the figure is the time to a proven optimum or to the gap
reached within the limit.

Reproduce (from the project root; writes nothing unless --markdown is given):
    .venv/bin/python benchmarks/allocate_bench.py                  # ~11 min on 2 cores
    .venv/bin/python benchmarks/allocate_bench.py --quick          # ~1 min
    .venv/bin/python benchmarks/allocate_bench.py --markdown /tmp/alloc_table.md

Each exact solver gets `--time-limit` seconds per instance (default 10; 5 with --quick), six
times that on the 80 × 1600 instances and three times on the city case, with `--threads`
threads (default 2); the greedy has no limit. "gap to best" is
(objective − best known) / best known; "proven gap" is the solver's own bound gap.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matcher.allocation import (
    BureauConfig,
    ResourceInfo,
    SchoolInfo,
    SolveOptions,
    allocate,
    get_solver,
    read_gap,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = (ROOT / ".." / "shared" / "data" / "gap").resolve()
SOLVERS = ("highs", "cpsat", "greedy")
YAGIURA_FULL = [f"{t}{size}" for t in "cde" for size in ("10400", "40400", "801600")]
YAGIURA_QUICK = ["c10400", "d10400", "e10400"]
DISTRICTS = ["天元区", "荷塘区", "芦淞区", "石峰区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县"]
AREAS = ["城区", "县城", "农村"]


@dataclass(frozen=True)
class Row:
    instance: str
    size: str
    best: float | None
    solver: str
    objective: float | None
    proven_gap: float | None
    status: str
    seconds: float

    def gap_to_best(self) -> float | None:
        if self.objective is None or self.best is None:
            return None
        return (self.objective - self.best) / abs(self.best)


def best_known() -> dict[str, float]:
    with (DATA / "fontanf_bounds.csv").open(encoding="utf-8") as f:
        return {r["Path"]: float(r["Best known solution value"]) for r in csv.DictReader(f)}


def gap_instances(quick: bool) -> list[tuple[str, str]]:
    """(label, fontanf path) for gapd's six problems and the chosen Yagiura files."""
    gapd = ["d05100", "d05200", "d10100", "d10200", "d20100", "d20200"]
    chosen = [(f"gapd/{n}", f"chu1997/{n}") for n in (gapd[::2] if quick else gapd)]
    for name in YAGIURA_QUICK if quick else YAGIURA_FULL:
        chosen.append((name, f"yagiura2004/{name}"))
    return chosen


def run_gap(quick: bool, options: SolveOptions) -> list[Row]:
    best = best_known()
    rows = []
    for label, rel in gap_instances(quick):
        (inst,) = read_gap(DATA / "yagiura_and_split" / rel)
        model = inst.model("min")
        scaled = options.model_copy(
            update={"time_limit": options.time_limit * (6 if inst.jobs >= 1600 else 1)}
        )
        for name in SOLVERS:
            r = get_solver(name).solve(model, scaled)
            rows.append(
                Row(
                    label,
                    f"{inst.agents}×{inst.jobs}",
                    best.get(rel),
                    name,
                    r.objective,
                    r.gap,
                    str(r.status),
                    r.seconds,
                )
            )
            print(_line(rows[-1]), file=sys.stderr, flush=True)
    return rows


def zhuzhou(n_schools: int, n_resources: int, seed: int) -> tuple:
    """A synthetic city: schools and resources scattered over nine districts, 30 km radius."""
    rng = np.random.default_rng(seed)
    s_xy = rng.uniform(0, 120, size=(n_schools, 2))
    r_xy = rng.uniform(0, 120, size=(n_resources, 2))
    students = rng.integers(80, 2500, size=n_schools)
    schools = [
        SchoolInfo(
            f"S{k:04d}",
            DISTRICTS[int(s_xy[k, 0] // (120 / 9))],
            AREAS[int(rng.choice(3, p=[0.35, 0.25, 0.4]))],
            int(students[k]),
            int(rng.integers(0, students[k] // 5 + 1)),
            int(rng.integers(1, 5)),
        )
        for k in range(n_schools)
    ]
    science = rng.random(n_resources) < 0.6
    resources = [
        ResourceInfo(
            f"R{k:03d}",
            int(rng.integers(4, 16) if science[k] else rng.integers(1, 6)),
            bool(science[k]),
            float(rng.integers(0, 800)),
        )
        for k in range(n_resources)
    ]
    dist = np.linalg.norm(s_xy[:, None, :] - r_xy[None, :, :], axis=2)
    allowed = (dist <= 30.0) & (rng.random((n_schools, n_resources)) < 0.8)
    values = np.round(rng.beta(2, 5, size=(n_schools, n_resources)), 4)
    return values, schools, resources, allowed


def run_city(quick: bool, options: SolveOptions) -> list[Row]:
    values, schools, resources, allowed = zhuzhou(1000, 200, 20230901)
    rows = []
    for name in SOLVERS:
        config = BureauConfig(
            solver=name,
            time_limit=options.time_limit * (1 if quick else 3),
            threads=options.threads,
        )
        start = time.perf_counter()
        report = allocate(values, schools, resources, allowed, config)
        r = report.result
        rows.append(
            Row(
                "株洲-scale",
                f"{len(resources)}×{len(schools)}",
                None,
                name,
                r.objective,
                r.gap,
                str(r.status),
                time.perf_counter() - start,
            )
        )
        print(_line(rows[-1]), file=sys.stderr, flush=True)
    return rows


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.2f}%"


def _line(r: Row) -> str:
    obj = "—" if r.objective is None else f"{r.objective:.6g}"
    best = "—" if r.best is None else f"{r.best:g}"
    return (
        f"| {r.instance} | {r.size} | {best} | {r.solver} | {obj} | {_pct(r.gap_to_best())} "
        f"| {_pct(r.proven_gap)} | {r.status} | {r.seconds:.1f} |"
    )


def table(rows: list[Row]) -> str:
    head = (
        "| instance | m×n | best known | solver | objective | gap to best | proven gap "
        "| status | seconds |\n|---|---|---|---|---|---|---|---|---|"
    )
    return "\n".join([head, *(_line(r) for r in rows)])


def summary(rows: list[Row]) -> str:
    """Per solver: instances solved to best known, median / max gap to best, total time."""
    out = [
        "| solver | reached best known | median gap to best | max gap to best | total s |",
        "|---|---|---|---|---|",
    ]
    for name in SOLVERS:
        mine = [r for r in rows if r.solver == name and r.best is not None]
        gaps = [g for r in mine if (g := r.gap_to_best()) is not None]
        hit = sum(g <= 1e-9 for g in gaps)
        med = _pct(float(np.median(gaps))) if gaps else "—"
        worst = _pct(max(gaps)) if gaps else "—"
        out.append(
            f"| {name} | {hit}/{len(mine)} | {med} | {worst} | {sum(r.seconds for r in mine):.0f} |"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer instances, 5 s limits")
    parser.add_argument("--time-limit", type=float, default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--markdown", type=Path, default=None, help="also write the tables here")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"找不到基准数据 / benchmark data not found: {DATA}")
    limit = args.time_limit or (5.0 if args.quick else 10.0)
    options = SolveOptions(time_limit=limit, threads=args.threads)
    rows = run_gap(args.quick, options) + run_city(args.quick, options)
    text = f"{table(rows)}\n\n{summary(rows)}\n"
    print(text)
    if args.markdown is not None:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
