"""Read the right sheet of an XLSX file, bounded before anything is unpacked.

A 5 KB workbook can declare one cell at XFD1048576; a naive reader pads ~17 billion cells and
exhausts memory. So the zip's unpacked size and the sheet's declared dimensions are checked
first, the declared dimensions are then ignored (a lie cannot make the reader pad), every row is
cut at `MAX_COLUMNS`, and reading stops past `MAX_ROWS`, with a clear message each time.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from catalog._cells import format_number
from catalog._kinds import Kind, kind_from_filename
from catalog._problems import ImportFailed, Problem

#: Rows a file may hold (header included): far above any school's or city's catalogue.
MAX_ROWS = 200_000
#: Columns a sheet may hold (问卷星 exports of long questionnaires stay well below).
MAX_COLUMNS = 2_000
#: Cells (rows × columns, as padded) a sheet may hold.
MAX_CELLS = 10_000_000
#: Bytes the XLSX's parts may unpack to.
MAX_UNPACKED = 256 * 1024 * 1024


def too_many_rows(name: str) -> ImportFailed:
    reason = f"行数超过上限 {MAX_ROWS} / too many rows (limit {MAX_ROWS})"
    return ImportFailed([Problem(name, None, None, None, reason)])


def _fail(name: str, reason: str) -> ImportFailed:
    return ImportFailed([Problem(name, None, None, None, reason)])


def cell_text(value: Any) -> str:
    """A spreadsheet value as text: whole floats as 「3」, dates as ISO, booleans as 是/否."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _check_unpacked(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise _fail(path.name, f"无法读取 Excel 文件 / cannot read XLSX ({exc})") from None
    if unpacked > MAX_UNPACKED:
        raise _fail(
            path.name,
            f"Excel 文件解压后过大（{unpacked} 字节，上限 {MAX_UNPACKED}）/ XLSX unpacks to "
            f"{unpacked} bytes (limit {MAX_UNPACKED})",
        )


def _check_declared(name: str, sheet: Any) -> None:
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise _fail(
            name,
            f"工作表声明的范围过大（{rows} 行 × {columns} 列，上限 {MAX_ROWS} 行、{MAX_COLUMNS} "
            f"列）/ the sheet declares {rows} rows × {columns} columns (limits {MAX_ROWS} rows, "
            f"{MAX_COLUMNS} columns)",
        )


def read_xlsx_rows(path: Path, kind: Kind | None) -> list[list[str]]:
    """The rows of the sheet named after `kind` (else the first), as text, bounded."""
    from openpyxl import load_workbook

    _check_unpacked(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or non-xlsx file
        raise _fail(path.name, f"无法读取 Excel 文件 / cannot read XLSX ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        for candidate in workbook.worksheets:
            if kind is not None and kind_from_filename(candidate.title) is kind:
                sheet = candidate
                break
        _check_declared(path.name, sheet)
        sheet.reset_dimensions()  # declared sizes are untrusted: pad nothing from them
        rows = _bounded_rows(path.name, sheet)
    finally:
        workbook.close()
    width = max((len(row) for row in rows), default=0)
    if width * len(rows) > MAX_CELLS:
        raise _too_many_cells(path.name)
    return [row + [""] * (width - len(row)) for row in rows]


def _too_many_cells(name: str) -> ImportFailed:
    return _fail(
        name,
        f"单元格总数超过上限 {MAX_CELLS}（行数 × 列数）/ too many cells (rows × columns, "
        f"limit {MAX_CELLS})",
    )


def _bounded_rows(name: str, sheet: Any) -> list[list[str]]:
    """Each row up to its last cell; refused past MAX_ROWS, MAX_COLUMNS or MAX_CELLS."""
    rows: list[list[str]] = []
    cells = 0
    for row in sheet.iter_rows(values_only=True):
        if len(rows) >= MAX_ROWS:
            raise too_many_rows(name)
        if len(row) > MAX_COLUMNS and any(v is not None for v in row[MAX_COLUMNS:]):
            raise _fail(
                name,
                f"第{len(rows) + 1}行超过 {MAX_COLUMNS} 列 / row {len(rows) + 1} has cells past "
                f"column {MAX_COLUMNS}",
            )
        cells += min(len(row), MAX_COLUMNS)
        if cells > MAX_CELLS:
            raise _too_many_cells(name)
        rows.append([cell_text(v) for v in row[:MAX_COLUMNS]])
    return rows
