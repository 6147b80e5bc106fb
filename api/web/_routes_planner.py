"""Sign in and out, and the planner's pages: programme (with swaps), downloads, survey upload."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api._errors import ApiError
from api._routes_schools import import_school_surveys
from api._uploads import import_doc
from api.web._programme import format_swaps, parse_swaps, planner_view
from api.web._session import COOKIE, WebAccess, is_https, principal_for, web_state
from api.web._site import PREFIX, page
from catalog import SurveyResponse, end_session, find_token, start_session
from catalog._store_sessions import SESSION_HOURS

router = APIRouter()
SwapsQuery = Annotated[str, Query(max_length=2000)]


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


def _rows(access: WebAccess, school_id: str) -> list[SurveyResponse]:
    from matcher import surveys_by_school

    return surveys_by_school(access.state.store).get(school_id, [])


@router.get("/schools/{school_id}", response_class=HTMLResponse)
def programme_page(
    request: Request, access: WebAccess, school_id: str, swaps: SwapsQuery = ""
) -> Response:
    """Signature and alternatives, profile bars, items with reasons and swaps, timetable, costs."""
    school = access.school(school_id)
    view = planner_view(access.state, school, _rows(access, school_id), parse_swaps(swaps))
    access.audit("web.programme", school_id, f"swaps={view.swaps_text}")
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
        q=f"?swaps={quote(view.swaps_text)}" if view.swaps else "",
    )


@router.post("/schools/{school_id}/swap")
def swap(
    access: WebAccess,
    school_id: str,
    old: Annotated[str, Form(max_length=64)],
    new: Annotated[str, Form(max_length=64)],
    swaps: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Add one swap to the list and show the programme with its figures rebuilt."""
    access.school(school_id)
    pairs = (*parse_swaps(swaps), *parse_swaps(f"{old}~{new}"))
    target = f"{PREFIX}/schools/{quote(school_id)}?swaps={quote(format_swaps(pairs))}"
    return RedirectResponse(target, status_code=303)


@router.get("/schools/{school_id}/report.html", response_class=HTMLResponse)
def report_html(access: WebAccess, school_id: str, swaps: SwapsQuery = "") -> Response:
    from api.reports import school_html

    school = access.school(school_id)
    view = planner_view(access.state, school, _rows(access, school_id), parse_swaps(swaps))
    access.audit("web.report", school_id, f"swaps={view.swaps_text}")
    name = f"{school_id}-programme.html"
    return HTMLResponse(
        school_html(school, view.doc, "全部学期"),
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/schools/{school_id}/report.xlsx")
def report_xlsx(access: WebAccess, school_id: str, swaps: SwapsQuery = "") -> Response:
    from api.reports import school_xlsx

    school = access.school(school_id)
    view = planner_view(access.state, school, _rows(access, school_id), parse_swaps(swaps))
    access.audit("web.report", school_id, f"swaps={view.swaps_text}")
    return Response(
        school_xlsx(view.doc),
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
) -> Response:
    """All-or-nothing import; a bad file shows every row/column problem and changes nothing."""
    school = access.school(school_id)
    try:
        summary = import_school_surveys(access, school_id, file, semester, via="web")
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
