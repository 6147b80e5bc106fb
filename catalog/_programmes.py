"""Stored programmes and the stored allocation: every version kept, with its approval state.

A programme lives per school and semester as a chain of versions (never updated in place):
who, when, what changed, why, the state, the 家委会 / 公示 dates of a submission, the inputs
it was computed from (so a reader can say what changed since) and the programme JSON. The
state machine is checked inside the same transaction that writes the next version, so two
writers racing on one programme cannot both win (the unique version number refuses one).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from catalog._store import Store
from catalog._store_tables import ID, SHORT, Base, SchoolRow, SurveyResponseRow

DRAFT, SUBMITTED, APPROVED, RETURNED = "draft", "submitted", "approved", "returned"
#: action -> the states it may start from (None: no version yet) and the state it leads to
TRANSITIONS: dict[str, tuple[frozenset[str | None], str]] = {
    "computed": (frozenset({None, DRAFT, RETURNED}), DRAFT),
    "batch": (frozenset({None, DRAFT, RETURNED}), DRAFT),
    "edit": (frozenset({None, DRAFT, RETURNED}), DRAFT),
    "submit": (frozenset({DRAFT, RETURNED}), SUBMITTED),
    "approve": (frozenset({SUBMITTED}), APPROVED),
    "return": (frozenset({SUBMITTED}), RETURNED),
    # 选课 changed the sections: an approved programme is never changed in place, so the
    # enrolled one is a new draft (to submit again); never while the bureau is reviewing
    "enrolment": (frozenset({DRAFT, RETURNED, APPROVED}), DRAFT),
}
LOCKED = frozenset({SUBMITTED, APPROVED})  # a batch or a refresh never writes over these
_SURVEY_INDEX = Index(
    "ix_survey_responses_school_semester", SurveyResponseRow.school_id, SurveyResponseRow.semester
)


class ProgrammeVersionRow(Base):
    __tablename__ = "programme_versions"
    __table_args__ = (
        UniqueConstraint("school_id", "semester", "version", name="uq_programme_version"),
        Index("ix_programme_versions_school_semester", "school_id", "semester"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    school_id: Mapped[str] = mapped_column(ID, ForeignKey("schools.id"))
    semester: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(40), index=True)
    action: Mapped[str] = mapped_column(String(40))
    author: Mapped[str] = mapped_column(SHORT)
    at: Mapped[datetime] = mapped_column()
    changes: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    comment: Mapped[str] = mapped_column(Text)
    consulted_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    notice_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    inputs: Mapped[str] = mapped_column(Text)
    doc: Mapped[str] = mapped_column(Text)


class StoredAllocationRow(Base):
    __tablename__ = "stored_allocations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    semester: Mapped[str] = mapped_column(String(40), index=True)
    author: Mapped[str] = mapped_column(SHORT)
    at: Mapped[datetime] = mapped_column()
    doc: Mapped[str] = mapped_column(Text)


class TransitionError(ValueError):
    """An action the programme's current state does not allow, or a lost race (409)."""


@dataclass(frozen=True)
class ProgrammeVersion:
    """One stored version; `changes` are the planner's edits since the computed plan."""

    id: int
    school_id: str
    semester: str
    version: int
    state: str
    action: str
    author: str
    at: datetime
    changes: dict[str, Any]
    note: str
    reason: str
    comment: str
    consulted_on: str | None
    notice_on: str | None
    inputs: dict[str, Any]
    doc: dict[str, Any]


@dataclass(frozen=True)
class NewVersion:
    """What a writer gives `add_version`: the action and its content (the rest is derived)."""

    action: str
    author: str
    doc: dict[str, Any]
    inputs: dict[str, Any]
    changes: dict[str, Any]
    note: str = ""
    reason: str = ""
    comment: str = ""
    consulted_on: str | None = None
    notice_on: str | None = None


def _version(row: ProgrammeVersionRow) -> ProgrammeVersion:
    return ProgrammeVersion(
        row.id, row.school_id, row.semester, row.version, row.state, row.action, row.author,
        row.at, json.loads(row.changes), row.note, row.reason, row.comment, row.consulted_on,
        row.notice_on, json.loads(row.inputs), json.loads(row.doc),
    )  # fmt: skip


