"""Stored programmes of every school at once: what the bureau overview and the batch read.

One source of truth: the overview shows the stored current version of each school (the batch's
draft, a planner's edit, an approved one) and the stored allocation; it computes only the
schools that have nothing stored yet, the way the batch does, and stores those as drafts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from catalog import (
    NewVersion,
    School,
    Store,
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
    """Every school's stored current programme JSON; the missing ones computed and stored."""
    stored = {k: v.doc for k, v in current_versions(state.store, semester).items()}
    missing = [s for s in schools if s.id not in stored]
    if missing:
        from matcher import recommend_all, surveys_by_school

        engine = state.engine()
        surveys = surveys_by_school(state.store, semester or None)
        computed = recommend_all(engine.recommender(), schools, surveys)
        for school in missing:
            inputs = {
                **school_inputs(state.store, school.id, semester or None),
                "catalogue": engine.fingerprint,
            }
            doc = computed[school.id]
            new = NewVersion("computed", author, doc, inputs, {"steps": []}, "首次计算 / computed")
            try:
                add_version(state.store, school.id, semester, new, after=None)
            except TransitionError:
                continue  # stored meanwhile by another request; the next read shows it
            stored[school.id] = doc
    return {s.id: stored[s.id] for s in schools if s.id in stored}
