"""`kehou purge --before S`: delete survey rows of semesters before S (privacy retention)."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli._app import DbOption, JsonOption, app, err_console, fail, print_json, settings_for


@app.command("purge")
def purge_command(
    before: Annotated[str, typer.Option("--before", help="早于该学期的问卷将被删除，如 2026秋")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只统计不删除 / count only")] = False,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """删除旧学期的问卷数据 / delete survey data of semesters before --before (one transaction)."""
    from catalog import open_store
    from catalog._store_auth import purge_surveys

    with open_store(settings_for(db)) as store:
        try:
            result = purge_surveys(store, before, dry_run=dry_run)
        except ValueError as exc:
            fail(str(exc))
    doc = {
        "before": result.before,
        "dry_run": result.dry_run,
        "deleted": result.deleted,
        "total": result.total,
        "kept_unknown_semester": result.kept_unknown,
    }
    if json_out:
        print_json(doc)
        return
    verb = "将删除 / would delete" if dry_run else "已删除 / deleted"
    err_console.print(
        f"{verb} {result.total} 条问卷 / survey rows: {result.deleted}", highlight=False
    )
    if result.kept_unknown:
        err_console.print(
            f"[yellow]学期无法识别，已保留 / unknown semester, kept:[/] {result.kept_unknown}"
        )
