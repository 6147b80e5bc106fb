"""The Typer application and what every command shares: settings, --db, JSON output, errors.

Contract (docs/design.md): `--json` prints one JSON document to stdout and nothing else there;
progress and logs go to stderr. Exit 0 on success, 1 on a user error, 2 on bad usage.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
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


def settings_for(db: str | None, *, read_only: bool = False) -> Settings:
    """Settings from the environment, with `--db` (if given) taking precedence over KEHOU_DB;
    a database's own secret file (written by `kehou demo`) applies when KEHOU_HMAC_SECRET is
    unset. A command that only reads (`read_only`) says on stderr which database it reads and
    refuses a SQLite file that does not exist, instead of creating an empty one."""
    settings = Settings()
    if db is not None:
        settings = settings.model_copy(update={"db": db})
    elif "KEHOU_DB" not in os.environ:
        settings = settings.model_copy(update={"db": "kehou.db"})
    if read_only:
        require_database(settings)
    return with_stored_secret(settings)


def sqlite_file(settings: Settings) -> Path | None:
    """The file behind a SQLite database (None for another database or an in-memory one)."""
    url = settings.db_url()
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return None
    return Path(url.removeprefix("sqlite:///").split("?", 1)[0])


def require_database(settings: Settings) -> None:
    """Name the database on stderr; a missing SQLite file is a clear error, not a new file."""
    path = sqlite_file(settings)
    where = escape(str(path if path else settings.db))
    err_console.print(f"[dim]数据库 / database: {where}[/]", highlight=False)
    if path is not None and not path.is_file():
        fail(
            f"数据库不存在 / no database at {path}。先运行 `make demo`（然后 "
            "`export KEHOU_DB=demo-out/kehou-demo.db`）或 `kehou import …`，或用 --db 指定 / "
            "run `make demo` or `kehou import` first, or pass --db"
        )


def print_json(doc: Any) -> None:
    """Write one JSON document to stdout (UTF-8, Chinese kept readable)."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def os_error_message(error: OSError) -> str:
    """A one-line reason for a failed read or write: disk full, read-only, no permission."""
    reasons = {
        errno.ENOSPC: "磁盘已满 / disk full",
        errno.EROFS: "只读文件系统 / read-only file system",
        errno.EACCES: "没有写入权限 / permission denied",
        errno.EPERM: "没有权限 / operation not permitted",
        errno.EDQUOT: "超出磁盘配额 / disk quota exceeded",
    }
    reason = reasons.get(error.errno or 0, error.strerror or type(error).__name__)
    where = f": {error.filename}" if error.filename else ""
    return f"读写失败 / cannot read or write{where} ({reason})"


def db_error_message(db: str, error: BaseException) -> str:
    """A one-line reason a database cannot be used: the driver's words, never the SQL."""
    text = str(getattr(error, "orig", None) or error).splitlines()[0][:200]
    return f"无法使用数据库 / cannot use database {db}: {text}"


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a clear error to stderr and exit with the user-error code."""
    err_console.print(f"[bold red]错误 / error:[/] {message}", highlight=False)
    raise typer.Exit(code)
