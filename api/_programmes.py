"""Stored programmes: serve the current version, compute only when none exists, save edits,
submit, approve or return. The API, the web page and the batch all go through here.

A version keeps the planner's edits as steps (`{"steps": [{"swap", "remove", "add"}]}`), so a
draft whose data changed is recomputed with the same edits, while a submitted or approved
version is never rewritten: it is served as it is, flagged with what changed since.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from api._display import label_programme
from api._errors import ApiError
from catalog import (
    LOCKED,
    NewVersion,
    ProgrammeVersion,
    School,
    SurveyResponse,
    TransitionError,
    add_version,
    current_version,
    school_inputs,
)

if TYPE_CHECKING:
    from api._state import AppState
    from matcher import Changes, Programme

_PLANS = 64  # base programmes kept in memory per app (edits replan from them)


class PlanCache:
    """The last computed base programmes, keyed by school, semester and inputs. Thread-safe."""

    def __init__(self, size: int = _PLANS) -> None:
        self._plans: OrderedDict[str, Programme] = OrderedDict()
        self._lock = threading.Lock()
        self.size = size

    def get(self, key: str) -> Programme | None:
        with self._lock:
            plan = self._plans.get(key)
            if plan is not None:
                self._plans.move_to_end(key)
            return plan

    def put(self, key: str, plan: Programme) -> None:
        with self._lock:
            self._plans[key] = plan
            while len(self._plans) > self.size:
                self._plans.popitem(last=False)


@dataclass(frozen=True)
class Served:
    """A stored version as served: stale when its inputs differ from the data now."""

    version: ProgrammeVersion
    changed_since: dict[str, Any]
    etag: str

    def doc(self) -> dict[str, Any]:
        """The programme JSON plus a `stored` block (version, state, dates, what changed)."""
        v = self.version
        stored = {
            "version": v.version,
            "state": v.state,
            "action": v.action,
            "author": v.author,
            "at": v.at.isoformat(timespec="seconds"),
            "reason": v.reason,
            "comment": v.comment,
            "consulted_on": v.consulted_on,
            "notice_on": v.notice_on,
            "stale": bool(self.changed_since),
            "changed_since": self.changed_since,
        }
        return {**v.doc, "semester": v.semester or None, "stored": stored}


def semester_key(semester: str | None) -> str:
    """Stored programmes of "every semester's surveys" live under the empty key."""
    return semester or ""


def inputs_now(state: AppState, school_id: str, semester: str | None) -> dict[str, Any]:
    """The school's own inputs (indexed query), the catalogue's fingerprint and, where an
    earlier semester has a programme, which one this semester starts from."""
    now = {
        **school_inputs(state.store, school_id, semester),
        "catalogue": state.engine().fingerprint,
    }
    last = previous_of(state, school_id, semester)
    if last is not None:
        raw = json.dumps(last, sort_keys=True, ensure_ascii=False, default=str).encode()
        now["previous"] = f"{last['semester']}:{hashlib.sha256(raw).hexdigest()[:16]}"
    return now


def previous_of(state: AppState, school_id: str, semester: str | None) -> dict[str, Any] | None:
    """The school's programme of an earlier semester to start from (newest approved, else
    newest stored), with its `semester`; None for the first semester or no semester."""
    from api.batch import previous_programmes

    last = previous_programmes(state.store, semester, [school_id]).get(school_id)
    return None if last is None else {**last[1], "semester": last[0]}


def changed(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What differs between two input records, as a reader would say it."""
    out: dict[str, Any] = {}
    if old.get("surveys_hash") != new.get("surveys_hash"):
        out["surveys"] = {"before": old.get("surveys"), "now": new.get("surveys")}
    if old.get("school") != new.get("school"):
        out["school"] = "学校信息已更新 / the school's record changed"
    if old.get("catalogue") != new.get("catalogue"):
        out["catalogue"] = "目录已更新 / the catalogue changed"
    if old.get("previous") != new.get("previous"):
        out["previous"] = "上学期方案已更新 / last semester's programme changed"
    return out


def compute(
    state: AppState, school: School, semester: str | None, steps: list[dict[str, Any]]
) -> tuple[Programme, dict[str, Any]]:
    """The base programme (cached per inputs) with the planner's edit steps replanned on it."""
    inputs = inputs_now(state, school.id, semester)
    key = json.dumps([school.id, semester_key(semester), inputs], sort_keys=True)
    base = state.plans.get(key)
    if base is None:
        from matcher import Previous

        rows = [
            r for r in state.store.surveys(school.id, semester) if isinstance(r, SurveyResponse)
        ]
        last = previous_of(state, school.id, semester) if "previous" in inputs else None
        previous = None if last is None else Previous.from_json(last)
        rec = state.engine().recommender()
        base = rec.programme(school, rows, semester=semester, previous=previous)
        state.plans.put(key, base)
    return apply_steps(base, steps), inputs


