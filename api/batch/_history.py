"""Allocations kept per semester, so the next semester's allocation can rotate and count.

Each stored allocation document carries `cumulative` (school → activities in every semester up
to and including its own), so the next semester needs only the newest earlier document: who
had what (rotation) and the running totals (fairness over time).

Storage: the "stored" engineer's `stored_allocations` table (`catalog.save_allocation` /
`latest_allocation`) once it is in main; until then JSON files beside the SQLite database
(`<db file>.allocations/<semester>.json`) or in the batch's output folder for other databases.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from api.reports import write_json_atomic
from catalog import Settings
from catalog._store_auth import semester_key


def history_dir(settings: Settings, out: Path) -> Path:
    url = make_url(settings.db_url())
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        db_file = Path(str(url.database)).expanduser()
        return db_file.with_name(f"{db_file.name}.allocations")
    return out / "allocations"


def _order(semester: str) -> tuple[int, int, str]:
    key = semester_key(semester)
    return (*(key or (0, 0)), semester)


def last_before(folder: Path, semester: str) -> tuple[str, dict[str, Any]] | None:
    """The newest stored allocation of a semester before `semester`, with that semester."""
    earlier = [p.stem for p in folder.glob("*.json") if _order(p.stem) < _order(semester)]
    if not earlier:
        return None
    last = max(earlier, key=_order)
    doc: dict[str, Any] = json.loads((folder / f"{last}.json").read_text(encoding="utf-8"))
    return last, doc


def with_cumulative(doc: dict[str, Any], before: dict[str, int]) -> dict[str, Any]:
    """`doc` plus `cumulative`: earlier activities + this semester's, per school."""
    total = Counter(before)
    total.update(a["school_id"] for a in doc.get("allocations", []))
    return {**doc, "cumulative": dict(sorted(total.items()))}


_SAFE = re.compile(r"[0-9A-Za-z\u4e00-\u9fff_-]{1,40}")


def save(folder: Path, semester: str, doc: dict[str, Any]) -> bool:
    """Keep `doc` as `semester`'s allocation; False (nothing written) for a label that is not
    a plain file name (no path can be smuggled in through a semester)."""
    if not _SAFE.fullmatch(semester):
        return False
    write_json_atomic(folder / f"{semester}.json", doc)
    return True
