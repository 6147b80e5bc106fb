"""`kehou import`, `kehou stats` and `kehou demo`: get the catalogue in and see what is there.

Human output: results to stdout, progress and problems to stderr. With --json, stdout holds one
JSON document and nothing else. A refused import prints every problem and exits 1.
"""

from __future__ import annotations

import getpass
import shlex
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import SQLAlchemyError

from api._display import count, kind_label
from api.cli._app import (
    DbOption,
    JsonOption,
    app,
    db_error_message,
    err_console,
    fail,
    make_progress,
    os_error_message,
    print_json,
    settings_for,
)
from api.cli._import_report import column_map_from, mapping_table, print_notices
from catalog import (
    DatabaseBusy,
    ImportFailed,
    Kind,
    Problem,
    Settings,
    ensure_secret,
    kind_from_filename,
)
from catalog._importer import import_paths
from catalog._store import Store, open_store
from catalog._summary import ImportSummary
from embeddings import DEFAULT_BACKEND

out_console = Console(highlight=False)


# ---- kehou import --------------------------------------------------------------------------
PathsArgument = Annotated[
    list[Path],
    typer.Argument(help="文件或文件夹 / files or folders", metavar="PATH", show_default=False),
]
KindOption = Annotated[
    str | None,
    typer.Option(
        "--kind", help="文件类别 / kind: courses, specialists, schools, ...", show_default=False
    ),
]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="只检查不写入 / validate only")]
SchoolOption = Annotated[
    str | None, typer.Option("--school", help="问卷所属学校编号 / school id of surveys")
]
SemesterOption = Annotated[str, typer.Option("--semester", help="学期 / semester, e.g. 2026秋")]
MapOption = Annotated[
    Path | None,
    typer.Option(
        "--map",
        help="列映射文件（JSON 或 列名 = 字段）/ column map file, see docs/import_formats.md",
        show_default=False,
    ),
]
QuestionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--question",
        help="问卷星题目标记 / mark a 问卷星 question: N=wishes|current|ignore",
        show_default=False,
    ),
]


@app.command("import")
def import_command(
    paths: PathsArgument,
    kind: KindOption = None,
    dry_run: DryRunOption = False,
    school: SchoolOption = None,
    semester: SemesterOption = "",
    map_file: MapOption = None,
    question: QuestionOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """导入目录、学校、问卷（全部成功或全部不写） / import catalogue, schools, surveys."""
    settings = settings_for(db)
    try:
        column_map = column_map_from(map_file, question)
        with database_errors(settings), progress_bar() as progress:
            summary = import_paths(
                paths,
                settings,
                kind=parse_kind(kind),
                dry_run=dry_run,
                school_id=school,
                semester=semester,
                progress=progress,
                user=current_user(),
                column_map=column_map,
            )
    except ImportFailed as failed:
        report_problems(failed.problems, json_out)
        raise typer.Exit(1) from None
    print_notices(summary)
    if json_out:
        print_json(summary.to_json())
        return
    out_console.print(summary_table(summary))
    mapping = mapping_table(summary)
    if mapping is not None:
        out_console.print(mapping)
    for note in summary.notes:
        out_console.print(note)


@contextmanager
def database_errors(settings: Settings) -> Iterator[None]:
    """A database that cannot be opened is a user error (exit 1), not a traceback."""
    try:
        yield
    except DatabaseBusy as busy:
        fail(busy.message)
    except ModuleNotFoundError as error:
        fail(f"缺少数据库驱动 / missing database driver {error.name!r} for {settings.db}")
    except SQLAlchemyError as error:
        fail(db_error_message(settings.db, error))
    except OSError as error:
        fail(os_error_message(error))


def parse_kind(value: str | None) -> Kind | None:
    """`--kind` as a Kind: its English value (courses) or a file-name stem (课程, 问卷, ...)."""
    if value is None:
        return None
    try:
        return Kind(value.strip().lower())
    except ValueError:
        found = kind_from_filename(value.strip())
    if found is None:
        allowed = ", ".join(k.value for k in Kind)
        raise typer.BadParameter(f"未知类别 / unknown kind {value!r}; 可选 / allowed: {allowed}")
    return found


def current_user() -> str:
    """Who ran the import, for import_log (the OS login; 'cli' when there is none)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "cli"


@contextmanager
def progress_bar() -> Iterator[Callable[[str, int, int], None]]:
    """A rich progress bar on stderr, fed by the importer's (label, done, total) callback."""
    progress = make_progress()
    task = progress.add_task("准备 / starting", total=None)

    def update(label: str, done: int, total: int) -> None:
        progress.update(task, description=label, completed=done, total=max(total, 1))

    with progress:
        yield update


def report_problems(problems: list[Problem], json_out: bool) -> None:
    """Every problem as a table on stderr (wide enough not to cut names); JSON on stdout too."""
    table = Table(title=f"导入被拒绝：{len(problems)} 个问题，数据库未改动 / import refused")
    for header in ("文件 / file", "行 / row", "列 / column", "值 / value", "原因 / reason"):
        table.add_column(header, overflow="fold")
    for p in problems:
        row = "" if p.row is None else str(p.row)
        table.add_row(p.file, row, p.column or "", p.value or "", p.reason)
    console = err_console if err_console.is_terminal else Console(stderr=True, width=400)
    console.print(table, highlight=False)
    if json_out:
        print_json({"ok": False, "problems": [problem_json(p) for p in problems]})


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "row": problem.row,
        "column": problem.column,
        "value": problem.value,
        "reason": problem.reason,
    }


