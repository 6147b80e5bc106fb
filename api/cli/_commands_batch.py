"""`kehou batch --semester S [--input DIR] [--out DIR]`: the whole semester, resumable."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli._app import (
    DbOption,
    JsonOption,
    app,
    err_console,
    fail,
    make_progress,
    print_json,
    settings_for,
)
from catalog import ImportFailed
from embeddings import DEFAULT_BACKEND


@app.command("batch")
def batch_command(
    semester: Annotated[str, typer.Option("--semester", help="学期，如 2026秋 / semester")],
    input_dir: Annotated[
        Path | None, typer.Option("--input", help="先导入这个目录 / import first")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="输出目录 / output folder")] = Path(
        "batch-out"
    ),
    backend: Annotated[str, typer.Option("--backend", help="嵌入后端 / backend")] = DEFAULT_BACKEND,
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.1, help="分配求解时限（秒）")
    ] = 60.0,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=0,
            help="并行进程数（结果相同）/ worker processes for the per-school work; same output",
        ),
    ] = 0,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """整个学期：导入、嵌入、每校方案、分配、报告、汇总；中断后重跑会接着做 / resumable."""
    from rich.progress import TaskID
    from sqlalchemy.exc import SQLAlchemyError

    from api.batch import Batch
    from api.cli._app import db_error_message, os_error_message
    from catalog import DatabaseBusy
    from catalog._store import open_store

    if input_dir is not None and not input_dir.exists():
        fail(f"找不到输入目录 / input folder not found: {input_dir}")
    settings = settings_for(db)
    bar = make_progress(eta=True)
    tasks: dict[str, TaskID] = {}

    def tick(label: str, done: int, total: int) -> None:
        if label not in tasks:
            tasks[label] = bar.add_task(label, total=total)
        bar.update(tasks[label], completed=done, total=total)

    try:
        with open_store(settings) as store, bar:
            batch = Batch(
                store, settings, semester, out, backend, time_limit, progress=tick, workers=workers
            )
            result = batch.run(input_dir)
    except ImportFailed as failed:
        from api.cli._commands_catalog import report_problems

        report_problems(failed.problems, json_out)
        raise typer.Exit(1) from None
    except ValueError as exc:
        fail(str(exc))
    except DatabaseBusy as busy:
        fail(busy.message)
    except SQLAlchemyError as error:
        fail(db_error_message(settings.db, error))
    except OSError as error:
        fail(os_error_message(error))
    if json_out:
        print_json(result)
        return
    state = "（接着上次继续 / resumed）" if result["resumed"] else ""
    err_console.print(f"学期 {semester} 完成{state}：{result['schools']} 所学校", highlight=False)
    err_console.print(f"报告在 / reports in: {out.resolve()}", highlight=False)
