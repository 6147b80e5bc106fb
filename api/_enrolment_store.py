"""After 选课: the school's stored programme with enrolled class sizes, as a new version.

The enrolled counts replace the estimates (`matcher.apply_enrolment`) on the programme the
current version was computed from (its edit steps replayed). When sections or class sizes
change, the result is stored as a new version (action `enrolment`, the reason naming each
changed meeting). An approved programme is never changed in place: the enrolled one is a new
draft derived from it, to submit again. Nothing is stored when nothing changed, while the
bureau is reviewing (submitted), or when the stored version no longer matches the data.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from api._display import label_programme
from api._errors import ApiError
from api._programmes import compute, inputs_now, semester_key
from catalog import APPROVED, SUBMITTED, NewVersion, School, TransitionError, add_version
from catalog import current_version as stored_version

if TYPE_CHECKING:
    from api._state import AppState
    from matcher import EnrolledSection, Programme


def stored_rows(state: AppState, school: School, semester: str | None) -> list[dict[str, Any]]:
    """What students enrol into: the stored programme's sections before any enrolment, or [].

    An enrolled version has closed the sections nobody chose; the same choices uploaded again
    must meet the same offer (and so the same placement, and nothing stored), so its offer is
    the programme it was derived from, recomputed with the planner's edit steps."""
    from matcher import programme_json

    current = stored_version(state.store, school.id, semester_key(semester))
    if current is None:
        return []
    if not current.changes.get("enrolment"):
        return list(current.doc.get("timetable", []))
    plan, _ = compute(state, school, semester, list(current.changes.get("steps", [])))
    return list(label_programme(programme_json(plan))["timetable"])


def with_enrolment(plan: Programme, changes: dict[str, Any]) -> Programme:
    """Replay a stored enrolment on a recomputed plan (a draft whose data changed)."""
    from matcher import apply_enrolment, enrolled_counts

    counts = changes.get("enrolment")
    return plan if not counts else apply_enrolment(plan, enrolled_counts(counts))


def store_enrolled(
    state: AppState,
    school: School,
    semester: str | None,
    counts: tuple[EnrolledSection, ...],
    author: str,
) -> dict[str, Any]:
    """Store the enrolled programme when it differs; say what happened either way."""
    from matcher import apply_enrolment, changed_sections, programme_json

    key = semester_key(semester)
    current = stored_version(state.store, school.id, key)
    if current is None:
        return _not("没有已保存的方案 / no stored programme for this school and semester")
    head = {"version": current.version, "state": current.state}
    if current.state == SUBMITTED:
        return _not("方案正在审核，选课结果未写入 / under the bureau's review: not stored", head)
    if current.inputs != inputs_now(state, school.id, semester):
        return _not("数据已在方案保存后变化，请先刷新方案 / the data changed since: reload", head)
    steps = list(current.changes.get("steps", []))
    plan, now = compute(state, school, semester, steps)
    doc = label_programme(programme_json(apply_enrolment(plan, counts)))
    reason = changed_sections(current.doc.get("timetable", []), doc["timetable"])
    if not reason:
        return _not("选课未改变班级 / enrolment changed no section", head)
    note = "选课结果 / enrolled class sizes"
    if current.state == APPROVED:
        v = current.version
        note = f"选课改变了已备案的第{v}版，存为新草稿，需重新提交 / enrolment changed approved "
        note += f"version {v}: a new draft to submit again"
    changes = {"steps": steps, "enrolment": [asdict(c) for c in counts]}
    new = NewVersion("enrolment", author, doc, now, changes, note=note, reason=reason)
    try:
        saved = add_version(state.store, school.id, key, new, after=current.version)
    except TransitionError as exc:
        raise ApiError(409, "conflict", str(exc)) from exc
    return {"stored": True, "version": saved.version, "state": saved.state,
            "derived_from": current.version, "reason": reason, "note": note}  # fmt: skip


def _not(note: str, head: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"stored": False, "version": None, "state": None, **(head or {}), "note": note}
