"""Write records back to CSV or XLSX so that planners can edit them in Excel and re-import.

CSV is UTF-8 with a BOM so Excel on Chinese Windows shows the characters; text cells that a
spreadsheet would run as a formula (= + - @) get a leading apostrophe, which import removes.
The file is written beside the target and moved into place, so a crash never leaves half a file.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from catalog._cells import JOINER, escape_formula, format_number
from catalog._columns import RESPONDENT_KEY, column_title
from catalog._files import atomic_path
from catalog._kinds import RECORD_TYPES, Kind
from catalog._records import GradeRange, Record

Header = Literal["zh", "en"]


def export_records(
    records: Sequence[Record], kind: Kind, path: Path, *, header: Header = "zh"
) -> None:
    """Write `records` to `path` (.csv or .xlsx); `header` chooses Chinese titles or field names."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"只能导出 .csv 或 .xlsx / can only export .csv or .xlsx, not {suffix}")
    fields = list(RECORD_TYPES[kind].model_fields)
    titles = [_header(kind, f, header) for f in fields]
    rows = [[getattr(record, f) for f in fields] for record in records]
    with atomic_path(path) as tmp:
        if suffix == ".csv":
            _write_csv(tmp, titles, rows)
        else:
            _write_xlsx(tmp, kind, titles, rows)


def _header(kind: Kind, field: str, header: Header) -> str:
    if header == "en":
        return field
    return column_title(kind, field) if field != RESPONDENT_KEY else "答卷标识"


def cell_value(value: Any) -> str:
    """The text of one exported cell (before formula escaping)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, GradeRange):
        return str(value)
    if isinstance(value, list):
        return JOINER.join(cell_value(item) for item in value)
    return str(value)


def _write_csv(path: Path, titles: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(titles)
        for row in rows:
            writer.writerow([escape_formula(cell_value(v)) for v in row])


def _xlsx_cell(value: Any) -> Any:
    """Numbers stay numbers in Excel; the rest is text (escaped by catalog._xlsx)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and float(f"{value:.16g}") == value:
        return value
    return cell_value(value)


def _write_xlsx(path: Path, kind: Kind, titles: list[str], rows: list[list[Any]]) -> None:
    from openpyxl import Workbook

    from catalog._xlsx import add_table

    workbook = Workbook(write_only=True)
    add_table(workbook, kind.value, titles, [[_xlsx_cell(v) for v in row] for row in rows])
    workbook.save(path)
