"""Every XLSX kehou writes goes through here: cells that can never run as formulas, a header a
person can read (bold, frozen, repeated on every printed page, sized columns, landscape A4),
and bytes that do not change from one save to the next.

Formula escaping: a catalogue title such as `=HYPERLINK("http://…","点我")` must stay text in
every workbook (reports, exports, demo files). Text that a spreadsheet would run (starting with
= + - @, a tab or a carriage return) gets the apostrophe of `escape_formula`, which the
importer removes again, so export → import keeps the text exactly.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from catalog._cells import escape_formula

__all__ = ["FIXED_TIME", "add_table", "xlsx_bytes", "xlsx_value"]

#: openpyxl stamps the save time into docProps/core.xml and every zip entry; pin both.
FIXED_TIME = datetime(2026, 1, 1, 0, 0, 0)
_MAX_WIDTH = 60
_HEADER_FILL = PatternFill("solid", fgColor="EEF6F1")


def xlsx_value(value: Any) -> Any:
    """A value safe to put in a cell: numbers stay numbers (unless openpyxl's 16 digits would
    round them), everything else is text that cannot be a formula."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return value
    if isinstance(value, float) and float(f"{value:.16g}") == value:
        return value
    if value is None:
        return ""
    if isinstance(value, Enum):
        value = value.value
    return escape_formula(value if isinstance(value, str) else str(value))


def _display_width(value: Any) -> int:
    """Columns as wide as their text: a CJK character takes two columns."""
    text = str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _widths(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    out = [_display_width(h) + 2 for h in header]
    for row in rows[:2000]:  # a sample is enough to size a column
        for n, value in enumerate(row[: len(out)]):
            out[n] = max(out[n], _display_width(value) + 2)
    return [float(min(_MAX_WIDTH, max(6, w))) for w in out]


def add_table(
    wb: Workbook,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    number_format: str = "#,##0.##",
) -> None:
    """One sheet: bold header frozen on screen and repeated on every printed page, columns sized
    to their text (long text wraps), landscape A4 fitted to the page width, numbers with
    thousands separators. Works for normal and write-only workbooks."""
    ws = wb.create_sheet(title=title[:31])
    for n, width in enumerate(_widths(header, rows), start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    head = []
    for h in header:
        cell = WriteOnlyCell(ws, value=xlsx_value(h))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        head.append(cell)
    ws.append(head)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        out = []
        for value in row:
            cell = WriteOnlyCell(ws, value=xlsx_value(value))
            if isinstance(cell.value, float):
                cell.number_format = number_format
            elif isinstance(cell.value, str) and _display_width(cell.value) > _MAX_WIDTH:
                cell.alignment = wrap
            out.append(cell)
        ws.append(out)


def xlsx_bytes(wb: Workbook, fixed: datetime = FIXED_TIME) -> bytes:
    """The workbook as XLSX bytes that do not change from one save to the next."""
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    out = io.BytesIO()
    stamp = fixed.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = re.sub(
                    r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rf"\g<1>{stamp}\2",
                    body.decode("utf-8"),
                )
                body = text.encode("utf-8")
            pinned = zipfile.ZipInfo(info.filename, date_time=fixed.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(pinned, body)
    return out.getvalue()
