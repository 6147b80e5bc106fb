"""Byte-for-byte reproducible writers for CSV (any encoding), XLSX and JSON.

openpyxl stamps the save time into docProps/core.xml and into every zip entry; both are
pinned (catalog.xlsx_bytes, the one XLSX helper; cells go through catalog.xlsx_value)
so that running the generator twice gives identical files.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from catalog import xlsx_bytes, xlsx_value

Row = dict[str, str]
#: (field name in the row dict, header written in the file)
Columns = Sequence[tuple[str, str]]

_FIXED_TIME = datetime(2026, 8, 20, 9, 0, 0)


def write_csv(
    path: Path, columns: Columns, rows: Sequence[Row], encoding: str = "utf-8", crlf: bool = False
) -> None:
    """A CSV as Excel or a web export would write it; `encoding` 'utf-8-sig' adds the BOM."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    writer.writerow([header for _, header in columns])
    for row in rows:
        writer.writerow([row.get(field, "") for field, _ in columns])
    path.write_bytes(buf.getvalue().encode(encoding))


def write_raw(path: Path, text: str, encoding: str = "utf-8") -> None:
    """A hand-made file (used for the broken ones, where csv would 'fix' the damage)."""
    path.write_bytes(text.encode(encoding))


def write_json(path: Path, rows: Sequence[dict[str, object]]) -> None:
    """A JSON list of objects, UTF-8, Chinese unescaped, stable key order."""
    text = json.dumps(list(rows), ensure_ascii=False, indent=2)
    path.write_bytes((text + "\n").encode("utf-8"))


def write_xlsx(path: Path, columns: Columns, rows: Sequence[Row], sheet: str = "Sheet1") -> None:
    """One sheet, header in row 1; numbers that look like numbers are stored as numbers."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    ws.append([xlsx_value(header) for _, header in columns])
    for row in rows:
        ws.append([xlsx_value(_cell_value(row.get(field, ""))) for field, _ in columns])
    wb.properties.creator = "kehou demo generator"
    wb.properties.created = _FIXED_TIME
    path.write_bytes(xlsx_bytes(wb, fixed=_FIXED_TIME))


def _cell_value(text: str) -> str | int | float:
    """Excel users type numbers as numbers; keep ids like '007' as text."""
    if re.fullmatch(r"-?[1-9]\d{0,8}|0", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return text
