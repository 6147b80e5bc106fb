"""选课 over HTTP: a planner uploads its students' choices and gets the placement back.

The school's programme is the one `GET /schools/{id}/programme` serves; the choices file is
read all-or-nothing (422 with every problem's row and column). Choices and rosters are never
stored, so the database never sees a student code; only the enrolled counts per section reach
the stored programme (a new version, `api._enrolment_store`). A planner reaches its own
school only (403 otherwise).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel, ConfigDict

from api._access import Access
from api._errors import ApiError
from api._paging import ERRORS, UPLOAD_ERRORS
from api._routes_programmes import author
from api._uploads import saved
from catalog import ImportFailed
from matcher.enrolment import DEFAULT_MECHANISM, MECHANISMS, EnrolConfig, OptimalSolveError

router = APIRouter(prefix="/schools", tags=["enrolment"], responses=ERRORS)


class EnrolmentPublic(BaseModel):
    """Same shape as `kehou enrol --json` (school_id, mechanism, seed, assignments, unplaced)."""

    model_config = ConfigDict(extra="allow")

    school_id: str
    mechanism: str
    seed: int
    assignments: list[dict[str, Any]]
    unplaced: list[dict[str, Any]]
    stats: dict[str, Any]


def enrol_upload(
    access: Any,
    school_id: str,
    file: UploadFile,
    cfg: EnrolConfig,
    semester: str | None,
    save: bool = False,
) -> dict[str, Any]:
    """Programme → offerings → the uploaded choices → placement (shared by API and web page);
    with `save`, the enrolled programme is stored as a new version when its sections changed."""
    from dataclasses import replace

    from api._enrolment import offerings_for, run_enrolment
    from api._enrolment_store import store_enrolled, stored_rows
    from catalog import SurveyResponse
    from matcher import enrolled_counts, programme_json

    school = access.school(school_id)
    state = access.state
    if cfg.mechanism not in MECHANISMS:
        known = ", ".join(sorted(MECHANISMS))
        raise ApiError(422, "bad_request", f"没有这种选课机制 / unknown mechanism ({known})")
    timetable = stored_rows(state, school, semester)  # the stored programme, when one is
    if not timetable:
        rows = [
            r for r in state.store.surveys(school_id, semester) if isinstance(r, SurveyResponse)
        ]
        with state.lock:
            plan = state.engine().recommender().programme(school, rows, semester=semester)
        timetable = programme_json(plan)["timetable"]
    offerings = offerings_for(state.store, timetable)
    with saved([file], state.settings.max_upload_bytes, "choices.csv") as paths:
        try:
            _, doc = run_enrolment(offerings, paths[0], school_id, state.settings, cfg)
        except ImportFailed as failed:
            problems = [replace(p, file=file.filename or "choices.csv") for p in failed.problems]
            message = f"选课文件被拒绝 / choices refused: {len(problems)} problem(s)"
            raise ApiError(422, "import_failed", message, problems) from failed
        except OptimalSolveError as exc:
            raise ApiError(503, "solver", str(exc)) from exc
    access.audit("enrolment", school_id, f"mechanism={cfg.mechanism} seed={cfg.seed}")
    if save:
        counts = enrolled_counts(doc["sections"])
        doc["programme"] = store_enrolled(state, school, semester, counts, author(access))
    return doc


@router.post(
    "/{school_id}/enrolment",
    response_model=EnrolmentPublic,
    summary="选课：上传学生志愿，分班 / place students from their ranked choices",
    responses=UPLOAD_ERRORS,
)
def enrolment(
    access: Access,
    school_id: str,
    file: Annotated[UploadFile, File(description="选课 CSV/XLSX 或问卷星导出 / choices")],
    mechanism: Annotated[str, Form(max_length=20)] = DEFAULT_MECHANISM,
    seed: Annotated[int | None, Form()] = None,
    per_week: Annotated[int, Form(ge=1, le=10)] = 2,
    min_choices: Annotated[int, Form(ge=1, le=20)] = 3,
    semester: Annotated[str, Form(max_length=40)] = "",
    save: Annotated[bool, Form()] = True,
) -> dict[str, Any]:
    """Same JSON as `kehou enrol --json`, on the school's stored programme (else the
    recommended one); `programme` says whether the enrolled programme was stored as a new
    version (only when the stored one exists and its sections or class sizes changed)."""
    access.school(school_id)
    settings = access.state.settings
    cfg = EnrolConfig.for_settings(settings, mechanism, seed, per_week, min_choices)
    return enrol_upload(access, school_id, file, cfg, semester or None, save)
