"""From a programme's timetable rows (DESIGN keys) to offerings students can be placed in.

Reads `item_id`, `slot`, `sections` and, when present, `start` (clock time), `capacity`,
`expected_students`, `fee_per_session`, `title`. The timetable may list one row per section
(same item, slot and start): those rows become one offering with their sections added up.
Without `start`, a whole slot is one period. Rows outside the weekly afternoons (专题活动,
visits of a science resource) are not enrolled into.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from catalog import Course
from matcher.enrolment._model import Offering


def _capacity(row: Mapping[str, Any], course: Course | None, sections: int) -> int:
    if row.get("capacity"):
        return int(row["capacity"])
    if course is not None:
        return course.capacity
    return max(1, math.ceil(int(row.get("expected_students") or 0) / max(1, sections)))


def offerings_from_timetable(
    rows: Sequence[Mapping[str, Any]], courses: Mapping[str, Course] | None = None
) -> list[Offering]:
    """One Offering per (item, slot, start), in timetable order; grades and seats from courses."""
    courses = courses or {}
    merged: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for row in rows:
        slot = str(row.get("slot") or "")
        if not slot.startswith("周"):
            continue
        key = (str(row["item_id"]), slot, row.get("start") or None)
        sections = int(row.get("sections") or 1)
        if key in merged:
            merged[key]["sections"] += sections
            continue
        merged[key] = {"row": row, "sections": sections}
    out = []
    for (item_id, slot, start), entry in merged.items():
        row, sections = entry["row"], entry["sections"]
        course = courses.get(item_id)
        fee = row.get("fee_per_session")
        if fee is None:
            fee = course.fee_per_session if course is not None else 0.0
        out.append(
            Offering(
                item_id=item_id,
                title=str(row.get("title") or (course.title if course else item_id)),
                slot=slot,
                sections=sections,
                capacity=_capacity(row, course, sections),
                fee_per_session=float(fee),
                start=start,
                grades=(course.grades.lo, course.grades.hi) if course is not None else None,
            )
        )
    return out
