"""The semester before this one: its allocation (to rotate and count) and each school's programme
(to start from: the signature continues unless demand moved, continuing classes keep their staff).

Each stored allocation document (`catalog.save_allocation`, the `stored_allocations` table, one
source of truth with the bureau overview) carries `cumulative` (school → activities in every
semester up to and including its own), so the next semester needs only the newest earlier
document: who had what (rotation) and the running totals (fairness over time).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog._programmes import APPROVED, ProgrammeVersionRow, StoredAllocationRow
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


def allocate_semester(
    store: Store,
    rec: Any,
    schools: Any,
    surveys: Any,
    semester: str,
    config: Any,
    workers: int = 0,
) -> tuple[Any, dict[str, Any]]:
    """The bureau's allocation for `semester` as every caller runs it (batch, `kehou allocate`,
    `POST /allocations`): last semester's winners rank lower (rotation), the running totals
    carry on (`cumulative`), and the labelled document says which semester it followed.
    `workers`: forked processes for the per-school inputs (the same document).
    Returns (report, document); the caller decides whether to store it."""
    from api._display import label_allocation
    from matcher import allocation_history, run_bureau

    last = previous_allocation(store, semester) if semester else None
    previous, earlier = allocation_history([last[1]] if last else [])
    if last is not None:
        earlier = {k: int(v) for k, v in last[1].get("cumulative", earlier).items()}
    report, raw = run_bureau(
        rec, schools, surveys, config, previous=previous, earlier=earlier, workers=workers
    )
    doc = label_allocation(json.loads(json.dumps(raw, ensure_ascii=False, default=str)))
    doc = {**with_cumulative(doc, earlier), "semester": semester}
    doc["previous_semester"] = last[0] if last else None
    return report, doc


def with_cumulative(doc: dict[str, Any], before: dict[str, int]) -> dict[str, Any]:
    """`doc` plus `cumulative`: earlier activities + this semester's, per school."""
    total = Counter(before)
    total.update(a["school_id"] for a in doc.get("allocations", []))
    return {**doc, "cumulative": dict(sorted(total.items()))}


def previous_programmes(
    store: Store, semester: str | None, school_ids: Iterable[str] | None = None
) -> dict[str, tuple[str, dict[str, Any]]]:
    """Each school's programme to start `semester` from, with its semester: the newest approved
    version of an earlier semester, else the newest stored version of an earlier semester."""
    this = semester_key(semester) if semester else None
    if this is None:
        return {}
    query = select(
        ProgrammeVersionRow.id,
        ProgrammeVersionRow.school_id,
        ProgrammeVersionRow.semester,
        ProgrammeVersionRow.version,
        ProgrammeVersionRow.state,
    )
    if school_ids is not None:
        query = query.where(ProgrammeVersionRow.school_id.in_(list(school_ids)))
    best: dict[str, tuple[tuple[bool, tuple[int, int], int], int, str]] = {}
    with Session(store.engine) as session:
        for row_id, school, sem, version, state in session.execute(query):
            key = semester_key(sem) if sem else None
            if key is None or key >= this:
                continue
            rank = (state == APPROVED, key, version)
            if school not in best or rank > best[school][0]:
                best[school] = (rank, row_id, sem)
        ids = {row_id: (school, sem) for school, (_, row_id, sem) in best.items()}
        rows = session.execute(
            select(ProgrammeVersionRow.id, ProgrammeVersionRow.doc).where(
                ProgrammeVersionRow.id.in_(list(ids))
            )
        )
        docs = {row_id: json.loads(doc) for row_id, doc in rows}
    return {school: (sem, docs[row_id]) for row_id, (school, sem) in ids.items()}
