"""Between the catalogue's choices and the mechanisms, and out to the `kehou enrol --json` shape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from catalog import GradeRange, OfferedCourse, StudentChoice
from matcher.enrolment._enrol import Enrolment
from matcher.enrolment._figures import figures
from matcher.enrolment._model import Offering, Student


def offered_courses(offerings: Sequence[Offering]) -> list[OfferedCourse]:
    """The courses students may name in a choices file (one per item, titles as timetabled)."""
    out: dict[str, OfferedCourse] = {}
    for o in offerings:
        grades = GradeRange(lo=o.grades[0], hi=o.grades[1]) if o.grades else None
        out.setdefault(o.item_id, OfferedCourse(o.item_id, o.title, grades))
    return list(out.values())


def students_from_choices(rows: Sequence[StudentChoice]) -> list[Student]:
    """Imported rows as mechanism input (the HMAC is the identity; the code labels rosters)."""
    return [
        Student(
            key=r.key,
            grade=r.grade,
            choices=r.choices,
            code=r.code,
            exempt=r.exempt,
            days=r.days,
            submitted_at=r.submitted_at,
            priority=r.priority,
        )
        for r in rows
    ]


def enrolled_sections(run: Enrolment) -> list[dict[str, Any]]:
    """Per offering: seats and students enrolled (what replaces estimated class sizes)."""
    counts = [0] * len(run.instance.offerings)
    for p in run.placements:
        counts[p.offering] += 1
    return [
        {
            "item_id": o.item_id,
            "slot": o.slot,
            "start": o.start,
            "sections": o.sections,
            "seats": o.seats,
            "enrolled": n,
        }
        for o, n in zip(run.instance.offerings, counts, strict=True)
    ]


def enrolment_json(run: Enrolment, school_id: str) -> dict[str, Any]:
    """The stable JSON (DESIGN): school_id, mechanism, seed, assignments, unplaced, stats.

    `student` is the school's own code (the school's report; the database keeps only the
    HMAC, given as `student_key`). Exempt status is never listed per student.
    """
    inst = run.instance
    students = inst.students

    def who(s: int) -> str:
        return students[s].code or students[s].key

    assignments = []
    for p in run.placements:
        o = inst.offerings[p.offering]
        assignments.append(
            {
                "student": who(p.student),
                "student_key": students[p.student].key,
                "item_id": o.item_id,
                "title": o.title,
                "slot": o.slot,
                "start": o.start,
                "section": p.section,
                "rank": p.rank,
            }
        )
    return {
        "school_id": school_id,
        "mechanism": run.mechanism,
        "seed": run.seed,
        "assignments": assignments,
        "unplaced": [
            {"student": who(s), "student_key": students[s].key, "reason": reason}
            for s, reason in sorted(run.unplaced.items(), key=lambda kv: who(kv[0]))
        ],
        "waitlists": {item: [who(s) for s in ss] for item, ss in run.waitlists.items()},
        "sections": enrolled_sections(run),
        "stats": figures(run),
    }