def summary_table(summary: ImportSummary) -> Table:
    """Rows inserted/updated per kind, with a title that says whether anything was written."""
    title = (
        "检查通过，未写入 / dry run, nothing written" if summary.dry_run else "导入完成 / imported"
    )
    table = Table(title=title)
    for header in ("类别", "新增", "更新"):
        table.add_column(header)
    for kind in Kind:
        name = f"{kind_label(kind.value)}（{kind.value}）"
        table.add_row(name, count(summary.inserted[kind]), count(summary.updated[kind]))
    return table


# ---- kehou stats ---------------------------------------------------------------------------
@app.command("stats")
def stats_command(json_out: JsonOption = False, db: DbOption = None) -> None:
    """按表、类别、五育、区县统计 / counts by table, kind, domain, district."""
    settings = settings_for(db, read_only=True)
    with database_errors(settings), open_store(settings) as store:
        stats = store.stats()
    if json_out:
        print_json(stats)
        return
    out_console.print(counts_table(stats["counts"], "数据库 / database"))
    for section, groups in stats.items():
        if section in ("counts", "imports") or not isinstance(groups, dict):
            continue
        for name, values in groups.items():
            if isinstance(values, dict) and values:
                title = f"{kind_label(section)}：{_BY.get(name, name)}"
                out_console.print(breakdown_table(title, values))


#: The stats' groupings as a person names them.
_BY = {
    "by_district": "按区县",
    "by_kind": "按类别",
    "by_domain": "按五育",
    "by_format": "按形式",
    "by_level": "按学段",
    "by_area": "按城乡",
    "by_school": "按学校",
    "by_respondent": "按答卷人",
}


def counts_table(counts: dict[str, int], title: str) -> Table:
    table = Table(title=title)
    table.add_column("类别")
    table.add_column("行数", justify="right")
    for name, n in counts.items():
        table.add_row(f"{kind_label(name)}（{name}）", count(n))
    return table


def breakdown_table(title: str, values: dict[str, int]) -> Table:
    table = Table(title=title)
    table.add_column("值")
    table.add_column("数量", justify="right")
    for name, n in values.items():
        table.add_row(name, count(n))
    return table


# ---- kehou demo ----------------------------------------------------------------------------
@dataclass
class DemoRun:
    """What the demo stages share; later stages (embed, recommend, ...) read and add to it."""

    settings: Settings
    store: Store
    out: Path
    data: Path
    backend: str = DEFAULT_BACKEND
    results: dict[str, Any] = field(default_factory=dict)


#: The demo data's current semester (a file's own 学期 column wins over it).
DEMO_SEMESTER = "2026秋"

#: The demo pipeline: each stage takes the run and prints what it did. Append to extend it.
DEMO_STAGES: list[Callable[[DemoRun], None]] = []


def demo_stage(fn: Callable[[DemoRun], None]) -> Callable[[DemoRun], None]:
    """Register a stage of `kehou demo` (run in registration order)."""
    DEMO_STAGES.append(fn)
    return fn


@demo_stage
def demo_import(run: DemoRun) -> None:
    """Stage 1: import the bundled 株洲 demo folder and print the counts."""
    with progress_bar() as progress:
        summary = import_paths(
            [run.data],
            run.settings,
            progress=progress,
            user="demo",
            store=run.store,
            semester=DEMO_SEMESTER,
        )
    run.results["import"] = summary.to_json()
    out_console.print(counts_table(run.store.counts(), "演示数据库 / demo database"))


@app.command("demo")
def demo_command(
    db: DbOption = None,
    out: Annotated[Path, typer.Option("--out", help="输出目录 / output folder")] = Path("demo-out"),
    data: Annotated[
        Path | None, typer.Option("--data", hidden=True, help="demo input folder (tests)")
    ] = None,
    backend: Annotated[
        str, typer.Option("--backend", help="嵌入后端 / embedding backend")
    ] = DEFAULT_BACKEND,
) -> None:
    """`make demo` 运行的内容：用自带的演示数据从头跑一遍 / what `make demo` runs, end to end."""
    out.mkdir(parents=True, exist_ok=True)
    target = db if db is not None else str(out / "kehou-demo.db")
    if db is None:
        remove_sqlite(out / "kehou-demo.db")
    settings = ensure_secret(settings_for(target))
    try:
        with database_errors(settings), demo_data(data) as folder, open_store(settings) as store:
            run = DemoRun(settings=settings, store=store, out=out, data=folder, backend=backend)
            for stage in DEMO_STAGES:
                stage(run)
    except ImportFailed as failed:
        report_problems(failed.problems, json_out=False)
        raise typer.Exit(1) from None
    out_console.print(f"数据库 / database: {settings.db}")
    out_console.print(f"演示完成，输出在 / demo done, output in: {out.resolve()}")
    out_console.print(
        "接下来 README 里的命令都读这个数据库，先输入这一行 / for README's commands, type:\n"
        f"  export KEHOU_DB={shlex.quote(str(target))}",
        highlight=False,
        soft_wrap=True,
    )


@contextmanager
def demo_data(override: Path | None) -> Iterator[Path]:
    """The demo input folder: `--data` if given, else the installed catalog/demo_data."""
    if override is not None:
        yield override
        return
    with as_file(files("catalog") / "demo_data") as folder:
        yield Path(folder)


def remove_sqlite(path: Path) -> None:
    """Delete a SQLite file and its WAL side files, so the demo starts fresh."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
