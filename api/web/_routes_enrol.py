"""The planner's 选课 page: upload the students' choices, see the placement and its figures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from api._errors import ApiError
from api._routes_enrolment import enrol_upload
from api.web._pages import page
from api.web._session import WebAccess
from matcher.enrolment import DEFAULT_MECHANISM, MECHANISMS, EnrolConfig

router = APIRouter()


def _form(request: Request, school: object, code: int = 200, **values: object) -> Response:
    values = {"doc": None, "problems": [], "message": "", "mechanism": DEFAULT_MECHANISM} | values
    return page(
        request, "enrol.html.j2", code, school=school, mechanisms=sorted(MECHANISMS), **values
    )


@router.get("/schools/{school_id}/enrolment", response_class=HTMLResponse)
def enrol_form(request: Request, access: WebAccess, school_id: str) -> Response:
    return _form(request, access.school(school_id), seed=access.state.settings.seed)


@router.post("/schools/{school_id}/enrolment", response_class=HTMLResponse)
def enrol_run(
    request: Request,
    access: WebAccess,
    school_id: str,
    file: Annotated[UploadFile, File()],
    mechanism: Annotated[str, Form(max_length=20)] = DEFAULT_MECHANISM,
    seed: Annotated[int | None, Form()] = None,
    min_choices: Annotated[int, Form(ge=1, le=20)] = 3,
) -> Response:
    """A bad file shows every row/column problem; a good one the rosters, unplaced, figures.

    The config is the CLI's and the API's (`EnrolConfig.for_settings`): same cap, same seed."""
    school = access.school(school_id)
    cfg = EnrolConfig.for_settings(access.state.settings, mechanism, seed, min_choices=min_choices)
    try:
        doc = enrol_upload(access, school_id, file, cfg, None)
    except ApiError as refused:
        return _form(
            request,
            school,
            refused.status,
            problems=refused.problems,
            message=refused.message,
            mechanism=mechanism,
            seed=cfg.seed,
        )
    return _form(request, school, doc=doc, mechanism=mechanism, seed=cfg.seed)
