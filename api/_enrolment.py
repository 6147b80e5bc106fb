"""选课 for one school, shared by `kehou enrol` and the HTTP route: programme → offerings →
choices file → mechanism → the `enrol` JSON. Nothing is written to the database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from catalog import Course, Kind, School, Settings, Store, read_choices
from matcher.enrolment import (
    EnrolConfig,
    Enrolment,
    Offering,
    enrol,
    enrolment_json,
    offered_courses,
    offerings_from_timetable,
    students_from_choices,
)


def programme_rows(
    store: Store, settings: Settings, school: School, *, backend: str, semester: str | None
) -> list[dict[str, Any]]:
    """The school's recommended programme's timetable rows (as `kehou recommend` computes)."""
    from matcher import open_engine, programme_json, surveys_by_school

    engine = open_engine(store, settings, backend)
    responses = surveys_by_school(store, semester).get(school.id, [])
    programme = engine.recommender().programme(school, responses, semester=semester)
    return list(programme_json(programme)["timetable"])


def offerings_for(store: Store, rows: Sequence[Mapping[str, Any]]) -> list[Offering]:
    """Timetable rows with the catalogue's grades, seats and fees for each course."""
    courses: dict[str, Course] = {}
    for row in rows:
        record = store.get(Kind.COURSE, str(row.get("item_id")))
        if isinstance(record, Course):
            courses[record.id] = record
    return offerings_from_timetable(rows, courses)


def run_enrolment(
    offerings: Sequence[Offering],
    choices: Path,
    school_id: str,
    settings: Settings,
    cfg: EnrolConfig,
) -> tuple[Enrolment, dict[str, Any]]:
    """Read and check the choices (ImportFailed names every bad row), place, and describe."""
    rows = read_choices(
        choices,
        school_id=school_id,
        secret=settings.hmac_secret,
        offered=offered_courses(offerings),
        max_bytes=settings.max_upload_bytes,
        min_choices=cfg.min_choices,
    )
    run = enrol(offerings, students_from_choices(rows), cfg)
    return run, enrolment_json(run, school_id)