def apply_steps(base: Programme, steps: list[dict[str, Any]]) -> Programme:
    """Each saved edit in order through `matcher.replan` (422 when one no longer applies)."""
    from matcher import ReplanError, replan

    plan = base
    for step in steps:
        try:
            plan = replan(plan, to_changes(step))
        except ReplanError as exc:
            raise ApiError(422, "invalid_edit", str(exc)) from exc
    return plan


def to_changes(step: dict[str, Any]) -> Changes:
    from matcher import Changes

    return Changes(
        swap=tuple((str(a), str(b)) for a, b in step.get("swap", [])),
        remove=tuple(str(x) for x in step.get("remove", [])),
        add=tuple(str(x) for x in step.get("add", [])),
    )


def describe(step: dict[str, Any]) -> str:
    """What one edit changed, in words: 替换 A→B；移除 C；加入 D."""
    parts = [f"替换 {a}→{b}" for a, b in step.get("swap", [])]
    parts += [f"移除 {x}" for x in step.get("remove", [])]
    parts += [f"加入 {x}" for x in step.get("add", [])]
    return "；".join(parts)


def serve(state: AppState, school: School, semester: str | None, author: str) -> Served:
    """The stored current version; computed and stored as a draft only when none exists, or
    recomputed (edits kept) when a draft's data changed. Submitted/approved: never rewritten."""
    from matcher import programme_json

    key = semester_key(semester)
    current = current_version(state.store, school.id, key)
    now = inputs_now(state, school.id, semester)
    if current is not None and (current.inputs == now or current.state in LOCKED):
        return _served(current, now)
    steps = [] if current is None else list(current.changes.get("steps", []))
    try:
        plan, now = compute(state, school, semester, steps)
    except ApiError:  # an edit that no longer applies on the new data: start from the plan
        plan, now = compute(state, school, semester, [])
        steps = []
    note = "首次计算 / computed" if current is None else "数据已更新，重新计算 / data changed"
    kept = _enrolment_of(current)
    if kept:  # a 选课 result stays on the recomputed draft (same counts, new estimates)
        from api._enrolment_store import with_enrolment

        plan = with_enrolment(plan, kept)
    new = NewVersion(
        "computed", author, label_programme(programme_json(plan)), now, {"steps": steps, **kept},
        note=note,
    )  # fmt: skip
    try:
        stored = add_version(state.store, school.id, key, new, after=_after(current))
    except TransitionError:  # another request stored it first: serve theirs
        latest = current_version(state.store, school.id, key) or current
        assert latest is not None
        stored = latest
    return _served(stored, now)


def _enrolment_of(current: ProgrammeVersion | None) -> dict[str, Any]:
    counts = None if current is None else current.changes.get("enrolment")
    return {"enrolment": counts} if counts else {}


def _after(current: ProgrammeVersion | None) -> int | None:
    return None if current is None else current.version


def _served(version: ProgrammeVersion, now: dict[str, Any]) -> Served:
    since = changed(version.inputs, now) if version.inputs != now else {}
    raw = json.dumps([version.id, now], sort_keys=True).encode()
    return Served(version, since, '"' + hashlib.sha256(raw).hexdigest()[:24] + '"')


def edit(
    state: AppState,
    school: School,
    semester: str | None,
    step: dict[str, Any],
    who: tuple[str, str, int | None],
) -> ProgrammeVersion:
    """Save the programme after one more edit step as a new draft version."""
    from matcher import programme_json

    author, reason, after = who
    current = serve(state, school, semester, author).version
    if current.state in LOCKED:
        raise ApiError(
            409,
            "conflict",
            f"方案已{current.state}，不能修改 / cannot edit a {current.state} programme",
        )
    steps = [*current.changes.get("steps", []), step]
    plan, now = compute(state, school, semester, steps)
    kept = _enrolment_of(current)
    if kept:  # the counts of a 选课 stay on the edited plan (a new course has none yet)
        from api._enrolment_store import with_enrolment

        plan = with_enrolment(plan, kept)
    note = describe(step)
    doc = label_programme(programme_json(plan))
    new = NewVersion("edit", author, doc, now, {"steps": steps, **kept}, note, reason)
    return _write(state, school.id, semester, new, after if after is not None else current.version)


def transition(
    state: AppState, school: School, semester: str | None, new_fields: dict[str, Any]
) -> ProgrammeVersion:
    """Submit, approve or return: a new version with the same programme and the new state."""
    author = str(new_fields["author"])
    current = serve(state, school, semester, author).version
    after = new_fields.pop("after", None)
    new = NewVersion(doc=current.doc, inputs=current.inputs, changes=current.changes, **new_fields)
    return _write(state, school.id, semester, new, after if after is not None else current.version)


def _write(
    state: AppState, school_id: str, semester: str | None, new: NewVersion, after: int
) -> ProgrammeVersion:
    try:
        return add_version(state.store, school_id, semester_key(semester), new, after=after)
    except TransitionError as exc:
        raise ApiError(409, "conflict", str(exc)) from exc
