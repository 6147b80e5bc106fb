"""A planner's programme with swaps: the recommended plan, each item's alternatives, and the
plan rebuilt (timetable, costs) from the items the planner chose.

Swaps travel in the URL (`OLD~NEW,OLD~NEW`), so the page keeps no server-side state and the
same swaps always give the same figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from api._errors import ApiError
from api._state import AppState
from catalog import Domain, School, SurveyResponse
from matcher._types import Programme, ScoredItem

_PAIR = re.compile(r"^[\w.\-]{1,64}~[\w.\-]{1,64}$")
MAX_SWAPS = 20


@dataclass(frozen=True)
class PlannerView:
    """What the programme page shows: the plan as JSON, alternatives per chosen item, swaps."""

    doc: dict[str, Any]
    alternatives: dict[str, tuple[ScoredItem, ...]]
    swaps: tuple[tuple[str, str], ...]

    @property
    def swaps_text(self) -> str:
        return format_swaps(self.swaps)


def parse_swaps(text: str | None) -> tuple[tuple[str, str], ...]:
    """`OLD~NEW,OLD~NEW` into pairs; a malformed list is a 422, not a silent drop."""
    parts = [p for p in (text or "").split(",") if p]
    if len(parts) > MAX_SWAPS or not all(_PAIR.match(p) for p in parts):
        raise ApiError(422, "invalid_request", "替换参数有误 / malformed swap list")
    return tuple((p.split("~")[0], p.split("~")[1]) for p in parts)


def format_swaps(swaps: tuple[tuple[str, str], ...]) -> str:
    return ",".join(f"{old}~{new}" for old, new in swaps)


def apply_swaps(
    base: Programme,
    pool: list[ScoredItem],
    swaps: tuple[tuple[str, str], ...],
    school: School,
    state: AppState,
) -> Programme:
    """Replace items, then rebuild the timetable and the semester costs from the chosen items."""
    from matcher._plan import PlanConfig, build_timetable, semester_costs

    if not swaps:
        return base
    by_id = {i.id: i for i in pool}
    chosen = list(base.items)
    for old, new in swaps:
        ids = [i.id for i in chosen]
        if old not in ids or new not in by_id or new in ids:
            raise ApiError(422, "invalid_swap", f"无法替换 / cannot swap {old} for {new}")
        chosen[ids.index(old)] = by_id[new]
    plan = PlanConfig()
    timetable, warnings = build_timetable(chosen, school, state.settings.fee_caps, plan)
    placed = {e.item_id for e in timetable}
    kept = [i for i in chosen if i.id in placed]
    covered = tuple(d.value for d in Domain if any(d.value in i.domains for i in kept))
    return replace(
        base,
        items=tuple(kept),
        timetable=tuple(timetable),
        domains_covered=covered,
        costs=semester_costs(timetable, kept, school, plan),
        warnings=(*base.warnings, *warnings),
    )


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
    state: AppState,
    school: School,
    rows: list[SurveyResponse],
    swaps: tuple[tuple[str, str], ...] = (),
) -> PlannerView:
    """The recommended programme (same as the API's), with the planner's swaps applied."""
    from matcher._plan import wanted_domains
    from matcher._recommend import Recommender
    from matcher._types import programme_json

    with state.lock:
        engine = state.engine()
        rec = Recommender(engine.catalogue, engine.embedder, engine.index, state.settings)
        profile = rec.profile(school.id, rows)
        base = rec.programme(school, profile)
        wanted, _ = wanted_domains(profile.domain_share)
        queries = rec.queries(profile, wanted)  # the same candidates the programme drew from
        pool = rec.scored(school, queries, rec.eligibility(school))
    programme = apply_swaps(base, pool, swaps, school, state)
    return PlannerView(
        programme_json(programme, profile), alternatives_for(programme.items, pool), swaps
    )
