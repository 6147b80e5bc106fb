"""Writing outputs so that no half-written file is ever visible, and the same input gives the
same bytes: temp file in the same folder, then os.replace; XLSX with pinned timestamps."""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

#: openpyxl stamps the save time into docProps/core.xml and every zip entry; pin both.
FIXED_TIME = datetime(2026, 1, 1, 0, 0, 0)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file beside `path`, flush it to disk, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def json_text(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, default=str, sort_keys=False) + "\n"


def write_json_atomic(path: Path, doc: Any) -> None:
    write_text_atomic(path, json_text(doc))


def xlsx_bytes(wb: Workbook) -> bytes:
    """The workbook as XLSX bytes that do not change from one save to the next."""
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    out = io.BytesIO()
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
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
            pinned = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(pinned, body)
    return out.getvalue()
