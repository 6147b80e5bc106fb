"""Schools (list, get), their surveys (upload, aggregate summary), rooms and programme."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile

from api._access import Access
from api._errors import ApiError
from api._paging import ERRORS, UPLOAD_ERRORS, PagingDep
from api._schemas import ImportPublic, Page, SchoolPublic, SurveySummaryPublic
from api._uploads import import_doc, run_import, saved
from catalog import Kind, School, SurveyResponse, load_file

router = APIRouter(prefix="/schools", tags=["schools"], responses=ERRORS)
SemesterQuery = Annotated[
    str | None, Query(max_length=40, description="只用该学期问卷 / one semester only")
]


def _public(school: School) -> SchoolPublic:
    return SchoolPublic.model_validate(school.model_dump(mode="json"))


@router.get("", response_model=Page[SchoolPublic], summary="学校列表 / list schools")
def list_schools(access: Access, paging: PagingDep) -> Page[SchoolPublic]:
    """Every school the token may reach: a planner sees only its own."""
    schools = [_public(s) for s in access.schools()]
    return Page(
        items=paging.slice(schools),
        total=len(schools),
        page=paging.page,
        page_size=paging.page_size,
    )


@router.get("/{school_id}", response_model=SchoolPublic, summary="一所学校 / one school")
def get_school(access: Access, school_id: str) -> SchoolPublic:
    return _public(access.school(school_id))


@router.post(
    "/{school_id}/surveys",
    response_model=ImportPublic,
    summary="上传问卷（CSV 或问卷星导出）/ upload a survey export",
    responses=UPLOAD_ERRORS,
)
def upload_surveys(
    access: Access,
    school_id: str,
    file: Annotated[UploadFile, File(description="问卷 CSV/XLSX 或问卷星导出 / survey export")],
    semester: Annotated[str, Form(max_length=40, examples=["2026秋"])] = "",
) -> ImportPublic:
    """All-or-nothing; every row must belong to this school (a planner: its own school only)."""
    access.school(school_id)
    summary = import_school_file(access, school_id, file, semester, Kind.SURVEY, via="api")
    return ImportPublic.model_validate(import_doc(summary))


@router.post(
    "/{school_id}/rooms",
    response_model=ImportPublic,
    summary="上传本校场地（功能室间数、座位）/ upload the school's rooms file",
    responses=UPLOAD_ERRORS,
)
def upload_rooms(
    access: Access,
    school_id: str,
    file: Annotated[UploadFile, File(description="场地 CSV/XLSX：场地类型、间数、座位数")],
) -> ImportPublic:
    """All-or-nothing; a row may omit the school (it is this one) but never name another."""
    access.school(school_id)
    summary = import_school_file(access, school_id, file, "", Kind.ROOM, via="api")
    return ImportPublic.model_validate(import_doc(summary))


def import_school_file(
    access: Any, school_id: str, file: UploadFile, semester: str, kind: Kind, *, via: str
) -> Any:
    """Save the upload, refuse rows of other schools, import all or nothing (API and web)."""
    state = access.state
    fallback = f"{kind.value}.csv"
    with saved([file], state.settings.max_upload_bytes, fallback) as paths:
        own_rows_only(paths[0], school_id, semester, access, kind)
        return run_import(
            paths,
            state.settings,
            state.store,
            user=f"{via}:{access.principal.id}",
            kind=kind,
            school_id=school_id,
            semester=semester,
        )


def own_rows_only(
    path: Any, school_id: str, semester: str, access: Access, kind: Kind = Kind.SURVEY
) -> None:
    """Refuse (403, audited) a file with rows for another school before anything is written."""
    from catalog import ImportFailed

    try:
        result = load_file(
            path,
            kind,
            settings=access.state.settings,
            school_id=school_id,
            semester=semester,
            accept_keys=False,
        )
    except ImportFailed:
        return  # the importer reports the same problems with rows and columns
    others = sorted({getattr(r, "school_id", school_id) for r in result.records} - {school_id})
    if others:
        for other in others[:20]:
            access.denied(other, f"{kind.value}.upload as {school_id}")
        raise ApiError(
            403,
            "forbidden",
            f"文件含其他学校的行 / the file has rows for other schools: {', '.join(others[:5])}",
        )


def _responses(access: Access, school_id: str, semester: str | None) -> list[SurveyResponse]:
    rows = access.state.store.surveys(school_id, semester)  # this school's rows only (indexed)
    return [r for r in rows if isinstance(r, SurveyResponse)]


@router.get(
    "/{school_id}/surveys/summary",
    response_model=SurveySummaryPublic,
    summary="问卷汇总（仅汇总数）/ survey aggregates only",
)
def survey_summary(
    access: Access, school_id: str, semester: SemesterQuery = None
) -> SurveySummaryPublic:
    """Counts by respondent type, grade and preferred domain; the read is audit-logged."""
    access.school(school_id)
    rows = _responses(access, school_id, semester)
    access.audit("surveys.summary", school_id, f"semester={semester or ''}")
    return SurveySummaryPublic(
        school_id=school_id,
        semester=semester,
        respondents=len(rows),
        by_respondent=dict(Counter(str(r.respondent.value) for r in rows)),
        by_grade=dict(Counter("" if r.grade is None else str(r.grade) for r in rows)),
        by_domain=dict(Counter(str(d.value) for r in rows for d in r.preferred_domains)),
    )
