"""Breakdowns behind `kehou stats`: counts by kind, domain, district, level, area, respondent."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from catalog._enums import Area, Domain, ResourceFormat, Respondent, SchoolLevel, SpecialistKind
from catalog._store_tables import (
    CourseRow,
    ImportLogRow,
    InstitutionRow,
    SchoolRow,
    ScienceResourceRow,
    SpecialistRow,
    SurveyResponseRow,
)


def collect_stats(session: Session, counts: dict[str, int]) -> dict[str, Any]:
    """The stats document; enum breakdowns list every value (zeros too) in enum order."""
    return {
        "counts": counts,
        "institutions": {
            "admitted": _count_where(session, InstitutionRow.admitted.is_(True)),
            "by_district": _group(session, InstitutionRow.district),
        },
        "specialists": {
            "by_kind": _group(session, SpecialistRow.kind, [k.value for k in SpecialistKind]),
            "verified": _count_where(session, SpecialistRow.verified.is_(True)),
            "by_district": _group(session, SpecialistRow.district),
        },
        "courses": {"by_domain": _course_domains(session)},
        "science_resources": {
            "by_format": _group(
                session, ScienceResourceRow.format, [f.value for f in ResourceFormat]
            ),
            "by_district": _group(session, ScienceResourceRow.district),
        },
        "schools": {
            "by_district": _group(session, SchoolRow.district),
            "by_level": _group(session, SchoolRow.level, [v.value for v in SchoolLevel]),
            "by_area": _group(session, SchoolRow.area, [v.value for v in Area]),
            "students": int(session.scalar(select(func.sum(SchoolRow.students))) or 0),
            "exempt_students": int(
                session.scalar(select(func.sum(SchoolRow.exempt_students))) or 0
            ),
        },
        "surveys": {
            "schools": int(
                session.scalar(select(func.count(func.distinct(SurveyResponseRow.school_id)))) or 0
            ),
            "by_school": _group(session, SurveyResponseRow.school_id),
            "by_respondent": _group(
                session, SurveyResponseRow.respondent, [v.value for v in Respondent]
            ),
        },
        "imports": _imports(session),
    }


def _group(
    session: Session, column: InstrumentedAttribute[Any], order: list[str] | None = None
) -> dict[str, int]:
    """Rows per value of `column`: in `order` (zeros kept) when given, else sorted by value."""
    found = {
        str(value): int(n)
        for value, n in session.execute(select(column, func.count()).group_by(column))
    }
    if order is None:
        return dict(sorted(found.items()))
    return {value: found.pop(value, 0) for value in order} | dict(sorted(found.items()))


def _count_where(session: Session, condition: Any) -> int:
    return int(session.scalar(select(func.count()).where(condition)) or 0)


def _course_domains(session: Session) -> dict[str, int]:
    """Courses per domain; a course with two domains counts under both."""
    tally: Counter[str] = Counter()
    for cell in session.scalars(select(CourseRow.domains)):
        tally.update(json.loads(cell))
    return {d.value: tally.pop(d.value, 0) for d in Domain} | dict(sorted(tally.items()))


def _imports(session: Session) -> dict[str, Any]:
    last = session.scalar(select(func.max(ImportLogRow.at)))
    return {
        "count": _count_where(session, ImportLogRow.id.is_not(None)),
        "last_at": None if last is None else last.isoformat(timespec="seconds") + "Z",
    }
