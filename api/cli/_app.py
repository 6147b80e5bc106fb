"""The Typer application and what every command shares: settings, --db, JSON output, errors.

Contract (DESIGN.md): `--json` prints one JSON document to stdout and nothing else there;
progress and logs go to stderr. Exit 0 on success, 1 on a user error, 2 on bad usage.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from catalog import Settings, with_stored_secret

app = typer.Typer(
    name="kehou",
    help="kehou 课后: 课后服务方案推荐 / after-school programme recommendations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Human-readable output and progress go to stderr so that stdout stays clean for --json.
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLAlchemy URL or SQLite file path; default $KEHOU_DB, else ./kehou.db",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="print one JSON document to stdout")]


def make_progress(*, eta: bool = False) -> Progress:
    """The progress bar every long command shows on stderr (stdout stays clean for --json)."""
    last = TimeRemainingColumn() if eta else TimeElapsedColumn()
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        last,
        console=err_console,
        transient=True,
    )


def settings_for(db: str | None) -> Settings:
    """Settings from the environment, with `--db` (if given) taking precedence over KEHOU_DB;
    a database's own secret file (written by `kehou demo`) applies when KEHOU_HMAC_SECRET is
    unset."""
    settings = Settings()
    if db is not None:
        settings = settings.model_copy(update={"db": db})
    elif "KEHOU_DB" not in os.environ:
        settings = settings.model_copy(update={"db": "kehou.db"})
    return with_stored_secret(settings)


def print_json(doc: Any) -> None:
    """Write one JSON document to stdout (UTF-8, Chinese kept readable)."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a clear error to stderr and exit with the user-error code."""
    err_console.print(f"[bold red]错误 / error:[/] {message}", highlight=False)
    raise typer.Exit(code)
