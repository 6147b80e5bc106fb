"""The tail every plan shares: chosen items -> staffing, the week's timetable, costs.

The recommender and `replan` both end here, so a planner's edit and a fresh recommendation
can never drift apart (the web page once rebuilt this tail with default settings). The week is
one CP-SAT model per school (`_timetable.plan_week`); the money follows from its rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from catalog import Domain, FeeCaps, School
from matcher._costs import MoneyConfig, semester_costs
from matcher._plan import PlanConfig
from matcher._staffing import without_duplicate_people
from matcher._timetable import plan_week
from matcher._tt_inputs import WEEKDAYS, SchoolTimetable, period_minutes
from matcher._types import Costs, ScoredItem, SignatureChoice, TimetableEntry, UnmetDemand


@dataclass(frozen=True)
class PlanParts:
    """The parts of a Programme that follow from the chosen items."""

    items: tuple[ScoredItem, ...]
    timetable: tuple[TimetableEntry, ...]
    domains_covered: tuple[str, ...]
    costs: Costs
    warnings: tuple[str, ...]
    unmet: tuple[UnmetDemand, ...] = ()


def money_of(plan: PlanConfig, caps: FeeCaps) -> MoneyConfig:
    return MoneyConfig(
        weeks=plan.weeks_per_semester,
        fee_per_period=min(plan.fee_per_period, caps.yuan_per_session_hour),
        stipend_per_period=plan.teacher_stipend_per_session,
        equipment_share=plan.equipment_share,
    )


def assemble(
    chosen: Sequence[ScoredItem],
    school: School,
    caps: FeeCaps,
    plan: PlanConfig,
    profile: Any = None,
    inputs: SchoolTimetable | None = None,
) -> PlanParts:
    """Staff, timetable and cost the chosen items; an item that cannot be placed leaves, with
    a warning naming the constraint that binds."""
    items, warnings = without_duplicate_people(chosen)
    respondents = getattr(profile, "respondents", 0) or 0
    days = getattr(profile, "preferred_days", None) or {}
    week = plan_week(school, items, inputs, plan.timetable, respondents, days)
    kept = tuple(i for i in items if i.id in week.placed)
    covered = tuple(d.value for d in Domain if any(d.value in i.domains for i in kept))
    staying = {
        d: sum(week.problem.stay.get((b.name, d), 0) for b in week.problem.bands) for d in WEEKDAYS
    }
    periods = 1 + plan.timetable.activity_periods
    costs = semester_costs(
        week.rows, kept, school, staying, periods, period_minutes(school, plan.timetable), caps,
        money_of(plan, caps),
    )  # fmt: skip
    return PlanParts(
        items=kept,
        timetable=week.rows,
        domains_covered=covered,
        costs=costs,
        warnings=(*warnings, *week.warnings),
        unmet=week.unmet,
    )


def placed_signature(
    ranked: Sequence[SignatureChoice], kept: Sequence[ScoredItem]
) -> SignatureChoice | None:
    """The first ranked signature with items on the timetable, cut to those items (a room that
    is full every afternoon can leave one of its items out)."""
    ids = {i.id for i in kept}
    for choice in ranked:
        on = tuple(i for i in choice.item_ids if i in ids)
        if on:
            return replace(choice, item_ids=on)
    return None
