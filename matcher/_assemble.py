"""The tail every plan shares: chosen items -> timetable, kept items, domains covered, costs.

The recommender and `replan` both end here, so a planner's edit and a fresh recommendation
can never drift apart (the web page once rebuilt this tail with default settings).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from catalog import Domain, FeeCaps, School
from matcher._plan import PlanConfig, build_timetable, semester_costs
from matcher._types import Costs, ScoredItem, TimetableEntry


@dataclass(frozen=True)
class PlanParts:
    """The parts of a Programme that follow from the chosen items."""

    items: tuple[ScoredItem, ...]
    timetable: tuple[TimetableEntry, ...]
    domains_covered: tuple[str, ...]
    costs: Costs
    warnings: tuple[str, ...]


def assemble(
    chosen: Sequence[ScoredItem], school: School, caps: FeeCaps, plan: PlanConfig
) -> PlanParts:
    """Timetable the chosen items; an item that cannot be placed leaves (with a warning)."""
    timetable, warnings = build_timetable(chosen, school, caps, plan)
    placed = {e.item_id for e in timetable}
    kept = tuple(i for i in chosen if i.id in placed)
    covered = tuple(d.value for d in Domain if any(d.value in i.domains for i in kept))
    return PlanParts(
        items=kept,
        timetable=tuple(timetable),
        domains_covered=covered,
        costs=semester_costs(timetable, kept, school, plan),
        warnings=tuple(warnings),
    )
