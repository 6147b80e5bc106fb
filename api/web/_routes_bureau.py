"""The bureau's pages: every school's signature, fees and subsidy by district, the allocation
with its fairness figures, and the catalogue items the rules flag."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api._errors import ApiError
from api._routes_allocations import run_allocation
from api._state import AppState
from api.web._pages import PREFIX, page
from api.web._session import BureauAccess
from catalog import School

router = APIRouter(prefix="/bureau")


def _programmes(state: AppState, schools: list[School], semester: str) -> dict[str, Any]:
    """Every school's stored current programme for the semester (the batch's, a planner's
    edited or approved one); schools with none yet are computed once, as the batch computes
    them (district signatures and specialists' loads carried), and stored as drafts."""
    from api._programmes_city import stored_programmes

    return stored_programmes(state, schools, semester, author="web:bureau")


def _schools(state: AppState) -> list[School]:
    from matcher import schools_of

    return schools_of(state.store)


@router.get("", response_class=HTMLResponse)
def overview(request: Request, access: BureauAccess, semester: str | None = None) -> Response:
    """All schools with their signatures; fees and subsidy by district; the latest allocation:
    activities per 1,000 students by district and area, and which resource goes where when."""
    from api._programmes_city import overview_semester
    from api.reports import resource_records, summary_data
    from catalog import latest_allocation

    state = access.state
    schools = _schools(state)
    semester = overview_semester(state.store, semester)
    stored = latest_allocation(state.store, semester)
    allocation = None if stored is None else stored[1]
    resources = resource_records(state.store)
    data = summary_data(schools, _programmes(state, schools, semester), allocation or {}, resources)
    top = max((d["subsidy_needed"] for d in data["districts"]), default=0.0) or 1.0
    return page(
        request,
        "bureau.html.j2",
        data=data,
        allocation=allocation,
        tiles=district_tiles(schools, data["districts"]),
        top_subsidy=top,
        top_rate=max((d["per_1000"] for d in data["districts"] + data["areas"]), default=0) or 1,
        semester=semester,
    )


def district_tiles(schools: list[School], districts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A map-like view: districts in their compass order (by the rank of their schools' mean
    longitude and latitude, so city districts do not pile up), shaded by subsidy per participant."""
    where: dict[str, list[tuple[float, float]]] = {}
    for s in schools:
        where.setdefault(s.district, []).append((s.lat, s.lon))
    centre = {
        d: (sum(p[0] for p in v) / len(v), sum(p[1] for p in v) / len(v)) for d, v in where.items()
    }
    west_east = sorted(centre, key=lambda d: (centre[d][1], d))
    north_south = sorted(centre, key=lambda d: (-centre[d][0], d))
    step = 1 / max(1, len(centre) - 1)
    need = {d["district"]: d["subsidy_needed"] / max(1, d["participants"]) for d in districts}
    most = max(need.values(), default=0.0) or 1.0
    return [
        {
            "district": d,
            "x": round(8 + 80 * step * west_east.index(d), 1),
            "y": round(8 + 80 * step * north_south.index(d), 1),
            "per_student": round(need.get(d, 0.0), 2),
            "shade": round(0.25 + 0.75 * need.get(d, 0.0) / most, 2),
        }
        for d in sorted(centre)
    ]


@router.post("/allocate")
def allocate(access: BureauAccess) -> Response:
    """Solve the allocation now (the API's solver and limits) and store it for the semester."""
    from api._programmes_city import overview_semester

    state = access.state
    semester = overview_semester(state.store, None)
    try:
        run_allocation(state, state.config.allocation_time_limit, semester, "web:bureau")
    except (ValueError, KeyError) as exc:
        raise ApiError(409, "cannot_allocate", f"无法分配 / cannot allocate: {exc}") from exc
    return RedirectResponse(f"{PREFIX}/bureau#allocation", status_code=303)


@router.get("/catalogue", response_class=HTMLResponse)
def flagged(request: Request, access: BureauAccess) -> Response:
    """Catalogue items that break a rule (学科类 suspicion, fee over cap, unverified...)."""
    from matcher import item_level_violations

    state = access.state
    catalogue = state.engine().catalogue
    found = item_level_violations(catalogue, state.settings)
    rows = [
        {
            "id": catalogue.by_key[key].id,
            "kind": catalogue.by_key[key].kind.value,
            "title": catalogue.by_key[key].title,
            "rules": [(str(v.rule.value), v.reason) for v in violations],
        }
        for key, violations in sorted(found.items())
    ]
    return page(request, "catalogue.html.j2", rows=rows, total=len(catalogue.items))
