"""What `kehou import` says besides the counts: which column became which field, and notices.

Notices (unknown columns, rows without a description, defaults used, 问卷星 warnings) go to
stderr so that a script reading stdout is not disturbed; `--json` carries them under
``notices`` and the mapping under ``columns``.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from api.cli._app import err_console
from catalog import ImportFailed, Problem
from catalog._column_map import ColumnMap, load_column_map, parse_question_marks
from catalog._summary import ImportSummary


def column_map_from(map_file: Path | None, questions: list[str] | None) -> ColumnMap | None:
    """The --map file plus any --question marks (those win); None when neither was given."""
    if map_file is None and not questions:
        return None
    if map_file is not None and not map_file.is_file():
        reason = "映射文件不存在 / no such map file"
        raise ImportFailed([Problem(str(map_file), None, None, None, reason)])
    base = load_column_map(map_file) if map_file is not None else ColumnMap()
    try:
        marks = parse_question_marks(questions or [])
    except ValueError as exc:
        raise ImportFailed([Problem("--question", None, None, None, str(exc))]) from None
    return base.with_questions(marks)


def mapping_table(summary: ImportSummary) -> Table | None:
    """File, column, field: what each read column (or 问卷星 question) became."""
    if not summary.columns:
        return None
    table = Table(title="列与字段 / which column became which field")
    for header in ("文件 / file", "列 / column", "字段 / field"):
        table.add_column(header, overflow="fold")
    for use in summary.columns:
        table.add_row(Path(use.file).name, use.column, use.field)
    return table


def print_notices(summary: ImportSummary) -> None:
    """Every notice on stderr, one line each (nothing when the import took everything in)."""
    if not summary.notices:
        return
    console = err_console if err_console.is_terminal else Console(stderr=True, width=400)
    console.print(f"注意 / notices ({len(summary.notices)}):", highlight=False)
    for notice in summary.notices:
        console.print(f"  [{notice.code}] {notice}", highlight=False, markup=False)
