"""`kehou gap`: solve every problem of an OR-Library generalised assignment file.

JSON shape (stable; more keys may be added):
    {"file": str, "sense": "max"|"min", "solver": str, "time_limit": float,
     "problems": [{"index": int (1-based), "name": str, "agents": int, "jobs": int,
                   "objective": float|null, "bound": float|null, "gap": float|null,
                   "status": "optimal"|"feasible"|"infeasible"|"time_limit"|"unknown",
                   "seconds": float, "solver": str}],
     "counts": {"problems": int, "optimal": int, "with_solution": int}}
`gap` is |bound − objective| / max(|objective|, 1), proven by the solver's bound; null when the
backend proves no bound (greedy).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from api._display import status_label
from api.cli._app import JsonOption, app, err_console, fail, print_json

if TYPE_CHECKING:
    from matcher.allocation import GapInstance

#: matcher.allocation.DEFAULT_SOLVER (imported lazily: ortools is slow to import); a test checks.
DEFAULT_SOLVER = "highs"
SOLVER_HELP = "求解器 / solver: highs, cpsat, mcf, greedy"


def _row(index: int, name: str, m: int, n: int, result: Any) -> dict[str, Any]:
    return {
        "index": index,
        "name": name,
        "agents": m,
        "jobs": n,
        "objective": result.objective,
        "bound": result.bound,
        "gap": result.gap,
        "status": str(result.status),
        "seconds": round(result.seconds, 4),
        "solver": result.solver,
    }


def _table(doc: dict[str, Any]) -> Table:
    table = Table(title=f"{doc['file']} ({doc['sense']}, {doc['solver']})")
    for col in (
        "#",
        "问题 / problem",
        "m×n",
        "目标 / objective",
        "界 / bound",
        "间隙 / gap",
        "状态 / status",
        "秒 / s",
    ):
        table.add_column(col, justify="right" if col not in ("问题 / problem",) else "left")
    for p in doc["problems"]:
        gap = "—" if p["gap"] is None else f"{100 * p['gap']:.3f}%"
        table.add_row(
            str(p["index"]),
            p["name"],
            f"{p['agents']}×{p['jobs']}",
            "—" if p["objective"] is None else f"{p['objective']:g}",
            "—" if p["bound"] is None else f"{p['bound']:g}",
            gap,
            status_label(p["status"]),
            f"{p['seconds']:.2f}",
        )
    return table


def _checked_problems(file: Path, sense: str, solver: str, time_limit: float) -> list[GapInstance]:
    """Usage errors exit 2, a missing or malformed file exits 1; else the file's problems."""
    from matcher.allocation import GapFormatError, read_gap, solver_names

    if sense not in ("max", "min"):
        fail(f"--sense 只能是 max 或 min / --sense must be max or min, got {sense!r}", 2)
    if solver not in solver_names():
        fail(f"未知求解器 {solver!r} / unknown solver; choose: {', '.join(solver_names())}", 2)
    if time_limit <= 0:
        fail("--time-limit 必须大于 0 / --time-limit must be positive", 2)
    if not file.is_file():
        fail(f"找不到文件 / file not found: {file}")
    try:
        return read_gap(file)
    except (GapFormatError, UnicodeDecodeError) as exc:
        fail(f"文件格式错误 / bad GAP file: {exc}")


@app.command("gap")
def gap_command(
    file: Annotated[Path, typer.Argument(help="OR-Library GAP 文件 / GAP file")],
    sense: Annotated[str, typer.Option("--sense", help="max 或 min / max or min")] = "min",
    solver: Annotated[str, typer.Option("--solver", help=SOLVER_HELP)] = DEFAULT_SOLVER,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="每个问题的秒数 / seconds per problem")
    ] = 60.0,
    as_json: JsonOption = False,
) -> None:
    """求解 OR-Library 广义指派问题文件 / solve every problem of an OR-Library GAP file."""
    from matcher.allocation import NotApplicable, SolveOptions, get_solver

    problems = _checked_problems(file, sense, solver, time_limit)
    backend = get_solver(solver)
    options = SolveOptions(time_limit=time_limit)
    rows = []
    for k, inst in enumerate(problems, start=1):
        try:
            result = backend.solve(inst.model(sense), options)  # type: ignore[arg-type]
        except NotApplicable as exc:
            fail(f"{inst.name}: {exc}")
        rows.append(_row(k, inst.name, inst.agents, inst.jobs, result))
        err_console.print(
            f"{inst.name}: {rows[-1]['status']} {rows[-1]['objective']}", highlight=False
        )
    doc = {
        "file": str(file),
        "sense": sense,
        "solver": solver,
        "time_limit": time_limit,
        "problems": rows,
        "counts": {
            "problems": len(rows),
            "optimal": sum(r["status"] == "optimal" for r in rows),
            "with_solution": sum(r["objective"] is not None for r in rows),
        },
    }
    if as_json:
        print_json(doc)
    else:
        Console().print(_table(doc))
