"""The allocation of the semester before this one, so the next allocation can rotate and count.

Each stored allocation document (`catalog.save_allocation`, the `stored_allocations` table, one
source of truth with the bureau overview) carries `cumulative` (school → activities in every
semester up to and including its own), so the next semester needs only the newest earlier
document: who had what (rotation) and the running totals (fairness over time).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog._programmes import StoredAllocationRow
from catalog._store import Store
from catalog._store_auth import semester_key


def previous_allocation(store: Store, semester: str) -> tuple[str, dict[str, Any]] | None:
    """The newest stored allocation of the latest semester before `semester`, with it."""
    this = semester_key(semester)
    if this is None:
        return None
    with Session(store.engine) as session:
        semesters = set(session.scalars(select(StoredAllocationRow.semester).distinct()))
        earlier = [s for s in semesters if (k := semester_key(s)) is not None and k < this]
        if not earlier:
            return None
        last = max(earlier, key=lambda s: semester_key(s) or (0, 0))
        query = (
            select(StoredAllocationRow.doc)
            .where(StoredAllocationRow.semester == last)
            .order_by(StoredAllocationRow.id.desc())
            .limit(1)
        )
        doc: dict[str, Any] = json.loads(session.scalars(query).one())
    return last, doc


def with_cumulative(doc: dict[str, Any], before: dict[str, int]) -> dict[str, Any]:
    """`doc` plus `cumulative`: earlier activities + this semester's, per school."""
    total = Counter(before)
    total.update(a["school_id"] for a in doc.get("allocations", []))
    return {**doc, "cumulative": dict(sorted(total.items()))}
