"""Stored programmes of every school at once: what the bureau overview and the batch read.

One source of truth: the overview shows the stored current version of each school (the batch's
draft, a planner's edit, an approved one) and the stored allocation; it computes only the
schools that have nothing stored yet, the way the batch does, and stores those as drafts.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any

from catalog import (
    NewVersion,
    School,
    Store,
    SurveyResponse,
    TransitionError,
    add_version,
    batch_semester,
    current_versions,
    latest_allocation,
    school_inputs,
)

if TYPE_CHECKING:
    from api._state import AppState


def overview_semester(store: Store, asked: str | None) -> str:
    """The semester asked for; else the newest batch's; else the newest allocation's; else ""."""
    if asked is not None:
        return asked
    found = batch_semester(store)
    if found is not None:
        return found
    allocation = latest_allocation(store)
    return "" if allocation is None else allocation[0]


def stored_programmes(
    state: AppState, schools: list[School], semester: str, author: str
) -> dict[str, dict[str, Any]]:
    """Every school's stored current programme JSON. Missing ones are computed in id order
    with the stored ones counted before them (district signatures, specialists' loads), as
    the batch does, from their own survey rows only, and stored as drafts."""
    stored = {k: v.doc for k, v in current_versions(state.store, semester).items()}
    if all(s.id in stored for s in schools):
        return {s.id: stored[s.id] for s in schools}
    from matcher import ProgrammeSequence

    engine = state.engine()
    rec = engine.recommender()
    seq = ProgrammeSequence(set(rec.catalogue.specialists))
    for school in sorted(schools, key=lambda s: s.id):
        if school.id in stored:
            seq.record(school, stored[school.id])
            continue
        rows = [
            r
            for r in state.store.surveys(school.id, semester or None)
            if isinstance(r, SurveyResponse)
        ]
        doc = seq.compute(rec, school, rows)
        inputs = {
            **school_inputs(state.store, school.id, semester or None),
            "catalogue": engine.fingerprint,
        }
        new = NewVersion("computed", author, doc, inputs, {"steps": []}, "首次计算 / computed")
        with suppress(TransitionError):  # stored meanwhile by another request: shown next time
            add_version(state.store, school.id, semester, new)
            stored[school.id] = doc
    return {s.id: stored[s.id] for s in schools if s.id in stored}
