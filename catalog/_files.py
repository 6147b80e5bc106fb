"""Writing files so that no half-written file is ever visible: write a temp file in the same
folder, flush it to disk, then move it into place with os.replace (atomic on one filesystem).
Every layer above uses these; embeddings keeps its own copy because it imports nothing of ours."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refused (ValueError) unless it stays inside `folder`: a school id such as
    ``../../escape`` or ``/etc/x`` names no file here."""
    candidate = folder / name
    plain = name not in ("", ".", "..") and "/" not in name and "\\" not in name
    if not plain or not candidate.resolve().is_relative_to(folder.resolve()):
        raise ValueError(
            f"拒绝写到输出目录之外 / refusing to write outside the output folder: {name!r}"
        )
    return candidate


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temp path beside `path` to write to; moved onto `path` only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def json_text(doc: Any) -> str:
    """JSON as kehou writes it: UTF-8 Chinese kept readable, indented, newline at the end."""
    return json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"


def write_json_atomic(path: Path, doc: Any) -> None:
    write_text_atomic(path, json_text(doc))
