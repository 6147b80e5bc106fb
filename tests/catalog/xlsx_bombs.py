"""Small XLSX files that declare (or hold) enormous sheets: the reader must refuse them fast."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook


def far_cell_xlsx(path: Path, *, dimension: str | None = "keep") -> Path:
    """A ~5 KB workbook: a header row and one cell at XFD1048576.

    `dimension`: "keep" leaves openpyxl's declared A1:XFD1048576; None removes the <dimension>
    element; any other text replaces it (a lie such as "A1:B2").
    """
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "surveys"
    sheet.append(["school_id", "respondent_id", "respondent", "grade", "interests"])
    sheet["XFD1048576"] = "x"
    workbook.save(path)
    if dimension == "keep":
        return path
    replacement = "" if dimension is None else f'<dimension ref="{dimension}"/>'
    rewrite = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(rewrite, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"<dimension[^>]*/>", replacement.encode(), data)
            dst.writestr(item, data)
    rewrite.replace(path)
    return path
