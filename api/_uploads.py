"""Uploaded files onto disk (size-checked, safe names) and into the all-or-nothing importer."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from fastapi import UploadFile

from api._errors import ApiError, too_large_message
from catalog import (
    DatabaseBusy,
    ImportFailed,
    ImportSummary,
    Kind,
    Settings,
    Store,
    import_paths,
)

_CHUNK = 1 << 16


def safe_name(name: str | None, fallback: str) -> str:
    """The file's own name without any folder part or odd characters (keeps Chinese)."""
    base = Path((name or "").replace("\\", "/")).name
    base = re.sub(r"[^\w.\-]+", "_", base).lstrip(".")
    return base or fallback


@contextmanager
def saved(files: list[UploadFile], limit: int, fallback: str) -> Iterator[list[Path]]:
    """Write the uploads into a temp folder (deleted after); 413 past `limit` bytes in all."""
    with tempfile.TemporaryDirectory(prefix="kehou-upload-") as folder:
        paths, total = [], 0
        for number, upload in enumerate(files):
            path = Path(folder) / f"{number}" / safe_name(upload.filename, fallback)
            path.parent.mkdir()
            with path.open("wb") as out:
                while chunk := upload.file.read(_CHUNK):
                    total += len(chunk)
                    if total > limit:
                        raise ApiError(413, "too_large", too_large_message(limit))
                    out.write(chunk)
            paths.append(path)
        yield paths


def run_import(
    paths: list[Path],
    settings: Settings,
    store: Store,
    *,
    user: str,
    kind: Kind | None = None,
    school_id: str | None = None,
    semester: str = "",
) -> ImportSummary:
    """import_paths on the saved files; ImportFailed becomes a 422 with every problem listed.

    An upload never carries ready-made respondent keys, and a school's upload (`school_id`)
    can only insert or replace that school's rows. Lock contention becomes a 503.
    """
    try:
        return import_paths(
            paths,
            settings,
            kind=kind,
            school_id=school_id,
            semester=semester,
            user=user,
            store=store,
            accept_keys=False,
            only_school=school_id,
        )
    except DatabaseBusy as busy:
        raise ApiError(503, "busy", busy.message, None, {"Retry-After": "1"}) from None
    except ImportFailed as failed:
        problems = [replace(p, file=_shown(p.file)) for p in failed.problems]
        count = len(problems)
        message = f"导入被拒绝，未做任何修改 / import refused, nothing changed: {count} problem(s)"
        raise ApiError(422, "import_failed", message, problems) from failed


def _shown(file: str) -> str:
    """The uploaded file's own name, not the server's temp path."""
    return Path(file).name if "kehou-upload-" in file else file


def import_doc(summary: ImportSummary) -> dict[str, object]:
    """`kehou import --json`'s document, with upload names instead of temp paths."""
    doc = summary.to_json()
    for key in ("files", "notices", "columns"):
        doc[key] = [item | {"file": _shown(item["file"])} for item in doc.get(key, [])]
    return doc
