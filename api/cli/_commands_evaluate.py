"""`kehou evaluate`: the quality report (judged sets, baselines, ablations, checks).

Prints the table (stderr with --json, else stdout), writes report.html with PNG plots and
evaluation.json to --out, and with --json prints the evaluation document on stdout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli._app import DbOption, JsonOption, app, err_console, fail, print_json, settings_for
from embeddings import DEFAULT_BACKEND

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@app.command("evaluate")
def evaluate_command(
    judged: Annotated[
        Path | None, typer.Option("--judged", help="检索评判集 CSV / judged search set")
    ] = None,
    judged_recommend: Annotated[
        Path | None, typer.Option("--judged-recommend", help="推荐评判集 CSV / judged schools")
    ] = None,
    backend: Annotated[
        list[str] | None,
        typer.Option("--backend", help="嵌入后端，可重复 / backends (repeatable)"),
    ] = None,
    hybrid_backend: Annotated[
        str, typer.Option("--hybrid-backend", help="混合检索所用后端 / hybrid's backend")
    ] = DEFAULT_BACKEND,
    out: Annotated[Path, typer.Option("--out", help="报告目录 / report folder")] = Path(
        "evaluation-out"
    ),
    shared_data: Annotated[
        Path | None, typer.Option("--shared-data", help="外部数据 / ../shared/data")
    ] = None,
    no_external: Annotated[
        bool, typer.Option("--no-external", help="跳过外部数据检查 / skip external checks")
    ] = False,
    quick: Annotated[
        bool,
        typer.Option(
            "--quick",
            help="只评判集 / judged sets only: no programme, allocation, "
            "classifier or external checks",
        ),
    ] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="每集前 N 条 / first N")
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """质量评估报告 / quality report: IR metrics, baselines, ablations, rule and fairness checks."""
    from evaluation import EvaluateConfig, JudgedSetError, format_text, run_evaluation, write_report

    shared = None if (no_external or quick) else (shared_data or SHARED.resolve())
    if shared is not None and not shared.is_dir():
        err_console.print(f"外部数据不存在，跳过 / no external data at {shared}: skipped")
        shared = None
    cfg = EvaluateConfig(
        hybrid_backend=hybrid_backend,
        limit=limit,
        shared_data=shared,
        programmes=not quick,
        allocation=not quick,
        academic=not quick,
    )
    updates = {
        "judged_search": judged,
        "judged_recommend": judged_recommend,
        "backends": tuple(backend) if backend else None,
    }
    cfg = cfg.model_copy(update={k: v for k, v in updates.items() if v is not None})
    try:
        doc = run_evaluation(settings_for(db, read_only=True), cfg)
    except (JudgedSetError, FileNotFoundError, ValueError) as exc:
        fail(f"评估失败 / evaluation failed: {exc}")
    page = write_report(doc, out)
    if json_out:
        typer.echo(format_text(doc), err=True)
        print_json(doc)
    else:
        typer.echo(format_text(doc))
    err_console.print(f"报告 / report: {page}")
