"""The bureau's review list: every school's programme state for a semester, and the submitted
ones to approve (备案) or return with a comment. Same flow and audit as the API."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api._errors import ApiError
from api._programmes import transition
from api._programmes_city import overview_semester
from api._routes_schools import SemesterQuery
from api.web._pages import PREFIX, page
from api.web._session import BureauAccess
from catalog import SUBMITTED, current_versions

router = APIRouter(prefix="/bureau/reviews")


@router.get("", response_class=HTMLResponse)
def reviews(request: Request, access: BureauAccess, semester: SemesterQuery = None) -> Response:
    """Submitted programmes first (with their 家委会 and 公示 dates), then every other state."""
    state = access.state
    chosen = overview_semester(state.store, semester)
    found = current_versions(state.store, chosen)
    waiting = [v for v in found.values() if v.state == SUBMITTED]
    others = [v for v in found.values() if v.state != SUBMITTED]
    names = {s.id: s.name for s in access.schools()}
    return page(
        request, "reviews.html.j2", waiting=waiting, others=others, names=names, semester=chosen
    )


@router.post("/{school_id}")
def review(
    access: BureauAccess,
    school_id: str,
    decision: Annotated[str, Form(pattern="^(approve|return)$")],
    comment: Annotated[str, Form(max_length=2000)] = "",
    semester: Annotated[str, Form(max_length=40)] = "",
    version: Annotated[int | None, Form(ge=1)] = None,
) -> Response:
    """Approve or return the submitted version (a return needs a comment)."""
    school = access.school(school_id)
    if decision == "return" and not comment.strip():
        raise ApiError(422, "invalid_request", "退回须写意见 / a return needs a comment")
    fields = {
        "action": decision,
        "author": f"web:bureau:{access.principal.id}",
        "comment": comment,
        "after": version,
    }
    saved = transition(access.state, school, semester or None, fields)
    access.audit(f"programme.{decision}", school_id, f"v{saved.version}")
    query = f"?semester={quote(semester)}" if semester else ""
    return RedirectResponse(f"{PREFIX}/bureau/reviews{query}", status_code=303)
