"""The database tables behind `Store`, one per kind, and the record <-> row conversion.

Columns carry the records' field names so the conversion is generic: list fields are JSON text
(portable across SQLite and PostgreSQL), a `GradeRange` is two integer columns grade_lo/grade_hi,
enums are their Chinese values and `submitted_at` is ISO-8601 text so a timezone survives SQLite.
The schema itself is created by the Alembic migration in catalog/migrations, never by
`create_all`; `tests/catalog/test_store_schema.py` checks that the two agree.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import Boolean, DateTime, Double, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from catalog._kinds import RECORD_TYPES, Kind
from catalog._records import GradeRange, Record

ID = String(200)
SHORT = String(200)


class Base(DeclarativeBase):
    """Declarative base of kehou's tables (its metadata is Alembic's target)."""


class InstitutionRow(Base):
    __tablename__ = "institutions"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(SHORT)
    description: Mapped[str] = mapped_column(Text, default="")
    district: Mapped[str] = mapped_column(SHORT, index=True)
    services: Mapped[str] = mapped_column(Text, default="[]")
    license_no: Mapped[str] = mapped_column(SHORT, default="")
    admitted: Mapped[bool] = mapped_column(Boolean, default=False)
    lat: Mapped[float | None] = mapped_column(Double, nullable=True)
    lon: Mapped[float | None] = mapped_column(Double, nullable=True)


class SpecialistRow(Base):
    __tablename__ = "specialists"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(SHORT, default="")
    kind: Mapped[str] = mapped_column(String(40), index=True)
    skills: Mapped[str] = mapped_column(Text, default="[]")
    bio: Mapped[str] = mapped_column(Text, default="")
    district: Mapped[str] = mapped_column(SHORT, index=True)
    lat: Mapped[float] = mapped_column(Double)
    lon: Mapped[float] = mapped_column(Double)
    max_travel_km: Mapped[float] = mapped_column(Double)
    available_slots: Mapped[str] = mapped_column(Text, default="[]")
    max_schools: Mapped[int] = mapped_column(Integer)
    fee_per_session: Mapped[float] = mapped_column(Double)
    qualification: Mapped[str] = mapped_column(Text, default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    institution_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("institutions.id"), nullable=True, index=True
    )


class CourseRow(Base):
    __tablename__ = "courses"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(SHORT)
    description: Mapped[str] = mapped_column(Text, default="")
    domains: Mapped[str] = mapped_column(Text)
    grade_lo: Mapped[int] = mapped_column(Integer)
    grade_hi: Mapped[int] = mapped_column(Integer)
    fee_per_session: Mapped[float] = mapped_column(Double)
    session_minutes: Mapped[int] = mapped_column(Integer)
    capacity: Mapped[int] = mapped_column(Integer)
    # A specialist's or an institution's id: checked by the importer, so no foreign key.
    provider_id: Mapped[str | None] = mapped_column(ID, nullable=True, index=True)
    tags: Mapped[str] = mapped_column(Text, default="[]")
    room_type: Mapped[str | None] = mapped_column(String(40), nullable=True)


class ScienceResourceRow(Base):
    __tablename__ = "science_resources"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(SHORT)
    provider: Mapped[str] = mapped_column(SHORT)
    description: Mapped[str] = mapped_column(Text, default="")
    topics: Mapped[str] = mapped_column(Text, default="[]")
    format: Mapped[str] = mapped_column(String(40))
    district: Mapped[str] = mapped_column(SHORT, index=True)
    lat: Mapped[float] = mapped_column(Double)
    lon: Mapped[float] = mapped_column(Double)
    visits_per_semester: Mapped[int] = mapped_column(Integer)
    grade_lo: Mapped[int] = mapped_column(Integer)
    grade_hi: Mapped[int] = mapped_column(Integer)
    cost_per_visit: Mapped[float] = mapped_column(Double)


class SchoolRow(Base):
    __tablename__ = "schools"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(SHORT)
    district: Mapped[str] = mapped_column(SHORT, index=True)
    level: Mapped[str] = mapped_column(String(40))
    area: Mapped[str] = mapped_column(String(40))
    students: Mapped[int] = mapped_column(Integer)
    lat: Mapped[float] = mapped_column(Double)
    lon: Mapped[float] = mapped_column(Double)
    facilities: Mapped[str] = mapped_column(Text, default="[]")
    teacher_strengths: Mapped[str] = mapped_column(Text, default="[]")
    exempt_students: Mapped[int] = mapped_column(Integer, default=0)
    after_school_slots: Mapped[str] = mapped_column(Text, default="[]")
    classes: Mapped[str | None] = mapped_column(SHORT, nullable=True)
    own_teachers: Mapped[int | None] = mapped_column(Integer, nullable=True)


class SchoolRoomRow(Base):
    """A rooms file row (migration 0006); id = school-room type, so each type once a school."""

    __tablename__ = "school_rooms"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    school_id: Mapped[str] = mapped_column(ID, ForeignKey("schools.id"), index=True)
    room_type: Mapped[str] = mapped_column(String(40))
    count: Mapped[int] = mapped_column(Integer)
    seats: Mapped[int | None] = mapped_column(Integer, nullable=True)


class SurveyResponseRow(Base):
    """Pseudonymous: the key is an HMAC; no name, phone, 学号 or IP column exists.

    Identity is (respondent_key, school_id) (migration 0003): a row can only ever be replaced
    by a row of the same school, whatever key an upload carries.
    """

    __tablename__ = "survey_responses"

    respondent_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    school_id: Mapped[str] = mapped_column(
        ID, ForeignKey("schools.id"), primary_key=True, index=True
    )
    respondent: Mapped[str] = mapped_column(String(40))
    grade: Mapped[int | None] = mapped_column(Integer, nullable=True)
    interests: Mapped[str] = mapped_column(Text, default="")
    preferred_domains: Mapped[str] = mapped_column(Text, default="[]")
    preferred_days: Mapped[str] = mapped_column(Text, default="[]")
    pickup_time: Mapped[str] = mapped_column(SHORT, default="")
    semester: Mapped[str] = mapped_column(String(40), default="", index=True)
    submitted_at: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ImportLogRow(Base):
    """One row per import that landed: when, who, which files, how many rows per kind."""

    __tablename__ = "import_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(SHORT)
    files: Mapped[str] = mapped_column(Text)
    counts: Mapped[str] = mapped_column(Text)


TABLES: dict[Kind, type[Base]] = {
    Kind.INSTITUTION: InstitutionRow,
    Kind.SPECIALIST: SpecialistRow,
    Kind.COURSE: CourseRow,
    Kind.SCIENCE_RESOURCE: ScienceResourceRow,
    Kind.SCHOOL: SchoolRow,
    Kind.ROOM: SchoolRoomRow,
    Kind.SURVEY: SurveyResponseRow,
}

#: The field that identifies a record of each kind (surveys: the HMAC respondent key).
KEY_FIELDS: dict[Kind, str] = {kind: "id" for kind in TABLES} | {Kind.SURVEY: "respondent_key"}


def record_key(kind: Kind, record: Record) -> str:
    """The id (or respondent key) a record is stored under."""
    return str(getattr(record, KEY_FIELDS[kind]))


def identity(kind: Kind, record: Record) -> tuple[str, str]:
    """What makes a stored row unique: ("", id), and for surveys (school id, respondent key)."""
    school = str(getattr(record, "school_id", "")) if kind is Kind.SURVEY else ""
    return school, record_key(kind, record)


def _range_columns(field: str) -> tuple[str, str]:
    stem = "grade" if field == "grades" else field
    return f"{stem}_lo", f"{stem}_hi"


def to_row(record: Record) -> dict[str, Any]:
    """Column values for one record, ready for an INSERT or an UPDATE by primary key."""
    row: dict[str, Any] = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, GradeRange):
            lo, hi = _range_columns(name)
            row[lo], row[hi] = value.lo, value.hi
        elif isinstance(value, list):
            row[name] = json.dumps([_plain(v) for v in value], ensure_ascii=False)
        elif isinstance(value, datetime):
            row[name] = value.isoformat()
        else:
            row[name] = _plain(value)
    return row


def from_row(kind: Kind, row: Base) -> Record:
    """The pydantic record a stored row holds (validated again, so bad rows fail loudly)."""
    model = RECORD_TYPES[kind]
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.annotation is GradeRange:
            lo, hi = _range_columns(name)
            data[name] = {"lo": getattr(row, lo), "hi": getattr(row, hi)}
            continue
        value = getattr(row, name)
        if name in _LIST_FIELDS[kind]:
            value = json.loads(value) if value else []
        data[name] = value
    return model.model_validate(data)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _list_fields(model: type[Record]) -> frozenset[str]:
    return frozenset(
        name
        for name, info in model.model_fields.items()
        if getattr(info.annotation, "__origin__", None) is list
    )


_LIST_FIELDS: dict[Kind, frozenset[str]] = {
    kind: _list_fields(model) for kind, model in RECORD_TYPES.items()
}