def _latest(session: Session, school_id: str, semester: str) -> ProgrammeVersionRow | None:
    query = (
        select(ProgrammeVersionRow)
        .where(ProgrammeVersionRow.school_id == school_id, ProgrammeVersionRow.semester == semester)
        .order_by(ProgrammeVersionRow.version.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def current_version(store: Store, school_id: str, semester: str) -> ProgrammeVersion | None:
    """The newest version of one school's programme for one semester, or None."""
    with Session(store.engine) as session:
        row = _latest(session, school_id, semester)
        return None if row is None else _version(row)


def history(store: Store, school_id: str, semester: str) -> list[ProgrammeVersion]:
    """Every version, oldest first."""
    query = (
        select(ProgrammeVersionRow)
        .where(ProgrammeVersionRow.school_id == school_id, ProgrammeVersionRow.semester == semester)
        .order_by(ProgrammeVersionRow.version)
    )
    with Session(store.engine) as session:
        return [_version(row) for row in session.scalars(query)]


def current_versions(
    store: Store, semester: str, states: Iterable[str] | None = None
) -> dict[str, ProgrammeVersion]:
    """The newest version per school for one semester (only those in `states` when given)."""
    newest = (
        select(ProgrammeVersionRow.school_id, func.max(ProgrammeVersionRow.version).label("v"))
        .where(ProgrammeVersionRow.semester == semester)
        .group_by(ProgrammeVersionRow.school_id)
        .subquery()
    )
    query = select(ProgrammeVersionRow).join(
        newest,
        (ProgrammeVersionRow.school_id == newest.c.school_id)
        & (ProgrammeVersionRow.version == newest.c.v),
    )
    query = query.where(ProgrammeVersionRow.semester == semester)
    if states is not None:
        query = query.where(ProgrammeVersionRow.state.in_(list(states)))
    with Session(store.engine) as session:
        rows = session.scalars(query.order_by(ProgrammeVersionRow.school_id))
        return {row.school_id: _version(row) for row in rows}


def add_version(
    store: Store, school_id: str, semester: str, new: NewVersion, *, after: int | None = None
) -> ProgrammeVersion:
    """Append the next version if the current state allows `new.action` (and, when `after` is
    given, only if the current version is still that one); else `TransitionError`."""
    allowed, target = TRANSITIONS[new.action]
    try:
        with Session(store.engine) as session, session.begin():
            last = _latest(session, school_id, semester)
            _check(last, new.action, allowed, after)
            row = _row(school_id, semester, 1 if last is None else last.version + 1, target, new)
            session.add(row)
            session.flush()
            return _version(row)
    except IntegrityError as error:
        raise TransitionError("方案已被他人修改，请刷新 / changed meanwhile, reload") from error


def _check(
    last: ProgrammeVersionRow | None, action: str, allowed: frozenset[str | None], after: int | None
) -> None:
    if after is not None and (last is None or last.version != after):
        raise TransitionError("方案已被他人修改，请刷新 / changed meanwhile, reload")
    state = None if last is None else last.state
    if state not in allowed:
        shown = state or "无 / none"
        raise TransitionError(f"当前状态（{shown}）不允许 {action} / not allowed in state {shown}")


def _row(
    school_id: str, semester: str, version: int, state: str, new: NewVersion
) -> ProgrammeVersionRow:
    return ProgrammeVersionRow(
        school_id=school_id, semester=semester, version=version, state=state, action=new.action,
        author=new.author, at=datetime.now(UTC).replace(tzinfo=None),
        changes=json.dumps(new.changes, ensure_ascii=False), note=new.note, reason=new.reason,
        comment=new.comment, consulted_on=new.consulted_on, notice_on=new.notice_on,
        inputs=json.dumps(new.inputs, ensure_ascii=False, sort_keys=True),
        doc=json.dumps(new.doc, ensure_ascii=False, default=str),
    )  # fmt: skip


def school_inputs(store: Store, school_id: str, semester: str | None) -> dict[str, Any]:
    """What one school's programme is computed from (its record, its survey rows), hashed by
    an indexed per-school query: the cost grows with the school, not with the city."""
    survey = SurveyResponseRow.__table__
    query = select(*survey.columns).where(survey.c.school_id == school_id)
    if semester:
        query = query.where(survey.c.semester == semester)
    school = SchoolRow.__table__
    with Session(store.engine) as session:
        rows = sorted(tuple(row) for row in session.execute(query))  # plain tuples: no ORM
        own = session.execute(select(*school.columns).where(school.c.id == school_id)).first()
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(row).encode())
    return {
        "school": hashlib.sha256(repr(None if own is None else tuple(own)).encode()).hexdigest()[
            :16
        ],
        "surveys": len(rows),
        "surveys_hash": digest.hexdigest()[:16],
    }


def save_allocation(store: Store, semester: str, doc: dict[str, Any], author: str) -> None:
    """Keep an allocation result as the newest for its semester (older ones stay)."""
    at = datetime.now(UTC).replace(tzinfo=None)
    text = json.dumps(doc, ensure_ascii=False, default=str)
    with Session(store.engine) as session, session.begin():
        session.add(StoredAllocationRow(semester=semester, author=author, at=at, doc=text))


def latest_allocation(
    store: Store, semester: str | None = None
) -> tuple[str, dict[str, Any]] | None:
    """The newest stored allocation (of `semester` when given) with its semester, or None."""
    query = select(StoredAllocationRow).order_by(StoredAllocationRow.id.desc()).limit(1)
    if semester is not None:
        query = query.where(StoredAllocationRow.semester == semester)
    with Session(store.engine) as session:
        row = session.scalars(query).first()
        return None if row is None else (row.semester, json.loads(row.doc))


def batch_semester(store: Store) -> str | None:
    """The semester of the newest version a batch wrote (what the bureau looks at by default)."""
    query = (
        select(ProgrammeVersionRow.semester)
        .where(ProgrammeVersionRow.action == "batch")
        .order_by(ProgrammeVersionRow.id.desc())
        .limit(1)
    )
    with Session(store.engine) as session:
        return session.scalars(query).first()
