"""`kehou recommend --school ID`: one school's programme, readable on the terminal or as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api._display import label_programme
from api.cli._app import DbOption, JsonOption, app, err_console, fail, print_json, settings_for
from api.cli._render import print_programme
from api.reports import write_json_atomic
from catalog import Kind, School
from catalog._files import inside
from embeddings import DEFAULT_BACKEND


@app.command("recommend")
def recommend_command(
    school: Annotated[str, typer.Option("--school", help="学校编号 / school id")],
    json_out: JsonOption = False,
    out: Annotated[Path | None, typer.Option("--out", help="写入 JSON 的目录 / folder")] = None,
    backend: Annotated[str, typer.Option("--backend", help="嵌入后端 / backend")] = DEFAULT_BACKEND,
    semester: Annotated[str | None, typer.Option("--semester", help="只用该学期问卷")] = None,
    db: DbOption = None,
) -> None:
    """一所学校的课后服务方案 / one school's programme, with reasons, costs and exclusions."""
    from catalog._store import open_store
    from matcher import open_engine, programme_json, surveys_by_school

    settings = settings_for(db, read_only=True)
    with open_store(settings) as store:
        record = store.get(Kind.SCHOOL, school)
        if not isinstance(record, School):
            fail(f"没有这所学校 / no such school: {school}")
        try:
            engine = open_engine(store, settings, backend)
        except ValueError as exc:
            fail(str(exc))
        responses = surveys_by_school(store, semester).get(school, [])
        programme = engine.recommender().programme(record, responses, semester=semester)
    doc = label_programme(programme_json(programme))
    if out is not None:
        try:
            target = inside(out, f"{school}.json")
        except ValueError as exc:
            fail(str(exc))
        write_json_atomic(target, doc)
        err_console.print(f"已写入 / written: {out / f'{school}.json'}")
    if json_out:
        print_json(doc)
    else:
        print_programme(err_console, programme, record.name)
