"""`kehou allocate`: the bureau's share-out of scarce science resources and specialists.

Match values and allowed pairs come from the matcher (each school's interest themes against
each resource, under every hard rule); the exact solver and the fairness figures from
matcher.allocation. Writes a table (stderr), a JSON document and a PNG chart by district/area.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from api._display import percent, status_label
from api.cli._app import DbOption, JsonOption, app, err_console, fail, print_json, settings_for
from api.reports import write_json_atomic
from embeddings import DEFAULT_BACKEND


def allocation_doc(
    settings: Any, backend: str, time_limit: float, solver: str, semester: str | None = None
) -> dict[str, Any]:
    """Run the whole allocation on the database; the JSON document `allocate --json` prints.

    With a semester, last semester's stored allocation rotates scarce resources and carries
    the running totals (as the batch and the API do); without one, every survey counts and
    nothing earlier is read."""
    from api.batch import allocate_semester
    from catalog._store import open_store
    from matcher import open_engine, schools_of, surveys_by_school
    from matcher.allocation import BureauConfig

    with open_store(settings) as store:
        rec = open_engine(store, settings, backend).recommender()
        config = BureauConfig(time_limit=time_limit, solver=solver)
        surveys = surveys_by_school(store, semester)
        report, doc = allocate_semester(
            store, rec, schools_of(store), surveys, semester or "", config
        )
    return {"report": report, "doc": doc}


@app.command("allocate")
def allocate_command(
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.1, help="求解时限（秒）")
    ] = 60.0,
    solver: Annotated[str, typer.Option("--solver", help="highs, cpsat, mcf, greedy")] = "highs",
    out: Annotated[Path | None, typer.Option("--out", help="写入 JSON 和 PNG 的目录")] = None,
    backend: Annotated[str, typer.Option("--backend", help="嵌入后端 / backend")] = DEFAULT_BACKEND,
    semester: Annotated[
        str | None,
        typer.Option(
            "--semester",
            help="学期：只用该学期问卷，并按上学期的分配轮换 / this semester's surveys, rotated "
            "against the semester before",
            show_default=False,
        ),
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """教育局科普资源与专家的分配（精确求解，含公平性）/ the bureau's allocation, exact solver."""
    from matcher.allocation import plot_allocation

    settings = settings_for(db, read_only=True)
    try:
        result = allocation_doc(settings, backend, time_limit, solver, semester)
    except (ValueError, KeyError) as exc:
        fail(str(exc))
    report, doc = result["report"], result["doc"]
    if out is not None:
        write_json_atomic(out / "allocation.json", doc)
        doc["chart"] = str(plot_allocation(report, out / "allocation.png"))
    if json_out:
        print_json(doc)
        return
    print_allocation(doc)


def print_allocation(doc: dict[str, Any]) -> None:
    """Who got what, per school, and the fairness figures, on stderr."""
    res, fair = doc["result"], doc["fairness"]
    err_console.print(
        f"求解器 {res['solver']}：{status_label(res['status'])}，目标值 {res['objective']:.3f}，"
        f"用时 {res['seconds']:.2f} 秒", highlight=False,
    )  # fmt: skip
    table = Table(title="分配结果 / who got what")
    for col in ("学校", "区县", "城乡", "活动数", "资源"):
        table.add_column(col, overflow="fold")
    got: dict[str, list[str]] = {}
    for a in doc["allocations"]:
        got.setdefault(a["school_id"], []).append(
            doc["titles"].get(a["resource_id"], a["resource_id"])
        )
    for s in doc["schools"]:
        table.add_row(
            s["school_id"],
            s["district"],
            s["area"],
            str(s["activities"]),
            "、".join(got.get(s["school_id"], [])),
        )
    err_console.print(table)
    areas = "、".join(f"{k} {percent(v)}" for k, v in fair["served_by_area"].items())
    err_console.print(
        f"获得服务的学校 {percent(fair['served_share'])}；按城乡 {areas}；"
        f"每生活动基尼系数 {fair['gini_per_student']:.3f}"
        f"（累计 {fair.get('gini_over_time', fair['gini_per_student']):.3f}）；"
        f"最少的学校 {fair['worst_off_school']}",
        highlight=False,
    )
    for failure in doc["floor_failures"]:
        err_console.print(f"[yellow]无法保底:[/] {failure}")
