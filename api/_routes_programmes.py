"""Stored programmes over HTTP: the current version (ETag), its history, a planner's edits and
submission, the bureau's approval or return, and the bureau's review list. Thin handlers: the
flow lives in `api._programmes`, the state machine and storage in `catalog`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response

from api._access import Access, SchoolAccess
from api._auth import Bureau
from api._errors import ApiError
from api._paging import ERRORS, PagingDep
from api._programmes import edit, serve, transition
from api._routes_schools import SemesterQuery
from api._schemas import ErrorPublic, Page, ProgrammePublic
from api._schemas_programmes import (
    ProgrammeEditCreate,
    ProgrammeVersionPublic,
    ReviewCreate,
    SubmissionCreate,
)
from catalog import ProgrammeVersion, current_versions, history

router = APIRouter(tags=["programmes"], responses=ERRORS)
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorPublic, "description": "状态不允许或已被修改 / state conflict"}
}
StateQuery = Annotated[
    str | None, Query(pattern="^(draft|submitted|approved|returned)$", description="状态 / state")
]


def public(v: ProgrammeVersion) -> ProgrammeVersionPublic:
    fields = {k: getattr(v, k) for k in ProgrammeVersionPublic.model_fields if hasattr(v, k)}
    return ProgrammeVersionPublic(**fields, edits=len(v.changes.get("steps", [])))


def author(access: SchoolAccess) -> str:
    return f"{access.principal.role}:{access.principal.id}"


def planner_only(access: SchoolAccess, school_id: str) -> Any:
    """Edits and submissions: the school's own planner, nobody else (the bureau reviews)."""
    school = access.school(school_id)
    if access.principal.role != "planner":
        raise ApiError(403, "forbidden", "仅限本校负责人 / the school's planner only")
    return school


@router.get(
    "/schools/{school_id}/programme",
    response_model=ProgrammePublic,
    summary="当前方案（已保存的版本）/ the school's current programme",
    responses={304: {"description": "未变化 / not modified (If-None-Match)"}},
)
def programme(
    access: Access,
    school_id: str,
    response: Response,
    semester: SemesterQuery = None,
    if_none_match: Annotated[str | None, Header(max_length=200)] = None,
) -> Any:
    """The stored current version (computed and stored as a draft only when none exists); a
    submitted or approved version whose data changed is still served, `stored.stale` true."""
    school = access.school(school_id)
    served = serve(access.state, school, semester, author(access))
    access.audit("programme", school_id, f"semester={semester or ''}")
    if if_none_match == served.etag:
        return Response(status_code=304, headers={"ETag": served.etag})
    response.headers["ETag"] = served.etag
    return served.doc()


@router.get(
    "/schools/{school_id}/programme/versions",
    response_model=list[ProgrammeVersionPublic],
    summary="方案的全部版本 / every version of the programme",
)
def versions(
    access: Access, school_id: str, semester: SemesterQuery = None
) -> list[ProgrammeVersionPublic]:
    access.school(school_id)
    return [public(v) for v in history(access.state.store, school_id, semester or "")]


@router.post(
    "/schools/{school_id}/programme/edits",
    response_model=ProgrammeVersionPublic,
    summary="修改方案（保存为新草稿）/ edit: saved as a new draft version",
    responses=CONFLICT,
)
def create_edit(
    access: Access, school_id: str, body: ProgrammeEditCreate
) -> ProgrammeVersionPublic:
    school = planner_only(access, school_id)
    who = (author(access), body.reason, body.base_version)
    saved = edit(access.state, school, body.semester, body.step(), who)
    access.audit("programme.edit", school_id, f"v{saved.version} {saved.note}")
    return public(saved)


@router.post(
    "/schools/{school_id}/programme/submission",
    response_model=ProgrammeVersionPublic,
    summary="提交备案 / submit for the bureau's approval",
    responses=CONFLICT,
)
def create_submission(
    access: Access, school_id: str, body: SubmissionCreate
) -> ProgrammeVersionPublic:
    school = planner_only(access, school_id)
    saved = transition(access.state, school, body.semester, body.fields(author(access)))
    access.audit("programme.submit", school_id, f"v{saved.version}")
    return public(saved)


@router.post(
    "/schools/{school_id}/programme/review",
    response_model=ProgrammeVersionPublic,
    summary="备案或退回（教育局）/ approve or return (bureau)",
    responses=CONFLICT,
)
def create_review(
    access: Access, who: Bureau, school_id: str, body: ReviewCreate
) -> ProgrammeVersionPublic:
    school = access.school(school_id)
    fields = {
        "action": body.decision,
        "author": author(access),
        "comment": body.comment,
        "after": body.base_version,
    }
    saved = transition(access.state, school, body.semester, fields)
    access.audit(f"programme.{body.decision}", school_id, f"v{saved.version}")
    return public(saved)


@router.get(
    "/programmes",
    response_model=Page[ProgrammeVersionPublic],
    summary="各校方案状态（教育局审核列表）/ every school's current version (review list)",
    description="Without `semester`: the newest batch's semester (else the newest allocation's).",
)
def list_programmes(
    access: Access,
    who: Bureau,
    paging: PagingDep,
    semester: SemesterQuery = None,
    state: StateQuery = None,
) -> Page[ProgrammeVersionPublic]:
    from api._programmes_city import overview_semester

    states = None if state is None else [state]
    chosen = overview_semester(access.state.store, semester)  # default: the newest batch's
    found = current_versions(access.state.store, chosen, states)
    items = [public(v) for v in found.values()]
    return Page(
        items=paging.slice(items), total=len(items), page=paging.page, page_size=paging.page_size
    )
