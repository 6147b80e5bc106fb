"""Outputs whose bytes do not change between runs: XLSX with pinned timestamps. The atomic
writers (temp file, then os.replace) come from catalog and are re-exported here."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from openpyxl import Workbook

from catalog._files import (  # re-exported
    json_text,
    write_bytes_atomic,
    write_json_atomic,
    write_text_atomic,
)

__all__ = [
    "json_text",
    "write_bytes_atomic",
    "write_json_atomic",
    "write_text_atomic",
    "xlsx_bytes",
]

#: openpyxl stamps the save time into docProps/core.xml and every zip entry; pin both.
FIXED_TIME = datetime(2026, 1, 1, 0, 0, 0)


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
