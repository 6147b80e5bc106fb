"""Sign in and out, and the planner's pages: the stored programme (edits saved as versions,
submission for approval), downloads, survey upload."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError

from api._display import report_date
from api._errors import ApiError
from api._programmes import edit, serve, transition
from api._routes_programmes import planner_only
from api._routes_schools import SemesterQuery, import_school_file
from api._schemas_programmes import ProgrammeEditCreate, SubmissionCreate
from api._uploads import import_doc
from api.web._pages import PREFIX, page
from api.web._programme import planner_view
from api.web._session import COOKIE, WebAccess, is_https, principal_for, web_state
from catalog import Kind, end_session, find_token, start_session
from catalog._store_sessions import SESSION_HOURS

router = APIRouter()
M = TypeVar("M", bound=BaseModel)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    """Signed in: the planner's own school, or the bureau's overview; else the sign-in form."""
    who = principal_for(web_state(request), request.cookies.get(COOKIE))
    if who is None:
        return RedirectResponse(f"{PREFIX}/login", status_code=303)
    target = "/bureau" if who.role == "bureau" else f"/schools/{who.school_id}"
    return RedirectResponse(PREFIX + target, status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    return page(request, "login.html.j2", error=None)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, token: Annotated[str, Form(max_length=200)]) -> Response:
    """A valid token starts a server-side session (the cookie holds its id, not the token);
    an unknown, expired or revoked one shows the form again."""
    state = web_state(request)
    who = find_token(state.store, token.strip())
    if who is None:
        return page(request, "login.html.j2", 401, error="令牌无效 / unknown token")
    session_id = start_session(state.store, who)
    out = RedirectResponse(f"{PREFIX}/", status_code=303)
    out.set_cookie(
        COOKIE,
        session_id,
        httponly=True,
        samesite="strict",
        path=PREFIX,
        secure=is_https(request),
        max_age=int(SESSION_HOURS * 3600),
    )
    return out


@router.post("/logout")
def logout(request: Request) -> Response:
    """End the session on the server (a copied cookie stops working too), then forget it."""
    end_session(web_state(request).store, request.cookies.get(COOKIE))
    out = RedirectResponse(f"{PREFIX}/login", status_code=303)
    out.delete_cookie(
        COOKIE, path=PREFIX, httponly=True, samesite="strict", secure=is_https(request)
    )
    return out


def _author(access: WebAccess) -> str:
    return f"web:{access.principal.role}:{access.principal.id}"


def _valid(model: type[M], data: dict[str, Any]) -> M:
    """A form checked by the API's own body model; a bad one is a 422 page, not a 500."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        reasons = "；".join(str(e["msg"]) for e in exc.errors())
        raise ApiError(422, "invalid_request", reasons) from exc


def _back(school_id: str, semester: str | None, anchor: str = "") -> Response:
    query = f"?semester={quote(semester)}" if semester else ""
    target = f"{PREFIX}/schools/{quote(school_id)}{query}{anchor}"
    return RedirectResponse(target, status_code=303)


@router.get("/schools/{school_id}", response_class=HTMLResponse)
def programme_page(
    request: Request, access: WebAccess, school_id: str, semester: SemesterQuery = None
) -> Response:
    """The stored programme: signature, profile bars, items with reasons and saved edits,
    timetable, costs, its state and every version."""
    school = access.school(school_id)
    view = planner_view(access.state, school, semester, _author(access))
    access.audit("web.programme", school_id, f"v{view.served.version.version}")
    doc = view.doc
    profile = doc["profile"]
    return page(
        request,
        "programme.html.j2",
        school=school,
        p=doc,
        view=view,
        themes=[(t["label"], t["respondents"]) for t in profile["themes"]],
        domains=[(d, round(100 * v, 1)) for d, v in profile["domain_share"].items()],
        q=f"?semester={quote(semester)}" if semester else "",
        semester=semester or "",
        planner=access.principal.role == "planner",
    )


@router.post("/schools/{school_id}/swap")
def swap(
    access: WebAccess,
    school_id: str,
    old: Annotated[str, Form(max_length=64)],
    new: Annotated[str, Form(max_length=64)],
    reason: Annotated[str, Form(max_length=2000)] = "",
    semester: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Save the programme with one more swap as a new draft version (server-side)."""
    school = planner_only(access, school_id)
    body = _valid(ProgrammeEditCreate, {"swap": [[old, new]], "reason": reason})
    saved = edit(
        access.state, school, semester or None, body.step(), (_author(access), reason, None)
    )
    access.audit("programme.edit", school_id, f"v{saved.version} {saved.note}")
    return _back(school_id, semester or None)


@router.post("/schools/{school_id}/submit")
def submit(
    access: WebAccess,
    school_id: str,
    consulted_on: Annotated[date, Form()],
    notice_on: Annotated[date, Form()],
    note: Annotated[str, Form(max_length=2000)] = "",
    semester: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Submit the current version for approval, with the 家委会 and 公示 dates."""
    school = planner_only(access, school_id)
    dates = {"consulted_on": consulted_on, "notice_on": notice_on, "note": note}
    body = _valid(SubmissionCreate, dates)
    saved = transition(access.state, school, semester or None, body.fields(_author(access)))
    access.audit("programme.submit", school_id, f"v{saved.version}")
    return _back(school_id, semester or None, "#state")


@router.get("/schools/{school_id}/report.html", response_class=HTMLResponse)
def report_html(access: WebAccess, school_id: str, semester: SemesterQuery = None) -> Response:
    from api.reports import school_html

    school = access.school(school_id)
    served = serve(access.state, school, semester, _author(access))
    access.audit("web.report", school_id, f"v{served.version.version}")
    name = f"{school_id}-programme.html"
    return HTMLResponse(
        school_html(school, served.doc(), semester or "全部学期", report_date()),
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/schools/{school_id}/report.xlsx")
def report_xlsx(access: WebAccess, school_id: str, semester: SemesterQuery = None) -> Response:
    from api.reports import school_xlsx

    school = access.school(school_id)
    served = serve(access.state, school, semester, _author(access))
    access.audit("web.report", school_id, f"v{served.version.version}")
    return Response(
        school_xlsx(served.doc()),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{school_id}-programme.xlsx"'},
    )


@router.get("/schools/{school_id}/upload", response_class=HTMLResponse)
def upload_form(request: Request, access: WebAccess, school_id: str) -> Response:
    school = access.school(school_id)
    return page(request, "upload.html.j2", school=school, result=None, problems=[], message="")


@router.post("/schools/{school_id}/upload", response_class=HTMLResponse)
def upload(
    request: Request,
    access: WebAccess,
    school_id: str,
    file: Annotated[UploadFile, File()],
    semester: Annotated[str, Form(max_length=40)] = "",
    what: Annotated[Literal["surveys", "rooms"], Form()] = "surveys",
) -> Response:
    """All-or-nothing import of the school's surveys or rooms; a bad file shows every
    row/column problem and changes nothing."""
    school = access.school(school_id)
    try:
        kind = Kind.ROOM if what == "rooms" else Kind.SURVEY
        summary = import_school_file(access, school_id, file, semester, kind, via="web")
    except ApiError as refused:
        return page(
            request,
            "upload.html.j2",
            refused.status,
            school=school,
            result=None,
            message=refused.message,
            problems=refused.problems,
        )
    done = import_doc(summary)
    return page(request, "upload.html.j2", school=school, result=done, message="", problems=[])
