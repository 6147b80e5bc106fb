"""A planner's programme page: the stored current version, each item's alternatives, the
version history, and the planner's edits saved server-side as new versions (no swaps in URLs).

The alternatives come from the programme's own eligible pool (the same `matcher.replan` the API
uses checks every edit), so the page offers only edits that can apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from api._programmes import Served, compute, serve
from api._state import AppState
from catalog import LOCKED, ProgrammeVersion, School, history

if TYPE_CHECKING:
    from matcher import ScoredItem


@dataclass(frozen=True)
class PlannerView:
    """What the programme page shows: the stored plan as JSON, alternatives, its history."""

    doc: dict[str, Any]
    alternatives: dict[str, tuple[ScoredItem, ...]]
    served: Served
    versions: tuple[ProgrammeVersion, ...]

    @property
    def editable(self) -> bool:
        return self.served.version.state not in LOCKED


def alternatives_for(
    items: tuple[ScoredItem, ...], pool: list[ScoredItem], per_item: int = 3
) -> dict[str, tuple[ScoredItem, ...]]:
    """For each chosen item, the best eligible items not in the plan that share a domain."""
    taken = {i.id for i in items}
    free = [i for i in pool if i.id not in taken]
    return {
        item.id: tuple([o for o in free if set(o.domains) & set(item.domains)][:per_item])
        for item in items
    }


def planner_view(
    state: AppState, school: School, semester: str | None = None, author: str = "web"
) -> PlannerView:
    """The stored current programme; alternatives only while it can still be edited."""
    served = serve(state, school, semester, author)
    alternatives: dict[str, tuple[ScoredItem, ...]] = {}
    if served.version.state not in LOCKED:
        plan, _ = compute(state, school, semester, list(served.version.changes.get("steps", [])))
        pool = list(plan.context.candidates) if plan.context is not None else []
        alternatives = alternatives_for(plan.items, pool)
    versions = tuple(history(state.store, school.id, served.version.semester))
    return PlannerView(served.doc(), alternatives, served, versions)
