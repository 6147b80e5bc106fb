"""Outputs whose bytes do not change between runs. The atomic writers (temp file, then
os.replace) and the pinned XLSX bytes come from catalog and are re-exported here."""

from __future__ import annotations

from catalog._files import (  # re-exported
    json_text,
    write_bytes_atomic,
    write_json_atomic,
    write_text_atomic,
)
from catalog._xlsx import FIXED_TIME, xlsx_bytes  # re-exported

__all__ = [
    "FIXED_TIME",
    "json_text",
    "write_bytes_atomic",
    "write_json_atomic",
    "write_text_atomic",
    "xlsx_bytes",
]
