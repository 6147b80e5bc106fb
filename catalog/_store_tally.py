"""Survey files without respondent ids (anonymous tally sheets): a new export replaces.

Such a file's rows get keys derived from the file and the row (prefix ``anon-``), so a
corrected re-export would otherwise add its answers a second time. Importing an id-less file
for a school and semester therefore first deletes that school's earlier id-less rows of the
semester, in the same transaction, and the summary says how many it replaced.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, delete, func, select
from sqlalchemy.orm import Session

from catalog._kinds import Kind
from catalog._privacy import ID_LESS_PREFIX
from catalog._problems import LoadResult
from catalog._store_tables import SurveyResponseRow

Scope = tuple[str, str]  # (school id, semester)


def id_less_scopes(results: Iterable[LoadResult]) -> set[Scope]:
    """Every (school, semester) an id-less survey file of the batch speaks for."""
    return {
        (str(getattr(r, "school_id", "")), str(getattr(r, "semester", "")))
        for result in results
        if result.kind is Kind.SURVEY and result.id_less
        for r in result.records
    }


def _where(scope: Scope) -> ColumnElement[bool]:
    school, semester = scope
    return and_(
        SurveyResponseRow.school_id == school,
        SurveyResponseRow.semester == semester,
        SurveyResponseRow.respondent_key.startswith(ID_LESS_PREFIX, autoescape=True),
    )


def count_id_less(session: Session, scopes: Iterable[Scope]) -> dict[Scope, int]:
    """Stored id-less rows per scope (those an import of the scopes would replace)."""
    counts: dict[Scope, int] = {}
    for scope in sorted(scopes):
        query = select(func.count()).select_from(SurveyResponseRow).where(_where(scope))
        counts[scope] = int(session.scalar(query) or 0)
    return counts


def drop_id_less(session: Session, scopes: Iterable[Scope]) -> dict[Scope, int]:
    """Delete the earlier id-less rows of each scope; how many went, per scope."""
    counts = count_id_less(session, scopes)
    for scope, count in counts.items():
        if count:
            session.execute(delete(SurveyResponseRow).where(_where(scope)))
    return counts


def tally_notes(counts: dict[Scope, int]) -> tuple[str, ...]:
    """One bilingual sentence per scope that had earlier id-less rows."""
    return tuple(
        f"{school} {semester or '（无学期）'}：无编号问卷替换了之前的 {n} 条 / id-less survey "
        f"file replaced {n} earlier id-less rows of {school} {semester}".rstrip()
        for (school, semester), n in counts.items()
        if n
    )
