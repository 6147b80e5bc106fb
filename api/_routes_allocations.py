"""The bureau's allocation of scarce science resources and specialists (bureau only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body

from api._auth import Bureau, StateDep
from api._errors import ApiError
from api._paging import ERRORS
from api._schemas import AllocationCreate, AllocationPublic, ErrorPublic
from api._state import AppState

router = APIRouter(prefix="/allocations", tags=["allocations"], responses=ERRORS)


def run_allocation(
    state: AppState, time_limit: float, semester: str = "", author: str = "api"
) -> dict[str, Any]:
    """`kehou allocate --json`'s document from this app's engine and the semester's surveys
    (every semester's for ""), rotated against the semester before and stored as the
    semester's allocation (the overview reads it)."""
    from api.batch import allocate_semester
    from catalog import save_allocation
    from matcher import schools_of, surveys_by_school
    from matcher.allocation import BureauConfig

    rec = state.engine().recommender()
    config = BureauConfig(time_limit=time_limit, solver=state.config.allocation_solver)
    surveys = surveys_by_school(state.store, semester or None)
    _, doc = allocate_semester(state.store, rec, schools_of(state.store), surveys, semester, config)
    save_allocation(state.store, semester, doc, author)
    return doc


@router.post(
    "",
    response_model=AllocationPublic,
    summary="运行分配（教育局）/ run the allocation",
    responses={409: {"model": ErrorPublic, "description": "无法分配 / cannot allocate"}},
)
def create_allocation(
    state: StateDep, who: Bureau, body: Annotated[AllocationCreate | None, Body()] = None
) -> dict[str, Any]:
    """Solve the allocation for every school now and keep it as the latest result."""
    limit = state.config.allocation_time_limit
    if body is not None and body.time_limit is not None:
        limit = min(body.time_limit, limit)
    semester = (body.semester if body is not None else None) or ""
    try:
        return run_allocation(state, limit, semester, f"bureau:{who.id}")
    except (ValueError, KeyError) as exc:
        raise ApiError(409, "cannot_allocate", f"无法分配 / cannot allocate: {exc}") from exc


@router.get("/latest", response_model=AllocationPublic, summary="最近一次分配 / latest result")
def latest_allocation(state: StateDep, who: Bureau) -> dict[str, Any]:
    from catalog import latest_allocation

    stored = latest_allocation(state.store)
    if stored is None:
        raise ApiError(404, "not_found", "尚未运行分配 / no allocation has been run yet")
    return stored[1]
