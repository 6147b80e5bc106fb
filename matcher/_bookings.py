"""The allocation's decisions as inputs to one school's plan: which shared people and resources
it may use, on which afternoons, and the history the next semester's allocation reads.

The bureau's allocation owns every cross-school decision (DESIGN.md, "Who decides what"); a
school's programme, its replan and its timetable only follow it:

- `allocation_loads` marks every shared specialist / science resource NOT given to this school
  as full (ItemLoad), so the recommender never picks it, whatever order schools run in;
- `allocation_bookings` is the same for `matcher.replan` (specialist id → claims);
- `allowed_days` is resource id → the afternoons (周一…周五) this school has it, the mapping a
  timetable takes ("one place at a time" across schools is already settled by the allocation);
- `allocation_history` turns earlier semesters' allocation documents into rotation input
  (who had what last semester) and cumulative activities per school (fairness over time).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from catalog import ScienceResource, Specialist
from catalog.policy import ItemLoad
from matcher._catalogue import Catalogue

Doc = Mapping[str, Any]


def _given(doc: Doc, school_id: str) -> set[str]:
    return {a["resource_id"] for a in doc.get("allocations", []) if a["school_id"] == school_id}


def _shared_ids(doc: Doc) -> set[str]:
    return {r["resource_id"] for r in doc.get("resources", [])}


def allocation_loads(catalogue: Catalogue, doc: Doc, school_id: str) -> dict[str, ItemLoad]:
    """ItemLoad per item key: full for a shared resource (or a course run by a shared
    specialist) the allocation gave to other schools only; nothing for the rest."""
    blocked = _shared_ids(doc) - _given(doc, school_id)
    loads: dict[str, ItemLoad] = {}
    for item in catalogue.items:
        rec = item.record
        who = rec if isinstance(rec, Specialist | ScienceResource) else item.provider
        if isinstance(who, Specialist) and who.id in blocked:
            loads[item.key] = ItemLoad(schools=who.max_schools)
        elif isinstance(who, ScienceResource) and who.id in blocked:
            loads[item.key] = ItemLoad(visits=who.visits_per_semester)
    return loads


def allocation_bookings(catalogue: Catalogue, doc: Doc, school_id: str) -> dict[str, int]:
    """`replan` bookings: a shared specialist not given to this school counts as fully claimed."""
    blocked = _shared_ids(doc) - _given(doc, school_id)
    return {sid: s.max_schools for sid, s in catalogue.specialists.items() if sid in blocked}


def allowed_days(doc: Doc, school_id: str) -> dict[str, tuple[str, ...]]:
    """Resource id → afternoons this school has it (specialists; science visits carry none)."""
    out: dict[str, list[str]] = {}
    for a in doc.get("allocations", []):
        if a["school_id"] == school_id and a.get("day"):
            out.setdefault(a["resource_id"], []).append(a["day"])
    return {k: tuple(v) for k, v in sorted(out.items())}


def allocation_history(docs: Sequence[Doc]) -> tuple[dict[str, set[str]], dict[str, int]]:
    """(school → resources it got in the LAST of `docs`, school → activities over all of them).

    `docs` are earlier semesters' allocation documents, oldest first."""
    previous: dict[str, set[str]] = {}
    earlier: Counter[str] = Counter()
    for doc in docs:
        for a in doc.get("allocations", []):
            earlier[a["school_id"]] += 1
    for a in docs[-1].get("allocations", []) if docs else []:
        previous.setdefault(a["school_id"], set()).add(a["resource_id"])
    return previous, dict(earlier)
